import { estimateQuantiles, estimateRatio, panelTrend, surveyGlm, type SurveyDesign } from '../stats/index.js';
import type { ParsedCase } from './reference-cases-schema.js';

/**
 * Results of the estimate kinds quantile, ratio, glm and trend of a reference case (reference-cases-estimators.ts), field
 * names as the R reference (estimator-cases.R): rows `{ domain?, level, estimate, se, ... }`. `need(column, kind)` makes
 * the design's dataset hold the typed column. Quantile bounds R cannot give (the share's interval leaves [0, 1]) are null.
 * @example computeEstimatorCase({ kind: 'ratio', numerator: 'api00', denominator: 'api99' }, design, need)
 * // [{ level: 'api00/api99', estimate: 1.0522605462182486, se: 0.0036439222308434723 }]
 */
export function computeEstimatorCase(
  est: Extract<ParsedCase['estimate'], { kind: 'quantile' | 'ratio' | 'glm' | 'trend' }>,
  design: SurveyDesign,
  need: (name: string, kind: 'numeric' | 'categorical') => void,
): Record<string, unknown>[] {
  switch (est.kind) {
    case 'quantile': {
      need(est.variable, 'numeric');
      if (est.by) need(est.by, 'categorical');
      const results = estimateQuantiles(design, est.variable, est.quantiles, { by: est.by, rule: est.qrule, interval: est.interval, conf: est.conf });
      return results.map((r) =>
        r.kind === 'unavailable'
          ? { ...(est.by ? { domain: r.domain } : {}), level: est.variable, error: r.reason }
          : { ...(est.by ? { domain: r.domain } : {}), level: `${est.variable}:${r.probability}`, estimate: r.estimate, ...orNull({ se: r.se, lower: r.lower, upper: r.upper }) },
      );
    }
    case 'ratio': {
      need(est.numerator, 'numeric');
      need(est.denominator, 'numeric');
      if (est.by) need(est.by, 'categorical');
      const level = `${est.numerator}/${est.denominator}`;
      return estimateRatio(design, est.numerator, est.denominator, { by: est.by }).map((r) =>
        r.kind === 'unavailable'
          ? { ...(est.by ? { domain: r.domain } : {}), level, error: r.reason }
          : { ...(est.by ? { domain: r.domain } : {}), level, estimate: r.estimate, se: r.se },
      );
    }
    case 'glm': {
      need(est.response, est.level === undefined ? 'numeric' : 'categorical');
      for (const p of est.predictors ?? []) need(p, 'numeric');
      for (const f of est.factors ?? []) need(f, 'categorical');
      const fit = surveyGlm(design, { family: est.family, response: est.response, level: est.level, predictors: est.predictors, factors: est.factors });
      return fit.coefficients.map((c) => ({ level: c.name, estimate: c.estimate, se: c.se, statistic: c.statistic, p: c.p }));
    }
    case 'trend': {
      need(est.variable, 'categorical');
      need(est.wave, 'categorical');
      const t = panelTrend(design, est.variable, est.level, est.wave, est.from, est.to);
      const level = est.variable + est.level;
      return [
        { domain: t.from.wave, level, estimate: t.from.estimate, se: t.from.se },
        { domain: t.to.wave, level, estimate: t.to.estimate, se: t.to.se },
        { level: 'difference', estimate: t.difference, se: t.se, covariance: t.covariance, statistic: t.statistic, p: t.p },
      ];
    }
  }
}

/** A bound R cannot give (the share's interval leaves [0, 1]) is NaN in R and null in the JSON. */
function orNull(values: Record<string, number>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number.isNaN(v) ? null : v]));
}
