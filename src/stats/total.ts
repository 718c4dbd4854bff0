import type { SurveyDesign } from './design.js';
import { estimateMeanOrTotal, type EstimateOptions } from './mean.js';
import type { MeanEstimate, Unavailable } from './results.js';

/**
 * Weighted total Σwy of a numeric column, overall or by domain, with its linearised standard error
 * (influence values w·y, zero outside the domain; missing values left out).
 * Reference: R survey `svytotal`, `svyby(~y, ~by, design, svytotal)`.
 * Complexity O(n) per domain.
 * @throws StatsError UNKNOWN_COLUMN, NOT_NUMERIC.
 * @example estimateTotal(design, 'enroll')
 * // [{ kind: 'total', variable: 'enroll', domain: null, estimate: 3687177.53243828, se: 114641.71610078, ... }]
 */
export function estimateTotal(design: SurveyDesign, variable: string, options: EstimateOptions = {}): readonly (MeanEstimate | Unavailable)[] {
  return estimateMeanOrTotal(design, variable, options, 'total');
}
