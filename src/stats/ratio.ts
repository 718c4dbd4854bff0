import { numericValues } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { domainsOf, inDomain } from './domains.js';
import type { Unavailable } from './results.js';
import { linearizedCovariance } from './variance.js';

export interface RatioEstimate {
  readonly kind: 'ratio';
  readonly numerator: string;
  readonly denominator: string;
  readonly domain: string | null;
  /** R̂ = Σwy / Σwx */
  readonly estimate: number;
  readonly se: number;
  /** respondents of the domain with both values and a positive weight */
  readonly n: number;
}

/**
 * Ratio of two weighted totals R̂ = Σwy / Σwx (a rate per unit, an average per head), overall or by domain, with
 * its Taylor-linearised standard error: influence values w(y − R̂x)/Σwx, zero outside the domain and where
 * either value is missing (R's `na.rm = TRUE`), through the design's calibration, strata, clusters and fpc.
 * Reference: R survey `svyratio(~y, ~x, design)`, `svyby(~y, ~by, design, svyratio, denominator = ~x)`;
 * Cochran, Sampling Techniques (1977) §6.
 * Complexity O(n) per domain.
 * @throws StatsError UNKNOWN_COLUMN, NOT_NUMERIC (and NOT_CATEGORICAL for `by`).
 * @example estimateRatio(design, 'api00', 'api99')
 * // apistrat, strata stype, fpc: [{ kind: 'ratio', numerator: 'api00', denominator: 'api99', domain: null, estimate: 1.0522605462182486, se: 0.0036439222308434723, n: 200 }]
 */
export function estimateRatio(design: SurveyDesign, numerator: string, denominator: string, options: { by?: string } = {}): readonly (RatioEstimate | Unavailable)[] {
  const y = numericValues(design.dataset, numerator, 'estimateRatio');
  const x = numericValues(design.dataset, denominator, 'estimateRatio');
  const w = design.weights;
  return domainsOf(design, options.by, 'estimateRatio').map((domain) => {
    const used = (i: number) => inDomain(domain, i) && !Number.isNaN(y[i]) && !Number.isNaN(x[i]);
    let swy = 0,
      swx = 0,
      n = 0;
    for (let i = 0; i < design.n; i++) {
      if (!used(i)) continue;
      swy += w[i] * y[i];
      swx += w[i] * x[i];
      if (w[i] > 0) n++;
    }
    const where = domain.name === null ? '' : ` in domain "${domain.name}"`;
    if (n === 0)
      return Object.freeze({
        kind: 'unavailable',
        variable: `${numerator}/${denominator}`,
        domain: domain.name,
        reason: `no respondent with values of "${numerator}" and "${denominator}"${where}`,
      });
    if (swx === 0)
      return Object.freeze({ kind: 'unavailable', variable: `${numerator}/${denominator}`, domain: domain.name, reason: `the total of "${denominator}" is 0${where}` });
    const ratio = swy / swx;
    const influence = new Float64Array(design.n);
    for (let i = 0; i < design.n; i++) if (used(i)) influence[i] = (w[i] * (y[i] - ratio * x[i])) / swx;
    const variance = linearizedCovariance(design, [influence])[0];
    return Object.freeze({ kind: 'ratio', numerator, denominator, domain: domain.name, estimate: ratio, se: Math.sqrt(variance), n });
  });
}
