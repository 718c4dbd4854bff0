import type { SurveyDesign } from './design.js';
import { domainDifference } from './domain-difference.js';
import { StatsError } from './stats-error.js';

export interface PanelTrend {
  readonly kind: 'trend';
  readonly variable: string;
  readonly level: string;
  readonly from: { readonly wave: string; readonly estimate: number; readonly se: number };
  readonly to: { readonly wave: string; readonly estimate: number; readonly se: number };
  /** to − from */
  readonly difference: number;
  readonly se: number;
  /** design covariance of the two waves' estimates (positive when the same respondents answer alike) */
  readonly covariance: number;
  readonly statistic: number;
  /** two-sided, Student t on the design degrees of freedom of the stacked waves */
  readonly p: number;
  readonly df: number;
}

/**
 * Change between two waves of a panel barometer in the share of respondents whose `variable` equals `level`.
 * The estimator: the waves are stacked in one design whose cluster (`ids`) is the respondent id (or a cluster
 * containing respondents, such as the sampled PSU), so a respondent interviewed in both waves is one sampling
 * unit with two rows; each wave's share is a domain mean (domain = the wave) and
 * se(to − from) = √(v_from + v_to − 2 c), where the covariance c comes from the respondents the waves share
 * (independent waves give c = 0; respondents present in one wave only still count in the variance). The
 * weights are each wave's own (cross-sectional) weights; strata must not change across waves for a respondent
 * (a respondent who changes stratum becomes two clusters, as R's `nest = TRUE`).
 * Reference: R survey `svycontrast(svyby(~I(variable == level), ~wave, svydesign(ids = ~respondent, ...),
 * svymean, covmat = TRUE), c(-1, 1))`, or the wave coefficient of `svyglm(I(variable == level) ~ wave)` (also on a
 * design calibrated wave by wave, e.g. raked on a wave × size column); Kish (1965) §12.4 (overlapping samples).
 * Complexity O(n).
 * @throws StatsError INVALID_ARGUMENT (a design without clusters: the waves' covariance would be lost),
 *   UNKNOWN_COLUMN, NOT_CATEGORICAL, UNKNOWN_LEVEL, EMPTY_SAMPLE (a wave without respondent).
 * @example panelTrend(design, 'opinion', 'Oui', 'wave', '2024', '2025')
 * // panel.csv (ids respondent, strata size): { kind: 'trend', difference: 0.0527248106287993, se: 0.03150915823206164,
 * //   covariance: 0.00011699675429389929, p: 0.0947136046499264, ... } (as independent waves, se would be 0.0350)
 */
export function panelTrend(design: SurveyDesign, variable: string, level: string, wave: string, from: string, to: string): PanelTrend {
  if (!design.hasClusters) {
    throw new StatsError('INVALID_ARGUMENT', 'panelTrend: the design has no cluster; give the respondent id as the cluster (ids) so that the waves share their respondents');
  }
  const df = design.degreesOfFreedom;
  const d = domainDifference(design, variable, [level], wave, to, from, { df });
  return Object.freeze({
    kind: 'trend',
    variable,
    level,
    from: Object.freeze({ wave: from, estimate: d.estimates[1], se: Math.sqrt(d.variances[1]) }),
    to: Object.freeze({ wave: to, estimate: d.estimates[0], se: Math.sqrt(d.variances[0]) }),
    difference: d.difference,
    se: d.se,
    covariance: d.covariance,
    statistic: d.statistic,
    p: d.p,
    df,
  });
}
