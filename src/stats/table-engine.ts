import { categoricalOf, numericValues, type CodeArray } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { fitFromCellSums, type Calibration } from './calibration.js';
import { StatsError } from './stats-error.js';
import { linearizedCovariance } from './variance.js';

/**
 * Internal engine of computeTableSet. An indicator's influence values are w·h(key) where the key of a row is
 * (its answer code, its banner levels, its stratum, its calibration cell), so when each row is its own PSU the
 * linearised variances and covariances of every domain follow exactly from sums over keys (Σ1, Σw, Σw², Σw0 and
 * their products with y): one pass over the rows per column, then O(keys) per estimate. Clustered designs (or
 * tables too large) fall back to influence vectors and `linearizedCovariance`.
 */

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

export type IndicatorInput = { readonly kind: 'proportion'; readonly column: string; readonly yes: readonly number[] } | { readonly kind: 'mean'; readonly column: string };

const MOMENTS = 9; // n, sw, sw2, sw0, swy, sw2y, sw2yy, sw0y, swyy
const MAX_TABLE = 1 << 23;

/** Everything about a design and its banners that does not depend on the indicator. */
export interface DesignFrame {
  readonly design: SurveyDesign;
  readonly banners: readonly { readonly codes: CodeArray; readonly size: number; readonly stride: number }[];
  readonly fast: boolean;
  /**
   * fast path: dense key of each row without the answer (an occupied combination of banner levels, stratum and
   * calibration cell), the number of such keys, and the combination and design cell of each key
   */
  readonly baseKey: Int32Array;
  readonly keys: number;
  readonly comboOfKey: Int32Array;
  readonly cellOfKey: Int32Array;
  readonly designCells: number;
  readonly domainCombos: number;
  readonly calibration: Calibration | null;
  readonly calibrationCells: number;
  readonly stratumOfCell: Int32Array;
  readonly calibrationOfCell: Int32Array;
  readonly weightOfCell: Float64Array;
  readonly squaredWeightOfCell: Float64Array;
  readonly stratumFactor: Float64Array;
  /** g-weight (w/w0) of each calibration cell: Σw0 over a key is Σw / g */
  readonly gOfCalibrationCell: Float64Array;
  readonly rowsPerStratum: Float64Array;
  /** per banner and level: the dense keys of its rows */
  readonly keysOf: readonly (readonly Int32Array[])[];
}

/**
 * Prepares a design for many indicators over the same banners: dense keys, design-cell totals. O(n·banners).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL for a banner.
 * @example prepareDesignFrame(design, ['size'], 'computeTableSet').fast // true without clusters
 */
export function prepareDesignFrame(design: SurveyDesign, bannerNames: readonly string[], caller: string): DesignFrame {
  const n = design.n;
  let stride = 1;
  const banners = bannerNames.map((name) => {
    const column = categoricalOf(design.dataset, name, caller);
    const size = column.levels.length + 1;
    const banner = { codes: column.codes, size, stride };
    stride *= size;
    return banner;
  });
  const domainCombos = stride;
  const calibration = design.calibrations.length === 1 ? design.calibrations[0] : null;
  const calibrationCells = calibration ? calibration.nCells : 1;
  const designCells = design.nStrata * calibrationCells;
  const fullKeys = domainCombos * designCells;
  const fast = !design.hasClusters && design.calibrations.length <= 1 && calibrationCells <= 1 << 16 && fullKeys <= 1 << 22;
  const baseKey = new Int32Array(fast ? n : 0);
  const gOfCalibrationCell = new Float64Array(calibrationCells).fill(1);
  const weightOfCell = new Float64Array(designCells);
  const squaredWeightOfCell = new Float64Array(designCells);
  const stratumOfCell = new Int32Array(designCells);
  const calibrationOfCell = new Int32Array(designCells);
  for (let c = 0; c < designCells; c++) {
    stratumOfCell[c] = Math.floor(c / calibrationCells);
    calibrationOfCell[c] = c % calibrationCells;
  }
  if (fast) {
    const w = design.weights;
    const cell = calibration ? calibration.cell : null;
    // column by column: tight loops over typed arrays
    for (const b of banners) {
      const codes = b.codes;
      const stride = b.stride;
      for (let i = 0; i < n; i++) baseKey[i] += (codes[i] + 1) * stride;
    }
    const stratum = design.stratum;
    for (let i = 0; i < n; i++) {
      const dc = stratum[i] * calibrationCells + (cell ? cell[i] : 0);
      baseKey[i] = baseKey[i] * designCells + dc;
      const wi = w[i];
      weightOfCell[dc] += wi;
      squaredWeightOfCell[dc] += wi * wi;
    }
    if (calibration && cell) {
      const w0 = calibration.preWeights;
      for (let i = 0; i < n; i++) if (w0[i] > 0) gOfCalibrationCell[cell[i]] = w[i] / w0[i];
    }
  }
  // dense keys: only the combinations that occur (banners often coincide with margins), so tables stay small
  let keys = 0;
  let comboOfKey = new Int32Array(0);
  let cellOfKey = new Int32Array(0);
  if (fast) {
    const remap = new Int32Array(fullKeys).fill(-1);
    for (let i = 0; i < n; i++) {
      const full = baseKey[i];
      let dense = remap[full];
      if (dense < 0) dense = remap[full] = keys++;
      baseKey[i] = dense;
    }
    comboOfKey = new Int32Array(keys);
    cellOfKey = new Int32Array(keys);
    for (let full = 0; full < fullKeys; full++) {
      const dense = remap[full];
      if (dense >= 0) {
        comboOfKey[dense] = Math.floor(full / designCells);
        cellOfKey[dense] = full % designCells;
      }
    }
  }
  const rowsPerStratum = design.psuPerStratum;
  const stratumFactor = rowsPerStratum.map((nh, h) => (nh < 2 ? 0 : ((1 - design.samplingFraction[h]) * nh) / (nh - 1)));
  const keysOf = banners.map((b) =>
    Array.from({ length: b.size - 1 }, (_, level) => {
      const list: number[] = [];
      for (let key = 0; key < keys; key++) if (Math.floor(comboOfKey[key] / b.stride) % b.size === level + 1) list.push(key);
      return Int32Array.from(list);
    }),
  );
  return {
    design,
    banners,
    fast,
    baseKey,
    keys,
    comboOfKey,
    cellOfKey,
    designCells,
    domainCombos,
    calibration,
    calibrationCells,
    stratumOfCell,
    calibrationOfCell,
    weightOfCell,
    squaredWeightOfCell,
    stratumFactor,
    rowsPerStratum,
    keysOf,
    gOfCalibrationCell,
  };
}

/**
 * Stats of an indicator overall and in every banner column (fast path, else influence vectors). O(n + keys·levels).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL, NOT_NUMERIC, UNKNOWN_LEVEL.
 * @example indicatorStats(frame, { kind: 'proportion', column: 'q', yes: [1] }, 'x').overall?.estimate // 0.42
 */
export function indicatorStats(frame: DesignFrame, indicator: IndicatorInput, caller: string): IndicatorStats {
  if (frame.fast) {
    if (indicator.kind === 'mean') return fromMoments(frame, meanMoments(frame, indicator.column, caller));
    const [table] = codeTables(frame, [indicator.column], caller);
    if (table) return statsFromCodeTable(frame, table, indicator.yes, caller);
  }
  return fromInfluences(frame, indicator, caller);
}

/** Sums (count, Σw, Σw²) of a categorical column by key = (code + 1, banner levels, stratum, calibration cell). */
export interface CodeTable {
  readonly column: string;
  readonly levels: number;
  readonly table: Float64Array;
}

/**
 * Code tables of several columns, filled four columns per pass over the rows (the row's key and weight are
 * loaded once for four columns). Null for a column whose table would be too large (general path).
 * Complexity O(n·columns). @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL.
 * @example codeTables(frame, ['q1', 'q2'], 'x')[0]?.levels // 2
 */
export function codeTables(frame: DesignFrame, names: readonly string[], caller: string): (CodeTable | null)[] {
  const K = frame.keys;
  const out: (CodeTable | null)[] = names.map(() => null);
  const fill: { index: number; codes: CodeArray; table: Float64Array }[] = [];
  names.forEach((name, index) => {
    const column = categoricalOf(frame.design.dataset, name, caller);
    const L = column.levels.length;
    if (!frame.fast || (L + 1) * K > MAX_TABLE) return;
    const table = new Float64Array((L + 1) * K * 3);
    out[index] = { column: name, levels: L, table };
    fill.push({ index, codes: column.codes, table });
  });
  const base = frame.baseKey;
  const w = frame.design.weights;
  const n = frame.design.n;
  for (let g = 0; g < fill.length; g += 4) {
    const group = fill.slice(g, g + 4);
    if (group.length === 4) {
      const [c0, c1, c2, c3] = group.map((f) => f.codes);
      const [t0, t1, t2, t3] = group.map((f) => f.table);
      for (let i = 0; i < n; i++) {
        const b = base[i];
        const wi = w[i];
        const w2 = wi * wi; // computing w² is faster than loading it
        const one = wi > 0 ? 1 : 0; // a zero-weight row is in no base (R: nobs = Σ(w ≠ 0))
        let k = ((c0[i] + 1) * K + b) * 3;
        t0[k] += one;
        t0[k + 1] += wi;
        t0[k + 2] += w2;
        k = ((c1[i] + 1) * K + b) * 3;
        t1[k] += one;
        t1[k + 1] += wi;
        t1[k + 2] += w2;
        k = ((c2[i] + 1) * K + b) * 3;
        t2[k] += one;
        t2[k + 1] += wi;
        t2[k + 2] += w2;
        k = ((c3[i] + 1) * K + b) * 3;
        t3[k] += one;
        t3[k + 1] += wi;
        t3[k + 2] += w2;
      }
    } else {
      for (const { codes, table } of group) {
        for (let i = 0; i < n; i++) {
          const k = ((codes[i] + 1) * K + base[i]) * 3;
          const wi = w[i];
          table[k] += wi > 0 ? 1 : 0;
          table[k + 1] += wi;
          table[k + 2] += wi * wi;
        }
      }
    }
  }
  return out;
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

function meanMoments(frame: DesignFrame, name: string, caller: string): Float64Array {
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

function fromMoments(frame: DesignFrame, moments: Float64Array): IndicatorStats {
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

/** General path: influence vectors, any design. O(n·columns²) per banner. */
function fromInfluences(frame: DesignFrame, indicator: IndicatorInput, caller: string): IndicatorStats {
  const { design } = frame;
  const n = design.n;
  const y = new Float64Array(n);
  if (indicator.kind === 'proportion') {
    const column = categoricalOf(design.dataset, indicator.column, caller);
    const isYes = new Uint8Array(column.levels.length);
    for (const code of indicator.yes) {
      if (!(code >= 0 && code < column.levels.length)) throw new StatsError('UNKNOWN_LEVEL', `${caller}: column "${indicator.column}" has no code ${code}`);
      isYes[code] = 1;
    }
    for (let i = 0; i < n; i++) y[i] = column.codes[i] < 0 ? NaN : isYes[column.codes[i]];
  } else {
    y.set(numericValues(design.dataset, indicator.column, caller));
  }
  const w = design.weights;
  const domainInfluence = (member: (i: number) => boolean): { stat: DomainStat; x: Float64Array } | null => {
    let count = 0,
      W = 0,
      W2 = 0,
      Wy = 0,
      Wyy = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(y[i]) || !member(i)) continue;
      if (w[i] > 0) count++;
      W += w[i];
      W2 += w[i] * w[i];
      Wy += w[i] * y[i];
      Wyy += w[i] * y[i] * y[i];
    }
    if (count === 0) return null;
    const p = Wy / W;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) if (!Number.isNaN(y[i]) && member(i)) x[i] = (w[i] * (y[i] - p)) / W;
    const unitVariance = count > 1 ? ((Wyy / W - p * p) * count) / (count - 1) : 0;
    return { stat: { estimate: p, variance: 0, n: count, sumWeights: W, sumSquaredWeights: W2, unitVariance }, x };
  };
  const whole = domainInfluence(() => true);
  const overall = whole ? { ...whole.stat, variance: linearizedCovariance(design, [whole.x])[0] } : null;
  const banners = frame.banners.map((b) => {
    const parts = Array.from({ length: b.size - 1 }, (_, level) => domainInfluence((i) => b.codes[i] === level));
    const present = parts.flatMap((part, j) => (part ? [j] : []));
    const v = linearizedCovariance(
      design,
      present.map((j) => parts[j]!.x),
    );
    const k = parts.length;
    const cov = new Float64Array(k * k);
    present.forEach((a, i) =>
      present.forEach((c, j) => {
        cov[a * k + c] = v[i * present.length + j];
      }),
    );
    return { stats: parts.map((part, j) => (part ? { ...part.stat, variance: cov[j * k + j] } : null)), covariance: cov };
  });
  return { overall, banners };
}
