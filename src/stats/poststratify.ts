import type { SurveyDesign } from './design.js';
import { calibrateToMargins, type Margin, type RakingResult } from './rake.js';

/**
 * Post-stratification: each respondent's weight is multiplied by N_h / Σ_{k∈h} w_k of its post-stratum h, so
 * the weighted counts equal the population counts. Standard errors then use the residuals of the influence
 * values from their post-stratum means, as R's `postStratify()` (and `calibrate` with one factor) does.
 * Reference: R survey `postStratify`; Holt & Smith (1979).
 * Complexity O(n).
 * @throws StatsError as `rake` for one margin (EMPTY_MARGIN_LEVEL, ZERO_POPULATION, UNKNOWN_LEVEL, ...).
 * @example poststratify(design, { variable: 'stype', population: { E: 4421, H: 755, M: 1018 } }).iterations // 1
 */
export function poststratify(design: SurveyDesign, margin: Margin): RakingResult {
  return calibrateToMargins(design, [margin], { tolerance: 1e-12, maxIterations: 5 }, 'poststratify', 'poststratification');
}
