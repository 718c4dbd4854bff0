import { numericValues } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { domainsOf, inDomain } from './domains.js';
import type { MeanEstimate, Unavailable } from './results.js';
import { designEffect } from './design-effect.js';
import { linearizedCovariance } from './variance.js';

export interface EstimateOptions {
  /** categorical column whose levels are domains (subgroups of random size, as R's `svyby`) */
  readonly by?: string;
  /**
   * also compute the design effect: true = vs SRS without replacement (R's default), 'replace' = with;
   * null ("not available") when the variable does not vary in the base (to rounding)
   */
  readonly deff?: boolean | 'replace';
}

/**
 * Weighted mean ȳ = Σwy/Σw of a numeric column, overall or by domain, with its Taylor-linearised standard
 * error (influence values w(y − ȳ)/Σw, zero outside the domain; missing values left out).
 * Reference: R survey `svymean`, `svyby(~y, ~by, design, svymean)`.
 * Complexity O(n) per domain.
 * @throws StatsError UNKNOWN_COLUMN, NOT_NUMERIC (and NOT_CATEGORICAL for `by`).
 * @example estimateMean(design, 'api00')
 * // [{ kind: 'mean', variable: 'api00', domain: null, estimate: 662.287363159321, se: 9.40894080278458, n: 200, ... }]
 */
export function estimateMean(design: SurveyDesign, variable: string, options: EstimateOptions = {}): readonly (MeanEstimate | Unavailable)[] {
  return estimateMeanOrTotal(design, variable, options, 'mean');
}

/**
 * Shared by estimateMean and estimateTotal (R: `svymean` / `svytotal`). Complexity O(n) per domain.
 * @throws StatsError UNKNOWN_COLUMN, NOT_NUMERIC, NOT_CATEGORICAL.
 * @example estimateMeanOrTotal(design, 'enroll', {}, 'total')[0].estimate // 3687177.53243828
 */
export function estimateMeanOrTotal(design: SurveyDesign, variable: string, options: EstimateOptions, kind: 'mean' | 'total'): readonly (MeanEstimate | Unavailable)[] {
  const caller = kind === 'mean' ? 'estimateMean' : 'estimateTotal';
  const y = numericValues(design.dataset, variable, caller);
  const w = design.weights;
  return domainsOf(design, options.by, caller).map((domain) => {
    let sw = 0,
      swy = 0,
      swyy = 0,
      sw2 = 0,
      count = 0;
    for (let i = 0; i < design.n; i++) {
      if (!inDomain(domain, i) || Number.isNaN(y[i])) continue;
      sw += w[i];
      swy += w[i] * y[i];
      swyy += w[i] * y[i] * y[i];
      sw2 += w[i] * w[i];
      if (w[i] > 0) count++;
    }
    if (count === 0) {
      return Object.freeze({
        kind: 'unavailable',
        variable,
        domain: domain.name,
        reason: `no respondent with a value of "${variable}"${domain.name === null ? '' : ` in domain "${domain.name}"`}`,
      } as const);
    }
    const mean = swy / sw;
    const x = new Float64Array(design.n);
    let sdev2 = 0;
    for (let i = 0; i < design.n; i++) {
      if (!inDomain(domain, i) || Number.isNaN(y[i])) continue;
      x[i] = kind === 'mean' ? (w[i] * (y[i] - mean)) / sw : w[i] * y[i];
      sdev2 += w[i] * (y[i] - mean) ** 2;
    }
    const variance = linearizedCovariance(design, [x])[0];
    let deff: number | null = null;
    if (options.deff) {
      const s2 = ((sdev2 / sw) * count) / (count - 1);
      const srsMean = options.deff === 'replace' ? s2 / count : (s2 * (sw - count)) / (sw * count);
      deff = designEffect(variance, kind === 'mean' ? srsMean : srsMean * sw * sw, s2, swyy / sw);
    }
    return Object.freeze({
      kind,
      variable,
      domain: domain.name,
      estimate: kind === 'mean' ? mean : swy,
      se: Math.sqrt(variance),
      n: count,
      nEffective: (sw * sw) / sw2,
      deff,
    });
  });
}
