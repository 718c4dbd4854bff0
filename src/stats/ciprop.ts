import { categoricalOf } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { estimateProportions } from './proportions.js';
import { isBoundary, proportionInterval, type IntervalMethod } from './proportion-interval.js';
import { StatsError } from './stats-error.js';

export interface ProportionInterval {
  readonly kind: 'ciprop';
  readonly variable: string;
  readonly level: string;
  readonly domain: string | null;
  readonly method: IntervalMethod;
  readonly conf: number;
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
  /** 'design': the method on the design standard error; 'clopper-pearson': p = 0 or 1, exact on the unweighted base */
  readonly interval: 'design' | 'clopper-pearson';
  readonly df: number;
  readonly n: number;
}

/**
 * Proportion of respondents whose `variable` equals `level`, with a confidence interval by `method`
 * (logit, beta = Korn-Graubard, asin, wald) on Student t quantiles with the design's degrees of freedom;
 * at p = 0 or 1, Clopper-Pearson on the unweighted base (`interval: 'clopper-pearson'`, see proportionInterval).
 * Reference: R survey `svyciprop(~I(variable == level), design, method, level = conf)`.
 * Complexity O(n·levels).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL, UNKNOWN_LEVEL, EMPTY_SAMPLE (no respondent).
 * @example ciprop(design, 'sch.wide', 'Yes', { method: 'beta' })
 * // { kind: 'ciprop', estimate: 0.827948011415823, se: 0.0243447801130748, lower: 0.774171328597313, upper: 0.873431592620735, df: 197, ... }
 */
export function ciprop(design: SurveyDesign, variable: string, level: string, options: { method?: IntervalMethod; conf?: number; df?: number } = {}): ProportionInterval {
  const column = categoricalOf(design.dataset, variable, 'ciprop');
  if (!column.levels.includes(level)) throw new StatsError('UNKNOWN_LEVEL', `ciprop: column "${variable}" has no level "${level}"`);
  const estimate = estimateProportions(design, variable).find((e) => e.kind === 'proportion' && e.level === level);
  if (!estimate || estimate.kind !== 'proportion') throw new StatsError('EMPTY_SAMPLE', `ciprop: no respondent to "${variable}"`);
  const method = options.method ?? 'logit';
  const conf = options.conf ?? 0.95;
  const df = options.df ?? design.degreesOfFreedom;
  const [lower, upper] = proportionInterval(estimate.estimate, estimate.se, { method, conf, df, rows: design.n, base: estimate.n });
  return Object.freeze({
    kind: 'ciprop',
    variable,
    level,
    domain: null,
    method,
    conf,
    estimate: estimate.estimate,
    se: estimate.se,
    lower,
    upper,
    interval: isBoundary(estimate.estimate) ? 'clopper-pearson' : 'design',
    df,
    n: estimate.n,
  });
}
