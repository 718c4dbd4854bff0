import { z } from 'zod';

/**
 * A wave's weighting targets, kept in `waves.population_targets`: for each margin (a categorical
 * variable of the study, usually a profile variable), the population count of each of its codes.
 */
export const ZPopulationTargets = z.strictObject({
  /** where the counts come from, shown on the methodology page */
  source: z.string().max(500).optional(),
  margins: z
    .array(
      z.strictObject({
        variable: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a variable name'),
        targets: z.array(z.strictObject({ code: z.number().int().min(0), population: z.number().positive('a population count is above 0') })).min(1),
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
