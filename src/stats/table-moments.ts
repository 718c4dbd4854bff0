import { numericValues } from './dataset.js';
import { fitFromCellSums } from './calibration.js';
import type { CodeTable } from './code-tables.js';
import type { DesignFrame } from './design-frame.js';
import { StatsError } from './stats-error.js';

// Packed moments: the sums an indicator's estimate and linearised variance need, MOMENTS per key, packed
// key after key in one Float64Array(K·MOMENTS):
//
//   m[k·9 + 0] n      rows with w > 0             m[k·9 + 5] Σw²y
//   m[k·9 + 1] Σw                                 m[k·9 + 6] Σw²y²
//   m[k·9 + 2] Σw²                                m[k·9 + 7] Σw0·y     (w0: weight before calibration)
//   m[k·9 + 3] Σw0                                m[k·9 + 8] Σw·y²
//   m[k·9 + 4] Σw·y
//
// (for a share, y ∈ {0, 1}, so y² = y.) evaluate() adds the keys of a domain into the same nine sums per design
// cell (agg: Float64Array(C·9)), then per cell c with p = Σwy / Σw and W = Σw of the domain:
//   A1 = (Σwy − pΣw)/W,  A2 = (Σw²y − pΣw²)/W,  B = (Σw²y² − 2pΣw²y + p²Σw²)/W²
// summed by stratum (t1 += A1 − m_q·Σw_c, t2 += B − 2m_q·A2 + m_q²·Σw²_c, m_q the calibration fit of cell q)
// into variance = Σ_h factor_h · (t2_h − t1_h² / n_h). Disjoint domains (the columns of a banner) share only
// calibration terms: covariance() uses A2 and the fits alone.

const MOMENTS = 9; // n, sw, sw2, sw0, swy, sw2y, sw2yy, sw0y, swyy

/** Per-domain figures an indicator cell is built from. */
export interface DomainStat {
  readonly estimate: number;
  readonly variance: number;
  /** unweighted base */
  readonly n: number;
  readonly sumWeights: number;
  readonly sumSquaredWeights: number;
  /** weighted unit variance of y × n/(n−1) (for the design effect) */
  readonly unitVariance: number;
}

export interface IndicatorStats {
  readonly overall: DomainStat | null;
  /** per banner: stats of each column (null: no respondent) and their covariance matrix */
  readonly banners: readonly { readonly stats: readonly (DomainStat | null)[]; readonly covariance: Float64Array }[];
}

/**
 * Stats of a share indicator (`yes` codes among codes ≠ −1) from its column's code table. O(levels·keys).
 * @throws StatsError UNKNOWN_LEVEL for a code outside the levels.
 * @example statsFromCodeTable(frame, table, [1], 'x').banners[0].stats[0]?.estimate // 0.37
 */
export function statsFromCodeTable(frame: DesignFrame, code: CodeTable, yes: readonly number[], caller: string): IndicatorStats {
  const L = code.levels;
  const K = frame.keys;
  const isYes = new Uint8Array(L);
  for (const c of yes) {
    if (!(c >= 0 && c < L)) throw new StatsError('UNKNOWN_LEVEL', `${caller}: column "${code.column}" has no code ${c}`);
    isYes[c] = 1;
  }
  const table = code.table;
  const inverseG = new Float64Array(K);
  for (let k = 0; k < K; k++) inverseG[k] = 1 / frame.gOfCalibrationCell[frame.calibrationOfCell[frame.cellOfKey[k]]];
  // Σw0 of a key is Σw / g of its calibration cell
  const m = new Float64Array(K * MOMENTS);
  for (let c = 0; c < L; c++) {
    const y = isYes[c];
    const offset = (c + 1) * K;
    for (let k = 0; k < K; k++) {
      const t = (offset + k) * 3;
      const count = table[t];
      if (count === 0) continue;
      const sw = table[t + 1],
        sw2 = table[t + 2],
        sw0 = sw * inverseG[k];
      const o = k * MOMENTS;
      m[o] += count;
      m[o + 1] += sw;
      m[o + 2] += sw2;
      m[o + 3] += sw0;
      if (y) {
        m[o + 4] += sw;
        m[o + 5] += sw2;
        m[o + 6] += sw2;
        m[o + 7] += sw0;
        m[o + 8] += sw;
      }
    }
  }
  return fromMoments(frame, m);
}

/** Packed moments of a numeric column (a mean indicator), one pass over the rows. */
export function meanMoments(frame: DesignFrame, name: string, caller: string): Float64Array {
  const y = numericValues(frame.design.dataset, name, caller);
  const m = new Float64Array(frame.keys * MOMENTS);
  const w = frame.design.weights;
  const w0 = frame.calibration ? frame.calibration.preWeights : w;
  const base = frame.baseKey;
  for (let i = 0; i < frame.design.n; i++) {
    const v = y[i];
    if (Number.isNaN(v)) continue;
    const o = base[i] * MOMENTS;
    const wi = w[i],
      w2 = wi * wi;
    m[o] += wi > 0 ? 1 : 0;
    m[o + 1] += wi;
    m[o + 2] += w2;
    m[o + 3] += w0[i];
    m[o + 4] += wi * v;
    m[o + 5] += w2 * v;
    m[o + 6] += w2 * v * v;
    m[o + 7] += w0[i] * v;
    m[o + 8] += wi * v * v;
  }
  return m;
}

interface Evaluated {
  readonly stat: DomainStat;
  readonly a2: Float64Array;
  readonly fit: Float64Array | null;
  readonly t1: Float64Array;
}

function evaluate(frame: DesignFrame, moments: Float64Array, keys: Int32Array | null): Evaluated | null {
  const C = frame.designCells;
  const agg = new Float64Array(C * MOMENTS);
  const add = (key: number) => {
    const from = key * MOMENTS;
    const to = frame.cellOfKey[key] * MOMENTS;
    for (let j = 0; j < MOMENTS; j++) agg[to + j] += moments[from + j];
  };
  if (keys) for (const key of keys) add(key);
  else for (let key = 0; key < frame.keys; key++) add(key);
  let count = 0,
    W = 0,
    W2 = 0,
    Wy = 0,
    Wyy = 0;
  for (let c = 0; c < C; c++) {
    const o = c * MOMENTS;
    count += agg[o];
    W += agg[o + 1];
    W2 += agg[o + 2];
    Wy += agg[o + 4];
    Wyy += agg[o + 8];
  }
  if (count === 0 || !(W > 0)) return null;
  const p = Wy / W;
  const a2 = new Float64Array(C);
  let fit: Float64Array | null = null;
  if (frame.calibration) {
    const byCal = new Float64Array(frame.calibrationCells);
    for (let c = 0; c < C; c++) {
      const o = c * MOMENTS;
      byCal[frame.calibrationOfCell[c]] += (agg[o + 7] - p * agg[o + 3]) / W;
    }
    fit = fitFromCellSums(frame.calibration, byCal);
  }
  const nStrata = frame.design.nStrata;
  const t1 = new Float64Array(nStrata),
    t2 = new Float64Array(nStrata);
  for (let c = 0; c < C; c++) {
    const o = c * MOMENTS;
    const h = frame.stratumOfCell[c];
    const mc = fit ? fit[frame.calibrationOfCell[c]] : 0;
    const A1 = (agg[o + 4] - p * agg[o + 1]) / W;
    const A2 = (agg[o + 5] - p * agg[o + 2]) / W;
    const B = (agg[o + 6] - 2 * p * agg[o + 5] + p * p * agg[o + 2]) / (W * W);
    a2[c] = A2;
    t1[h] += A1 - mc * frame.weightOfCell[c];
    t2[h] += B - 2 * mc * A2 + mc * mc * frame.squaredWeightOfCell[c];
  }
  let variance = 0;
  for (let h = 0; h < nStrata; h++) {
    // centred sum of squares from raw sums: below 1e-12 of the raw sum it is cancellation noise (influence values
    // constant within the stratum, as a stratum's own share), and R's two-pass value is exactly 0
    const centred = t2[h] - (t1[h] * t1[h]) / frame.rowsPerStratum[h];
    if (centred > 1e-12 * t2[h]) variance += frame.stratumFactor[h] * centred;
  }
  const unitVariance = count > 1 ? ((Wyy / W - p * p) * count) / (count - 1) : 0;
  return { stat: { estimate: p, variance: Math.max(0, variance), n: count, sumWeights: W, sumSquaredWeights: W2, unitVariance }, a2, fit, t1 };
}

function covariance(frame: DesignFrame, a: Evaluated, b: Evaluated): number {
  // disjoint domains: only the calibration terms link them
  const nStrata = frame.design.nStrata;
  const t2 = new Float64Array(nStrata);
  if (a.fit && b.fit) {
    for (let c = 0; c < frame.designCells; c++) {
      const cal = frame.calibrationOfCell[c];
      const ma = a.fit[cal],
        mb = b.fit[cal];
      t2[frame.stratumOfCell[c]] += -mb * a.a2[c] - ma * b.a2[c] + ma * mb * frame.squaredWeightOfCell[c];
    }
  }
  let cov = 0;
  for (let h = 0; h < nStrata; h++) cov += frame.stratumFactor[h] * (t2[h] - (a.t1[h] * b.t1[h]) / frame.rowsPerStratum[h]);
  return cov;
}

/** Overall and per-banner-column stats, with each banner's covariance matrix, from packed moments. */
export function fromMoments(frame: DesignFrame, moments: Float64Array): IndicatorStats {
  const overall = evaluate(frame, moments, null);
  const banners = frame.keysOf.map((levels) => {
    const evaluated = levels.map((keys) => evaluate(frame, moments, keys));
    const k = evaluated.length;
    const cov = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      const ei = evaluated[i];
      if (!ei) continue;
      cov[i * k + i] = ei.stat.variance;
      for (let j = i + 1; j < k; j++) {
        const ej = evaluated[j];
        if (!ej) continue;
        cov[i * k + j] = cov[j * k + i] = covariance(frame, ei, ej);
      }
    }
    return { stats: evaluated.map((e) => e?.stat ?? null), covariance: cov };
  });
  return { overall: overall?.stat ?? null, banners };
}
