import { normalCdf, studentTCdf } from './distributions.js';

export interface DifferenceTest {
  readonly kind: 'difference';
  /** a − b */
  readonly difference: number;
  readonly se: number;
  /** difference / se */
  readonly statistic: number;
  /** two-sided p-value (normal, or Student t on df) */
  readonly p: number;
  readonly significant: boolean;
}

/**
 * Two-sided test of a − b = 0 for two linearised estimates with variances va, vb and covariance cov
 * (0 for independent samples): se = √(va + vb − 2cov), p from the normal law, or Student t on `df`.
 * A zero standard error with a non-zero difference gives p = 0; a zero difference gives p = 1.
 * Reference: Kish (1965) §14.1; R `svycontrast(svyby(...), c(1, -1))`.
 * Complexity O(1).
 * @example differenceTest(0.55, 0.50, 0.0004, 0.0005, 0) // { kind: 'difference', difference: 0.05, se: 0.03, statistic: 1.667, p: 0.0956, significant: false }
 */
export function differenceTest(a: number, b: number, va: number, vb: number, cov = 0, options: { alpha?: number; df?: number } = {}): DifferenceTest {
  const alpha = options.alpha ?? 0.05;
  const difference = a - b;
  const se = Math.sqrt(Math.max(0, va + vb - 2 * cov));
  let statistic: number;
  let p: number;
  if (se === 0) {
    statistic = difference === 0 ? 0 : Math.sign(difference) * Infinity;
    p = difference === 0 ? 1 : 0;
  } else {
    statistic = difference / se;
    const df = options.df ?? Infinity;
    p = 2 * (Number.isFinite(df) && df > 0 ? studentTCdf(Math.abs(statistic), df, true) : normalCdf(Math.abs(statistic), true));
  }
  return Object.freeze({ kind: 'difference', difference, se, statistic, p, significant: p < alpha });
}
