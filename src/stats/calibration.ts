/**
 * What a calibration (raking or post-stratification) leaves in a design so that variances account for it:
 * the weights before and after, and the margin indicators collapsed into calibration cells.
 * Not built directly: `rake` and `poststratify` return designs carrying one.
 */
export interface Calibration {
  readonly kind: 'raking' | 'poststratification' | 'linear' | 'logit';
  readonly variables: readonly string[];
  /** weights before calibration (w0) */
  readonly preWeights: Float64Array;
  /** weights after calibration (w = g·w0) */
  readonly weights: Float64Array;
  /** calibration cell of each row (a combination of margin levels, or the row itself) */
  readonly cell: Int32Array;
  readonly nCells: number;
  /** for each cell and margin (nCells × margins), the column of the margin-indicator matrix M, or -1 */
  readonly cellColumns: Int32Array;
  readonly nMargins: number;
  /** number of columns of M (all levels of the first margin, the others minus their first level) */
  readonly p: number;
  /** a generalised inverse of M'W0M, p×p */
  readonly inverseCrossProduct: Float64Array;
  /** dense columns of M beside the indicators (an intercept, numeric totals): how many, their column in M, their value in each cell (nCells × nDense) */
  readonly nDense: number;
  readonly denseColumns: Int32Array;
  readonly denseValues: Float64Array;
}

/** The dense part of a calibration with none (margin indicators only). */
export const NO_DENSE_COLUMNS = Object.freeze({ nDense: 0, denseColumns: new Int32Array(0), denseValues: new Float64Array(0) });

/**
 * Fitted value (Mβ) of each calibration cell (R: the `qr.resid` step of `svyrecvar` for `greg_calibration`), where β is the weighted least-squares coefficient of x/(g·w0)
 * on the margin indicators with weights w0: β = (M'W0M)⁻ M'(x/g). O(n·margins + p²).
 * @example calibrationFit(calibration, influence)[cell] // (Mβ) of that cell
 */
export function calibrationFit(calibration: Calibration, x: Float64Array): Float64Array {
  const { cell, preWeights, weights, nCells } = calibration;
  const byCell = new Float64Array(nCells);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v !== 0) byCell[cell[i]] += (v * preWeights[i]) / weights[i];
  }
  return fitFromCellSums(calibration, byCell);
}

/**
 * Same as calibrationFit from Σ_{k∈cell} x_k/g_k already summed by cell. O(cells·margins + p²).
 * @example fitFromCellSums(calibration, byCell) // Float64Array of one fitted value per cell
 */
export function fitFromCellSums(calibration: Calibration, byCell: Float64Array): Float64Array {
  const { cellColumns, nMargins, p, inverseCrossProduct, nCells, nDense, denseColumns, denseValues } = calibration;
  const u = new Float64Array(p);
  for (let c = 0; c < nCells; c++) {
    const v = byCell[c];
    if (v === 0) continue;
    for (let j = 0; j < nMargins; j++) {
      const col = cellColumns[c * nMargins + j];
      if (col >= 0) u[col] += v;
    }
    for (let k = 0; k < nDense; k++) u[denseColumns[k]] += v * denseValues[c * nDense + k];
  }
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let s = 0;
    for (let b = 0; b < p; b++) s += inverseCrossProduct[a * p + b] * u[b];
    beta[a] = s;
  }
  const fit = new Float64Array(nCells);
  for (let c = 0; c < nCells; c++) {
    let s = 0;
    for (let j = 0; j < nMargins; j++) {
      const col = cellColumns[c * nMargins + j];
      if (col >= 0) s += beta[col];
    }
    for (let k = 0; k < nDense; k++) s += beta[denseColumns[k]] * denseValues[c * nDense + k];
    fit[c] = s;
  }
  return fit;
}

/**
 * Residual influence values after calibration, as R's `svyrecvar` does for `calibrate()` designs:
 * x − w·(Mβ), i.e. the weighted regression residuals of x/(g·w0) on the margin indicators, times the
 * calibrated weight. Reference: Deville & Särndal (1992); R survey `svyrecvar`. O(n·margins + p²).
 * @example calibrationResiduals(calibration, x) // x − w·(Mβ), summing to 0 on every margin level
 */
export function calibrationResiduals(calibration: Calibration, x: Float64Array): Float64Array {
  const fit = calibrationFit(calibration, x);
  const { cell, weights } = calibration;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] - weights[i] * fit[cell[i]];
  return out;
}

/**
 * Column of the margin-indicator matrix for each level of each margin (-1: dropped level): all present levels of
 * the first margin (they span the intercept), the others without their first present level. O(levels).
 * @example marginColumns([2, 3], [Uint8Array.of(1, 1), Uint8Array.of(1, 1, 1)]) // { columns: [[0, 1], [-1, 2, 3]], p: 4 }
 */
export function marginColumns(levelCounts: readonly number[], present: readonly Uint8Array[]): { columns: Int32Array[]; p: number } {
  let p = 0;
  const columns = levelCounts.map((count, j) => {
    const cols = new Int32Array(count).fill(-1);
    let first = true;
    for (let l = 0; l < count; l++) {
      if (!present[j][l]) continue;
      if (j > 0 && first) {
        first = false;
        continue;
      }
      first = false;
      cols[l] = p++;
    }
    return cols;
  });
  return { columns, p };
}
