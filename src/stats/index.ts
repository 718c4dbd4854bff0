// Public surface of the statistics engine (explicit named exports; see README.md).
export { StatsError, type StatsErrorCode } from './stats-error.js';
export {
  categoricalColumn,
  categoricalFromStrings,
  createDataset,
  numericColumn,
  type CategoricalColumn,
  type CodeArray,
  type Column,
  type Dataset,
  type NumericColumn,
} from './dataset.js';
export { createDesign, withWeights, type DesignSpec, type SurveyDesign } from './design.js';
export type { Calibration } from './calibration.js';
export { rake, type CalibrationKind, type Margin, type RakeOptions, type RakingResult } from './rake.js';
export {
  calibrate,
  calibrateMargins,
  type CalibrateOptions,
  type CalibrateResult,
  type CalibrationFunction,
  type CalibrationShortfall,
  type NumericTotal,
} from './calibrate.js';
export { poststratify } from './poststratify.js';
export { trimWeights, type TrimOptions, type TrimmingResult } from './trim.js';
export { weightDiagnostics, type WeightDiagnostics } from './weight-diagnostics.js';
export { estimateMean, type EstimateOptions } from './mean.js';
export { estimateTotal } from './total.js';
export { estimateProportions } from './proportions.js';
export { estimateMultipleResponse } from './multiple-response.js';
export type { MeanEstimate, ProportionEstimate, Unavailable } from './results.js';
export { linearizedCovariance } from './variance.js';
export { proportionInterval, type IntervalMethod, type IntervalOptions } from './proportion-interval.js';
export { ciprop, type ProportionInterval } from './ciprop.js';
export { raoScottChiSquare, type ChiSquareTest } from './rao-scott.js';
export { differenceTest, type DifferenceTest } from './difference-test.js';
export { domainDifference, type DomainDifference } from './domain-difference.js';
export { waveDifference, type EstimateWithError } from './wave-difference.js';
export { sortedSample, weightedQuantile, type QuantileRule, type SortedSample } from './quantile-rule.js';
export { estimateQuantiles, type QuantileEstimate, type QuantileInterval, type QuantileOptions } from './quantile.js';
export { estimateRatio, type RatioEstimate } from './ratio.js';
export { surveyGlm, type GlmCoefficient, type GlmFamily, type GlmFit, type GlmSpec } from './survey-glm.js';
export { panelTrend, type PanelTrend } from './panel-trend.js';
export { columnLetter, columnLetters, type ColumnLetterOptions } from './column-letters.js';
export {
  computeTableSet,
  type EstimateCell,
  type IndicatorSpec,
  type IndicatorTable,
  type TableCell,
  type TableSet,
  type TableSetInput,
  type TableSetOptions,
  type TableSetWave,
  type TrendCell,
  type UnavailableCell,
  type WeightingSummary,
} from './compute-table-set.js';
export {
  betaCdf,
  betaQuantile,
  chiSquareUpperTail,
  fUpperTail,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from './distributions.js';
