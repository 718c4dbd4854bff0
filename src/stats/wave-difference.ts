import { differenceTest, type DifferenceTest } from './difference-test.js';

/** An estimate with its standard error. */
export interface EstimateWithError {
  readonly estimate: number;
  readonly se: number;
}

/**
 * Change between two independent waves (separate samples): current − previous, se = √(se₁² + se₂²), two-sided
 * normal test (or Student t on `df`).
 * Reference: Kish (1965) §12.10 (independent samples).
 * Complexity O(1).
 * @example waveDifference({ estimate: 0.62, se: 0.012 }, { estimate: 0.58, se: 0.013 })
 * // { kind: 'difference', difference: 0.04, se: 0.01769, statistic: 2.261, p: 0.0237, significant: true }
 */
export function waveDifference(current: EstimateWithError, previous: EstimateWithError, options: { alpha?: number; df?: number } = {}): DifferenceTest {
  return differenceTest(current.estimate, previous.estimate, current.se ** 2, previous.se ** 2, 0, options);
}
