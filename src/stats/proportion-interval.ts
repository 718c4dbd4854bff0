import { betaQuantile, studentTQuantile } from './distributions.js';
import { StatsError } from './stats-error.js';

const quantileCache = new Map<string, number>();

/** Student t quantile, memoised: tables ask for the same (p, df) hundreds of times. */
function cachedTQuantile(p: number, df: number): number {
  const key = `${p}|${df}`;
  let q = quantileCache.get(key);
  if (q === undefined) {
    if (quantileCache.size > 1000) quantileCache.clear();
    q = studentTQuantile(p, df);
    quantileCache.set(key, q);
  }
  return q;
}

export type IntervalMethod = 'wald' | 'logit' | 'beta' | 'asin';

export interface IntervalOptions {
  readonly method?: IntervalMethod;
  /** confidence level, default 0.95 */
  readonly conf?: number;
  /** degrees of freedom of the t quantiles (design df); Infinity gives normal quantiles */
  readonly df: number;
  /** number of rows of the design (Korn-Graubard's effective-size correction uses qt(α/2, rows − 1)) */
  readonly rows?: number;
  /**
   * unweighted base of the proportion (respondents of the domain with a positive weight): at p = 0 or 1 the
   * interval is Clopper-Pearson on this base, whatever the method
   */
  readonly base?: number;
}

/**
 * Whether a proportion is 0 or 1 (to rounding): its design standard error is then 0 and every design-based
 * interval collapses to [p, p]. O(1).
 * @example isBoundary(1 - 1e-16) // true
 */
export function isBoundary(p: number): boolean {
  return p <= 1e-14 || p >= 1 - 1e-14;
}

/**
 * Confidence interval [lower, upper] of a proportion p with standard error se, as R's `svyciprop`:
 * - `wald`: p ± t·se;
 * - `logit`: expit(logit p ± t·se/(p(1−p))) (svyglm quasibinomial intercept, Wald on the link scale);
 * - `beta` (Korn-Graubard): Clopper-Pearson with n* = p(1−p)/se² · (qt(α/2, rows−1)/qt(α/2, df))²;
 * - `asin`: sin²(asin√p ± t·se/(2√(p(1−p)))).
 * t is the Student quantile on `df` degrees of freedom (design clusters − strata).
 * At p = 0 or 1 (to rounding) the design standard error is 0 and each method above gives [p, p], which would
 * publish "100 % [100 ; 100]": the interval is then Clopper-Pearson on the unweighted `base` n, whatever the
 * method: [0, 1 − (α/2)^(1/n)] at p = 0, [(α/2)^(1/n), 1] at p = 1 (x = 0 or n successes of n). Without a
 * base (or a base < 1) it throws INVALID_ARGUMENT rather than return a zero-width interval.
 * Reference: R survey `svyciprop`; Korn & Graubard (1998), Survey Methodology 24:193-201.
 * Complexity O(1) (beta: a few incomplete-beta evaluations).
 * @throws StatsError INVALID_ARGUMENT for an estimate outside [0, 1], a negative se, conf outside (0, 1), p = 0 or 1
 *   without a base.
 * @example proportionInterval(0.827948011415823, 0.0243447801130748, { method: 'beta', df: 197, rows: 200 })
 * // [0.774171328597313, 0.873431592620735]
 */
export function proportionInterval(p: number, se: number, options: IntervalOptions): readonly [number, number] {
  const method = options.method ?? 'logit';
  const conf = options.conf ?? 0.95;
  if (!(p >= 0 && p <= 1)) throw new StatsError('INVALID_ARGUMENT', `proportionInterval: estimate ${p} is not a proportion`);
  if (!(se >= 0)) throw new StatsError('INVALID_ARGUMENT', `proportionInterval: standard error ${se} is negative`);
  if (!(conf > 0 && conf < 1)) throw new StatsError('INVALID_ARGUMENT', `proportionInterval: confidence level ${conf} is outside (0, 1)`);
  const alpha = 1 - conf;
  if (isBoundary(p)) {
    const n = options.base;
    if (!(n !== undefined && n >= 1))
      throw new StatsError('INVALID_ARGUMENT', `proportionInterval: estimate ${p} is at a bound and no unweighted base is given for its Clopper-Pearson interval`);
    const edge = (alpha / 2) ** (1 / n);
    return Object.freeze(p < 0.5 ? ([0, 1 - edge] as const) : ([edge, 1] as const));
  }
  const t = cachedTQuantile(1 - alpha / 2, options.df > 0 ? options.df : Infinity);
  let interval: [number, number];
  switch (method) {
    case 'wald':
      interval = [p - t * se, p + t * se];
      break;
    case 'logit': {
      if (p === 0 || p === 1) {
        interval = [p, p];
        break;
      }
      const eta = Math.log(p / (1 - p));
      const h = (t * se) / (p * (1 - p));
      interval = [1 / (1 + Math.exp(-(eta - h))), 1 / (1 + Math.exp(-(eta + h)))];
      break;
    }
    case 'asin': {
      if (p === 0 || p === 1) {
        interval = [p, p];
        break;
      }
      const center = Math.asin(Math.sqrt(p));
      const h = (t * se) / (2 * Math.sqrt(p * (1 - p)));
      interval = [Math.sin(center - h) ** 2, Math.sin(center + h) ** 2];
      break;
    }
    case 'beta': {
      let nEff = se > 0 ? (p * (1 - p)) / (se * se) : Infinity;
      if (options.rows !== undefined && Number.isFinite(nEff)) {
        const ratio = cachedTQuantile(alpha / 2, Math.max(options.rows - 1, 1)) / cachedTQuantile(alpha / 2, options.df > 0 ? options.df : Infinity);
        nEff *= ratio * ratio;
      }
      if (!Number.isFinite(nEff) || nEff === 0) {
        interval = [p, p];
        break;
      }
      const x = nEff * p;
      const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, nEff * (1 - p) + 1);
      const upper = p === 1 ? 1 : betaQuantile(1 - alpha / 2, x + 1, nEff * (1 - p));
      interval = [lower, upper];
      break;
    }
    default:
      throw new StatsError('INVALID_ARGUMENT', `proportionInterval: unknown method "${method as string}"`);
  }
  return Object.freeze(interval);
}
