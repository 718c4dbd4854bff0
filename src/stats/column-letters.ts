import { differenceTest } from './difference-test.js';
import { StatsError } from './stats-error.js';

export interface ColumnLetterOptions {
  /** significance level (default 0.05) */
  readonly alpha?: number;
  /** multiple-comparison correction over the column pairs: none (default), bonferroni or holm */
  readonly correction?: 'none' | 'bonferroni' | 'holm';
  /** Student t degrees of freedom (default: normal) */
  readonly df?: number;
  /** letters of the columns (default A, B, C, ...) */
  readonly letters?: readonly string[];
}

/**
 * Letter of banner column i (0-based): A..Z, then AA, AB, ... Complexity O(log i).
 * @example columnLetter(0) // 'A'; columnLetter(27) // 'AB'
 */
export function columnLetter(i: number): string {
  let s = '';
  let k = i;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/**
 * Column-proportion tests of a banner table: for each pair of columns (j, k) with estimates, a two-sided
 * test of e_j − e_k with se √(v_j + v_k − 2c_jk) from the covariance matrix (columns of one wave are
 * correlated through the weighting); column j lists the letter of every column k it significantly exceeds.
 * Columns whose estimate is null (not available) get no letter and are not compared.
 * Reference: the "column proportions test" of banner tables (e.g. IBM SPSS Custom Tables), with design-based
 * variances; Holm (1979) for the step-down correction.
 * Complexity O(k²) pairs.
 * @throws StatsError LENGTH_MISMATCH when the covariance is not k×k.
 * @example columnLetters([0.62, 0.48, 0.55], Float64Array.of(4e-4, 0, 0, 0, 5e-4, 0, 0, 0, 6e-4))
 * // ['B', '', '']
 */
export function columnLetters(estimates: readonly (number | null)[], covariance: Float64Array, options: ColumnLetterOptions = {}): readonly string[] {
  const k = estimates.length;
  if (covariance.length !== k * k) throw new StatsError('LENGTH_MISMATCH', `columnLetters: covariance has ${covariance.length} entries for ${k} columns`);
  const alpha = options.alpha ?? 0.05;
  const correction = options.correction ?? 'none';
  const letters = options.letters ?? estimates.map((_, i) => columnLetter(i));
  const pairs: { j: number; k: number; p: number; sign: number }[] = [];
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      const ea = estimates[a],
        eb = estimates[b];
      if (ea === null || eb === null) continue;
      const test = differenceTest(ea, eb, covariance[a * k + a], covariance[b * k + b], covariance[a * k + b], { df: options.df });
      pairs.push({ j: a, k: b, p: test.p, sign: Math.sign(test.difference) });
    }
  const m = pairs.length;
  const significant = new Uint8Array(m);
  if (correction === 'holm') {
    const order = pairs.map((_, i) => i).sort((x, y) => pairs[x].p - pairs[y].p);
    for (let r = 0; r < m; r++) {
      if (pairs[order[r]].p * (m - r) < alpha) significant[order[r]] = 1;
      else break;
    }
  } else {
    const factor = correction === 'bonferroni' ? m : 1;
    for (let i = 0; i < m; i++) significant[i] = pairs[i].p * factor < alpha ? 1 : 0;
  }
  const out: string[][] = estimates.map(() => []);
  pairs.forEach((pair, i) => {
    if (!significant[i] || pair.sign === 0) return;
    if (pair.sign > 0) out[pair.j].push(letters[pair.k]);
    else out[pair.k].push(letters[pair.j]);
  });
  return Object.freeze(out.map((l) => l.sort().join('')));
}
