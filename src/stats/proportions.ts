import { categoricalOf } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { domainsOf, inDomain } from './domains.js';
import type { EstimateOptions } from './mean.js';
import type { ProportionEstimate, Unavailable } from './results.js';
import { designEffect } from './design-effect.js';
import { linearizedCovariance } from './variance.js';

/**
 * Weighted proportion of each level of a categorical column among respondents with a value (code ≠ −1),
 * overall or by domain, with linearised standard errors (the mean of each level's indicator).
 * The proportions of all levels of a domain add up to 1.
 * Reference: R survey `svymean(~factor)`, `svyby(~factor, ~by, design, svymean)`.
 * Complexity O(n·levels) per domain.
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL.
 * @example estimateProportions(design, 'stype')
 * // [{ kind: 'proportion', variable: 'stype', level: 'E', domain: null, estimate: 0.713755237067747, se: 0, n: 200, ... }, ...]
 */
export function estimateProportions(design: SurveyDesign, variable: string, options: EstimateOptions = {}): readonly (ProportionEstimate | Unavailable)[] {
  const column = categoricalOf(design.dataset, variable, 'estimateProportions');
  const { codes, levels } = column;
  const w = design.weights;
  const L = levels.length;
  const out: (ProportionEstimate | Unavailable)[] = [];
  for (const domain of domainsOf(design, options.by, 'estimateProportions')) {
    let sw = 0,
      sw2 = 0,
      count = 0;
    const byLevel = new Float64Array(L);
    for (let i = 0; i < design.n; i++) {
      const c = codes[i];
      if (c < 0 || !inDomain(domain, i)) continue;
      sw += w[i];
      sw2 += w[i] * w[i];
      if (w[i] > 0) count++;
      byLevel[c] += w[i];
    }
    if (count === 0) {
      out.push(
        Object.freeze({ kind: 'unavailable', variable, domain: domain.name, reason: `no respondent to "${variable}"${domain.name === null ? '' : ` in domain "${domain.name}"`}` }),
      );
      continue;
    }
    const p = byLevel.map((s) => s / sw);
    const xs = levels.map(() => new Float64Array(design.n));
    for (let i = 0; i < design.n; i++) {
      const c = codes[i];
      if (c < 0 || !inDomain(domain, i)) continue;
      for (let l = 0; l < L; l++) xs[l][i] = (w[i] * ((c === l ? 1 : 0) - p[l])) / sw;
    }
    const v = linearizedCovariance(design, xs);
    for (let l = 0; l < L; l++) {
      let deff: number | null = null;
      if (options.deff) {
        const s2 = (p[l] * (1 - p[l]) * count) / (count - 1);
        const srs = options.deff === 'replace' ? s2 / count : (s2 * (sw - count)) / (sw * count);
        deff = designEffect(v[l * L + l], srs, s2, p[l]);
      }
      out.push(
        Object.freeze({
          kind: 'proportion',
          variable,
          level: levels[l],
          domain: domain.name,
          estimate: p[l],
          se: Math.sqrt(Math.max(0, v[l * L + l])),
          n: count,
          nEffective: (sw * sw) / sw2,
          deff,
        }),
      );
    }
  }
  return out;
}
