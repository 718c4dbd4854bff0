import { z } from 'zod';

/**
 * What weighting does with respondents who left a margin variable unanswered (chosen per margin):
 * - `impute` (the default): imputed to the sample distribution: they form their own class of the margin whose target
 *   is their share of the sample (m/n · N), the answered levels sharing the rest in the targets' proportions;
 * - `notStated`: a « not stated » category with its own population target (`notStated`, a count like the others:
 *   the stated targets and it add up to the margin's total);
 * - `unweighted`: they keep the mean weight N/n (a relative weight of 1) and take no part in the calibration; the
 *   other respondents are calibrated to every margin with the targets scaled by (n − k)/n, k the rows kept aside,
 *   so that the weights still add up to N.
 */
export const MISSING_POLICIES = ['impute', 'notStated', 'unweighted'] as const;
export type MissingPolicy = (typeof MISSING_POLICIES)[number];

/**
 * A wave's weighting targets, kept in `waves.population_targets`: for each margin (a categorical
 * variable of the study, usually a profile variable), the population count of each of its codes.
 */
export const ZPopulationTargets = z.strictObject({
  /** where the counts come from, shown on the methodology page */
  source: z.string().max(500).optional(),
  margins: z
    .array(
      z
        .strictObject({
          variable: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a variable name'),
          targets: z.array(z.strictObject({ code: z.number().int().min(0), population: z.number().positive('a population count is above 0') })).min(1),
          /** respondents without an answer to the variable: see MISSING_POLICIES (absent: impute) */
          missing: z.enum(MISSING_POLICIES).optional(),
          /** population count of the « not stated » category, with the `notStated` policy */
          notStated: z.number().positive('a population count is above 0').optional(),
        })
        .superRefine((margin, context) => {
          if (margin.missing === 'notStated' && margin.notStated === undefined)
            context.addIssue({ code: 'custom', path: ['notStated'], message: 'the « not stated » policy needs a population count for the category' });
          if (margin.missing !== 'notStated' && margin.notStated !== undefined)
            context.addIssue({ code: 'custom', path: ['notStated'], message: 'a « not stated » count needs the « not stated » policy' });
        }),
    )
    .default([]),
  /** optional bounds of the weights, as multiples of the mean weight (0 < lower < 1 < upper): bounded raking that meets every margin, or says which it cannot */
  trimming: z.strictObject({ lower: z.number().positive(), upper: z.number().positive() }).optional(),
});
export type PopulationTargets = z.infer<typeof ZPopulationTargets>;

/** Reads stored targets; absent or empty targets mean "unweighted". */
export function readPopulationTargets(value: unknown): PopulationTargets {
  if (value === null || value === undefined) return { margins: [] };
  return ZPopulationTargets.parse(value);
}
