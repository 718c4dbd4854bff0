import { categoricalOf } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { chiSquareUpperTail, fUpperTail } from './distributions.js';
import { invertMatrix, multiplyMatrices, transpose } from './linear-algebra.js';
import { StatsError } from './stats-error.js';
import { linearizedCovariance } from './variance.js';

export interface ChiSquareTest {
  readonly kind: 'chisq';
  readonly rows: string;
  readonly cols: string;
  /** 'F': Rao-Scott second-order F; 'Chisq': Pearson X² with the first-order (mean eigenvalue) correction */
  readonly statistic: 'F' | 'Chisq';
  readonly value: number;
  /** [numerator, denominator] for F, (r−1)(c−1) for Chisq */
  readonly df: readonly [number, number] | number;
  readonly p: number;
  /** Pearson X² of the weighted table rescaled to the sample size */
  readonly pearson: number;
  /** mean eigenvalue of the design-effect matrix Δ */
  readonly meanEigenvalue: number;
}

/**
 * Rao-Scott test of independence of two categorical columns. Pearson's X² of the weighted table rescaled
 * to n; Δ = (C'D⁻¹C/n)⁻¹ (C'D⁻¹VD⁻¹C) with C the interaction contrasts orthogonal to the main effects,
 * D the cell proportions and V their design covariance. `F`: X²/tr Δ on (d, d·ν) degrees of freedom with
 * d = (tr Δ)²/tr Δ² and ν the design df (second order). `Chisq`: p from X²/mean eigenvalue on (r−1)(c−1) df
 * (first order).
 * Reference: R survey `svychisq(~rows + cols, design, statistic = "F" | "Chisq")`; Rao & Scott (1984),
 * Annals of Statistics 12:46-60.
 * Complexity O(n·r·c + (rc)³).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL, EMPTY_SAMPLE (fewer than 2 levels present in either).
 * @example raoScottChiSquare(design, 'sch.wide', 'stype', { statistic: 'F' })
 * // { kind: 'chisq', value: 17.2474439638888, df: [1.82867150416358, 360.248286320226], p: 2.03504635946512e-7, ... }
 */
export function raoScottChiSquare(design: SurveyDesign, rows: string, cols: string, options: { statistic?: 'F' | 'Chisq' } = {}): ChiSquareTest {
  const statistic = options.statistic ?? 'F';
  const rc = categoricalOf(design.dataset, rows, 'raoScottChiSquare');
  const cc = categoricalOf(design.dataset, cols, 'raoScottChiSquare');
  const n = design.n;
  const w = design.weights;
  // levels present in the data (R: unique values)
  const rowMap = presentLevels(rc.codes, rc.levels.length);
  const colMap = presentLevels(cc.codes, cc.levels.length);
  const nr = rowMap.count;
  const nc = colMap.count;
  if (nr < 2 || nc < 2) throw new StatsError('EMPTY_SAMPLE', `raoScottChiSquare: "${rows}" × "${cols}" needs at least 2 levels of each (${nr} × ${nc} present)`);
  const K = nr * nc;
  const cellOf = new Int32Array(n).fill(-1);
  const weighted = new Float64Array(K);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = rc.codes[i],
      c = cc.codes[i];
    if (r < 0 || c < 0) continue;
    const k = rowMap.index[r] + nr * colMap.index[c];
    cellOf[i] = k;
    weighted[k] += w[i];
    total += w[i];
  }
  const mean = weighted.map((v) => v / total);
  const xs = Array.from({ length: K }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const k = cellOf[i];
    if (k < 0) continue;
    for (let j = 0; j < K; j++) xs[j][i] = (w[i] * ((j === k ? 1 : 0) - mean[j])) / total;
  }
  const V = linearizedCovariance(design, xs);
  // Pearson X² of the table scaled to N = n rows
  const N = n;
  const table = weighted.map((v) => (v * N) / total);
  const rowSums = new Float64Array(nr),
    colSums = new Float64Array(nc);
  for (let a = 0; a < nr; a++)
    for (let b = 0; b < nc; b++) {
      rowSums[a] += table[a + nr * b];
      colSums[b] += table[a + nr * b];
    }
  let pearson = 0;
  for (let a = 0; a < nr; a++)
    for (let b = 0; b < nc; b++) {
      const expected = (rowSums[a] * colSums[b]) / N;
      if (expected > 0) pearson += (table[a + nr * b] - expected) ** 2 / expected;
    }
  // C: interaction columns residualised on [1, row dummies, col dummies]
  const main: Float64Array[] = [];
  main.push(new Float64Array(K).fill(1));
  for (let a = 1; a < nr; a++) main.push(Float64Array.from({ length: K }, (_, k) => (k % nr === a ? 1 : 0)));
  for (let b = 1; b < nc; b++) main.push(Float64Array.from({ length: K }, (_, k) => (Math.floor(k / nr) === b ? 1 : 0)));
  const basis = orthonormalize(main);
  const q = (nr - 1) * (nc - 1);
  const C = new Float64Array(K * q);
  let col = 0;
  for (let b = 1; b < nc; b++)
    for (let a = 1; a < nr; a++) {
      const v = Float64Array.from({ length: K }, (_, k) => (k % nr === a && Math.floor(k / nr) === b ? 1 : 0));
      for (const e of basis) {
        let dot = 0;
        for (let k = 0; k < K; k++) dot += e[k] * v[k];
        for (let k = 0; k < K; k++) v[k] -= dot * e[k];
      }
      for (let k = 0; k < K; k++) C[k * q + col] = v[k];
      col++;
    }
  const iD = mean.map((m) => (m === 0 ? 0 : 1 / m));
  const Ct = transpose(C, K, q);
  const CtiD = new Float64Array(q * K);
  for (let a = 0; a < q; a++) for (let k = 0; k < K; k++) CtiD[a * K + k] = Ct[a * K + k] * iD[k];
  const denom = multiplyMatrices(CtiD, C, q, K, q).map((v) => v / N);
  const iDC = new Float64Array(K * q);
  for (let k = 0; k < K; k++) for (let a = 0; a < q; a++) iDC[k * q + a] = iD[k] * C[k * q + a];
  const numr = multiplyMatrices(multiplyMatrices(CtiD, V, q, K, K), iDC, q, K, q);
  const delta = multiplyMatrices(invertMatrix(denom, q, 'raoScottChiSquare'), numr, q, q, q);
  let trace = 0,
    trace2 = 0;
  for (let a = 0; a < q; a++) {
    trace += delta[a * q + a];
    for (let b = 0; b < q; b++) trace2 += delta[a * q + b] * delta[b * q + a];
  }
  const meanEigenvalue = trace / q;
  if (statistic === 'F') {
    const value = pearson / trace;
    const d0 = (trace * trace) / trace2;
    // R's svychisq counts every cluster and stratum, zero-weight rows included (unlike degf)
    const nu = design.nPsu - design.nStrata;
    return Object.freeze({
      kind: 'chisq',
      rows,
      cols,
      statistic,
      value,
      df: Object.freeze([d0, d0 * nu] as [number, number]),
      p: fUpperTail(value, d0, d0 * nu),
      pearson,
      meanEigenvalue,
    });
  }
  return Object.freeze({ kind: 'chisq', rows, cols, statistic, value: pearson, df: q, p: chiSquareUpperTail(pearson / meanEigenvalue, q), pearson, meanEigenvalue });
}

function presentLevels(codes: ArrayLike<number>, nLevels: number): { index: Int32Array; count: number } {
  const seen = new Uint8Array(nLevels);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) seen[codes[i]] = 1;
  const index = new Int32Array(nLevels).fill(-1);
  let count = 0;
  for (let l = 0; l < nLevels; l++) if (seen[l]) index[l] = count++;
  return { index, count };
}

function orthonormalize(vectors: Float64Array[]): Float64Array[] {
  const out: Float64Array[] = [];
  for (const v0 of vectors) {
    const v = Float64Array.from(v0);
    for (let pass = 0; pass < 2; pass++)
      for (const e of out) {
        let dot = 0;
        for (let k = 0; k < v.length; k++) dot += e[k] * v[k];
        for (let k = 0; k < v.length; k++) v[k] -= dot * e[k];
      }
    let norm = 0;
    for (let k = 0; k < v.length; k++) norm += v[k] * v[k];
    norm = Math.sqrt(norm);
    if (norm > 1e-12) out.push(v.map((x) => x / norm));
  }
  return out;
}
