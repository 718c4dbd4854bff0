import { StatsError } from './stats-error.js';

/**
 * Small dense linear algebra on row-major Float64Array matrices (p ≤ a few hundred).
 * Reference: Golub & Van Loan, Matrix Computations, Gaussian elimination with partial pivoting.
 */

/**
 * Inverse of the p×p matrix `a` (row-major) by Gauss-Jordan elimination with partial pivoting. O(p³).
 * @throws StatsError SINGULAR_MATRIX when a pivot vanishes (relative to the largest entry).
 * @example invertMatrix(Float64Array.of(2, 0, 0, 4), 2) // Float64Array [0.5, 0, 0, 0.25]
 */
export function invertMatrix(a: Float64Array, p: number, caller = 'invertMatrix'): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) inv[i * p + i] = 1;
  let scale = 0;
  for (let i = 0; i < p * p; i++) scale = Math.max(scale, Math.abs(m[i]));
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(m[r * p + col]) > Math.abs(m[pivot * p + col])) pivot = r;
    const pv = m[pivot * p + col];
    if (!(Math.abs(pv) > 1e-13 * scale)) throw new StatsError('SINGULAR_MATRIX', `${caller}: the ${p}×${p} matrix is singular (column ${col})`);
    if (pivot !== col) {
      for (let c = 0; c < p; c++) {
        let t = m[col * p + c];
        m[col * p + c] = m[pivot * p + c];
        m[pivot * p + c] = t;
        t = inv[col * p + c];
        inv[col * p + c] = inv[pivot * p + c];
        inv[pivot * p + c] = t;
      }
    }
    for (let c = 0; c < p; c++) {
      m[col * p + c] /= pv;
      inv[col * p + c] /= pv;
    }
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const factor = m[r * p + col];
      if (factor === 0) continue;
      for (let c = 0; c < p; c++) {
        m[r * p + c] -= factor * m[col * p + c];
        inv[r * p + c] -= factor * inv[col * p + c];
      }
    }
  }
  return inv;
}

/**
 * y = A x for a p×q row-major A. O(pq).
 * @example multiplyMatrixVector(Float64Array.of(1, 2, 3, 4), 2, 2, [1, 1]) // Float64Array [3, 7]
 */
export function multiplyMatrixVector(a: Float64Array, p: number, q: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < q; j++) s += a[i * q + j] * x[j];
    y[i] = s;
  }
  return y;
}

/**
 * C = A B with A p×q and B q×r, row-major. O(pqr).
 * @example multiplyMatrices(Float64Array.of(1, 2), Float64Array.of(3, 4), 1, 2, 1) // Float64Array [11]
 */
export function multiplyMatrices(a: Float64Array, b: Float64Array, p: number, q: number, r: number): Float64Array {
  const c = new Float64Array(p * r);
  for (let i = 0; i < p; i++)
    for (let k = 0; k < q; k++) {
      const aik = a[i * q + k];
      if (aik === 0) continue;
      for (let j = 0; j < r; j++) c[i * r + j] += aik * b[k * r + j];
    }
  return c;
}

/**
 * Transpose of a p×q row-major matrix. O(pq).
 * @example transpose(Float64Array.of(1, 2, 3), 1, 3) // Float64Array [1, 2, 3] as 3×1
 */
export function transpose(a: Float64Array, p: number, q: number): Float64Array {
  const t = new Float64Array(p * q);
  for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) t[j * p + i] = a[i * q + j];
  return t;
}

/**
 * A generalised inverse of a symmetric positive semi-definite p×p matrix by the sweep operator: pivots that
 * vanish (linearly dependent columns, relative 1e-10) are skipped and their rows and columns left at 0, so
 * A·G·A = A. Fitted values M·G·M'y of a least-squares problem are the same for any such G. O(p³).
 * @example generalizedInverse(Float64Array.of(1, 1, 1, 1), 2) // Float64Array [1, 0, 0, 0]
 */
export function generalizedInverse(a: Float64Array, p: number): Float64Array {
  const m = Float64Array.from(a);
  const swept = new Uint8Array(p);
  const diagonal = new Float64Array(p);
  for (let k = 0; k < p; k++) diagonal[k] = a[k * p + k];
  for (let k = 0; k < p; k++) {
    const d = m[k * p + k];
    if (!(d > 1e-10 * diagonal[k])) continue;
    swept[k] = 1;
    for (let i = 0; i < p; i++) {
      if (i === k) continue;
      const aik = m[i * p + k];
      if (aik === 0) continue;
      for (let j = 0; j < p; j++) if (j !== k) m[i * p + j] -= (aik * m[k * p + j]) / d;
    }
    for (let i = 0; i < p; i++)
      if (i !== k) {
        m[i * p + k] /= d;
        m[k * p + i] /= d;
      }
    m[k * p + k] = -1 / d;
  }
  const g = new Float64Array(p * p);
  for (let i = 0; i < p; i++) if (swept[i]) for (let j = 0; j < p; j++) if (swept[j]) g[i * p + j] = -m[i * p + j];
  return g;
}
