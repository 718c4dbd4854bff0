// Public surface of the statistics engine (explicit exports; see README.md).
export { StatsError, type StatsErrorCode } from './stats-error.js';
export {
  categoricalColumn, categoricalFromStrings, createDataset, numericColumn,
  type CategoricalColumn, type CodeArray, type Column, type Dataset, type NumericColumn,
} from './dataset.js';
export { createDesign, withWeights, type DesignSpec, type SurveyDesign } from './design.js';
export { rake, type Margin, type RakeOptions, type RakingResult } from './rake.js';
export { poststratify } from './poststratify.js';
export { weightDiagnostics, type WeightDiagnostics } from './weight-diagnostics.js';
export { estimateMean, type EstimateOptions } from './mean.js';
export { estimateTotal } from './total.js';
export { estimateProportions } from './proportions.js';
export type { MeanEstimate, ProportionEstimate, Unavailable } from './results.js';
export { proportionInterval, type IntervalMethod, type IntervalOptions } from './proportion-interval.js';
export { ciprop, type ProportionInterval } from './ciprop.js';
export { raoScottChiSquare, type ChiSquareTest } from './rao-scott.js';
export { linearizedCovariance } from './variance.js';
