import { numericValues } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { domainsOf, inDomain } from './domains.js';
import type { EstimateOptions } from './mean.js';
import type { ProportionEstimate, Unavailable } from './results.js';
import { StatsError } from './stats-error.js';
import { linearizedCovariance } from './variance.js';

/**
 * Multiple-response question: for each option column (numeric: > 0 chosen, 0 not chosen, NaN not asked), the
 * weighted share of respondents who answered the question (at least one option column with a value) and chose
 * the option, overall or by domain, with linearised standard errors. Shares need not add up to 1.
 * Reference: R survey `svymean(~opt1 + opt2 + ..., subset(design, answered))` (a domain estimate).
 * Complexity O(n·options²) per domain.
 * @throws StatsError INVALID_ARGUMENT (no option), UNKNOWN_COLUMN, NOT_NUMERIC.
 * @example estimateMultipleResponse(design, ['channel_web', 'channel_phone'])
 * // [{ kind: 'proportion', variable: 'channel_web', level: 'channel_web', estimate: 0.61, se: 0.02, ... }, ...]
 */
export function estimateMultipleResponse(design: SurveyDesign, options: readonly string[], estimateOptions: EstimateOptions = {}): readonly (ProportionEstimate | Unavailable)[] {
  if (options.length === 0) throw new StatsError('INVALID_ARGUMENT', 'estimateMultipleResponse: no option column');
  const columns = options.map((name) => numericValues(design.dataset, name, 'estimateMultipleResponse'));
  const n = design.n;
  const answered = new Uint8Array(n);
  for (const values of columns) for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) answered[i] = 1;
  const w = design.weights;
  const out: (ProportionEstimate | Unavailable)[] = [];
  for (const domain of domainsOf(design, estimateOptions.by, 'estimateMultipleResponse')) {
    let sw = 0,
      sw2 = 0,
      count = 0;
    const chosen = new Float64Array(options.length);
    for (let i = 0; i < n; i++) {
      if (!answered[i] || !inDomain(domain, i)) continue;
      sw += w[i];
      sw2 += w[i] * w[i];
      if (w[i] > 0) count++;
      columns.forEach((values, j) => {
        if (values[i] > 0) chosen[j] += w[i];
      });
    }
    if (count === 0) {
      out.push(Object.freeze({ kind: 'unavailable', variable: options.join('+'), domain: domain.name, reason: 'no respondent answered the question' }));
      continue;
    }
    const p = chosen.map((s) => s / sw);
    const xs = columns.map((values, j) => {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++) if (answered[i] && inDomain(domain, i)) x[i] = (w[i] * ((values[i] > 0 ? 1 : 0) - p[j])) / sw;
      return x;
    });
    const v = linearizedCovariance(design, xs);
    options.forEach((name, j) =>
      out.push(
        Object.freeze({
          kind: 'proportion',
          variable: name,
          level: name,
          domain: domain.name,
          estimate: p[j],
          se: Math.sqrt(Math.max(0, v[j * options.length + j])),
          n: count,
          nEffective: (sw * sw) / sw2,
          deff: null,
        }),
      ),
    );
  }
  return out;
}
