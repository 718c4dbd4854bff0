import { numericValues } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { betaQuantile, normalQuantile, studentTQuantile } from './distributions.js';
import { domainsOf, inDomain } from './domains.js';
import { sortedSample, weightedQuantile, type QuantileRule } from './quantile-rule.js';
import type { Unavailable } from './results.js';
import { StatsError } from './stats-error.js';
import { linearizedCovariance } from './variance.js';

/** Scale on which the Woodruff interval of the share below the quantile is built (R's `interval.type`). */
export type QuantileInterval = 'mean' | 'xlogit' | 'asin' | 'beta';

export interface QuantileOptions {
  /** categorical column whose levels are domains (R: `svyby(..., svyquantile)`) */
  readonly by?: string;
  /** default 'math' (R survey ≥ 4) */
  readonly rule?: QuantileRule;
  /** default 'mean' (Woodruff on the proportion itself) */
  readonly interval?: QuantileInterval;
  /** confidence level, default 0.95 */
  readonly conf?: number;
}

export interface QuantileEstimate {
  readonly kind: 'quantile';
  readonly variable: string;
  readonly domain: string | null;
  readonly probability: number;
  readonly estimate: number;
  /** (upper − lower) / (2·t), as R reports it */
  readonly se: number;
  /** NaN when the interval of the share leaves [0, 1] (as R) */
  readonly lower: number;
  readonly upper: number;
  readonly df: number;
  /** respondents of the domain with a value and a positive weight */
  readonly n: number;
}

/**
 * Weighted quantiles of a numeric column, overall or by domain, with Woodruff confidence intervals: the share
 * p̂ = P̂(y ≤ q̂) is estimated with its design standard error (calibration, strata, clusters, fpc), its interval
 * (on the scale of `interval`: the share, its logit, its arcsine square root, or `beta` (Korn–Graubard); Student t on the design degrees of freedom of the domain) is mapped back through
 * the same quantile rule, and se = (upper − lower) / (2 t). Missing values and zero weights are left out (R's
 * `na.rm = TRUE`; the rows stay units of the variance).
 * Reference: R survey ≥ 4 `svyquantile(~y, design, p, ci = TRUE, interval.type, qrule)`, `woodruffCI`;
 * Woodruff (1952), JASA 47, 635–646.
 * Complexity O(n log n) per domain and quantile.
 * @throws StatsError UNKNOWN_COLUMN, NOT_NUMERIC, NOT_CATEGORICAL, INVALID_ARGUMENT (a probability outside [0, 1]).
 * @example estimateQuantiles(design, 'api00', [0.5])
 * // apistrat (strata stype, fpc): [{ kind: 'quantile', probability: 0.5, estimate: 668, se: 13.184055788161917, lower: 642, upper: 694, df: 197, ... }]
 */
export function estimateQuantiles(
  design: SurveyDesign,
  variable: string,
  probabilities: readonly number[],
  options: QuantileOptions = {},
): readonly (QuantileEstimate | Unavailable)[] {
  const y = numericValues(design.dataset, variable, 'estimateQuantiles');
  const rule = options.rule ?? 'math';
  const interval = options.interval ?? 'mean';
  const conf = options.conf ?? 0.95;
  if (!(conf > 0 && conf < 1)) throw new StatsError('INVALID_ARGUMENT', `estimateQuantiles: confidence level ${conf} is not between 0 and 1`);
  for (const p of probabilities) if (!(p >= 0 && p <= 1)) throw new StatsError('INVALID_ARGUMENT', `estimateQuantiles: probability ${p} is not in [0, 1]`);
  const w = design.weights;
  const out: (QuantileEstimate | Unavailable)[] = [];
  for (const domain of domainsOf(design, options.by, 'estimateQuantiles')) {
    // the domain's weights: zero outside it and where the value is missing (R subsets the design)
    const dw = new Float64Array(design.n);
    const clusters = new Set<number>(),
      strata = new Set<number>();
    let n = 0,
      rows = 0;
    for (let i = 0; i < design.n; i++) {
      if (!inDomain(domain, i) || Number.isNaN(y[i])) continue;
      rows++;
      if (!(w[i] > 0)) continue;
      dw[i] = w[i];
      clusters.add(design.psu[i]);
      strata.add(design.stratum[i]);
      n++;
    }
    if (n === 0) {
      const where = domain.name === null ? '' : ` in domain "${domain.name}"`;
      out.push(Object.freeze({ kind: 'unavailable', variable, domain: domain.name, reason: `no respondent with a value of "${variable}"${where}` }));
      continue;
    }
    const df = clusters.size - strata.size; // R's degf of the domain's design
    const t = df > 0 ? studentTQuantile(1 - (1 - conf) / 2, df) : normalQuantile(1 - (1 - conf) / 2);
    const sample = sortedSample(y, dw);
    // the rows R's subset design keeps: all of them once calibrated (weights set to 0), else the domain's
    const designRows = design.calibrations.length > 0 ? design.n : rows;
    for (const p of probabilities) {
      const estimate = weightedQuantile(sample, p, rule);
      const [lowShare, highShare] = shareInterval(design, y, dw, estimate, sample.total, { interval, t, conf, df, designRows });
      const lower = Number.isNaN(lowShare) || lowShare < 0 ? Number.NaN : weightedQuantile(sample, lowShare, rule);
      const upper = Number.isNaN(highShare) || highShare > 1 ? Number.NaN : weightedQuantile(sample, highShare, rule);
      out.push(Object.freeze({ kind: 'quantile', variable, domain: domain.name, probability: p, estimate, se: (upper - lower) / (2 * t), lower, upper, df, n }));
    }
  }
  return out;
}

/** Woodruff: the interval of the share of the domain at or below q (R: `svymean(x <= qhat, design)` then `confint`). */
function shareInterval(
  design: SurveyDesign,
  y: Float64Array,
  dw: Float64Array,
  q: number,
  total: number,
  { interval, t, conf, df, designRows }: { interval: QuantileInterval; t: number; conf: number; df: number; designRows: number },
): [number, number] {
  let below = 0;
  for (let i = 0; i < design.n; i++) if (dw[i] > 0 && y[i] <= q) below += dw[i];
  const share = below / total;
  const x = new Float64Array(design.n);
  for (let i = 0; i < design.n; i++) if (dw[i] > 0) x[i] = (dw[i] * ((y[i] <= q ? 1 : 0) - share)) / total;
  const se = Math.sqrt(linearizedCovariance(design, [x])[0]);
  if (interval === 'mean') return [share - t * se, share + t * se];
  if (interval === 'beta') {
    // Korn–Graubard: effective sample size p(1 − p)/v, rescaled by (t_{rows−1} / t_df)², Clopper–Pearson on it
    const alpha = 1 - conf;
    const ratio = studentTQuantile(alpha / 2, designRows - 1) / studentTQuantile(alpha / 2, df);
    const effective = ((share * (1 - share)) / (se * se)) * ratio * ratio;
    return [betaQuantile(alpha / 2, effective * share, effective * (1 - share) + 1), betaQuantile(1 - alpha / 2, effective * share + 1, effective * (1 - share))];
  }
  if (interval === 'xlogit') {
    const logit = Math.log(share / (1 - share));
    const s = se / (share * (1 - share));
    const expit = (v: number) => Math.exp(v) / (1 + Math.exp(v));
    return [expit(logit - t * s), expit(logit + t * s)];
  }
  const angle = Math.asin(Math.sqrt(share));
  const s = se / (2 * Math.sqrt(share * (1 - share)));
  return [Math.sin(angle - t * s) ** 2, Math.sin(angle + t * s) ** 2];
}
