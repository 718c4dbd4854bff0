import { z } from 'zod';

/**
 * The estimate kinds of issue 21 item 4 in the case format (test/fixtures/r-reference/README.md), strict like the
 * others; each option is covered by a case of estimator-cases.R. Kept apart from reference-cases-schema.ts, which
 * joins them into its union of estimate kinds.
 */
const name = z.string().min(1, 'a column name is required');
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const conf = z.number().gt(0, 'conf is a level between 0 and 1').lt(1, 'conf is a level between 0 and 1');

/** a value of the wave column, as written in the data file */
const wave = z.union([z.string(), z.number()], { error: (issue) => (issue.input === undefined ? 'required' : 'a wave is a text or a number') }).transform(String);

/** R: svyquantile(ci = TRUE, interval.type, qrule, alpha = 1 − conf); by domain svyby(..., svyquantile) */
export const ZQuantileEstimate = z.strictObject({
  kind: z.literal('quantile'),
  variable: name,
  quantiles: z.array(z.number().min(0, 'a quantile is between 0 and 1').max(1, 'a quantile is between 0 and 1')).min(1, 'at least one quantile'),
  by: optional(name),
  interval: optional(z.enum(['mean', 'xlogit', 'asin', 'beta'])),
  qrule: optional(z.enum(['math', 'school', 'hf1', 'hf2', 'hf3', 'hf4', 'hf5', 'hf6', 'hf7', 'hf8', 'hf9'])),
  conf: optional(conf),
});

/** R: svyratio(~numerator, ~denominator, design); by domain svyby(..., svyratio) */
export const ZRatioEstimate = z.strictObject({ kind: z.literal('ratio'), numerator: name, denominator: name, by: optional(name) });

/** R: svyglm(response ~ predictors + factors, design, family); `level`: I(response == level) */
export const ZGlmEstimate = z.strictObject({
  kind: z.literal('glm'),
  family: z.enum(['gaussian', 'quasibinomial', 'binomial']),
  response: name,
  level: optional(z.string()),
  predictors: optional(z.array(name)),
  factors: optional(z.array(name)),
});

/** R: svycontrast(svyby(~I(variable == level), ~wave, design, svymean, covmat = TRUE), to − from), respondent id as cluster */
export const ZTrendEstimate = z.strictObject({
  kind: z.literal('trend'),
  variable: name,
  level: z.string(),
  wave: name,
  from: wave,
  to: wave,
});

export const ESTIMATOR_ESTIMATES = [ZQuantileEstimate, ZRatioEstimate, ZGlmEstimate, ZTrendEstimate] as const;
export const ESTIMATOR_KINDS = ['quantile', 'ratio', 'glm', 'trend'] as const;
