import { z } from 'zod';
import type { JsonObject, Wave } from '../../store/index.js';

/**
 * A wave's cleaning rules, stored under `settings.cleaning` of the wave. Speeders: complete responses faster than
 * `speederFraction` of the median duration of complete responses (default a third). Straight-liners: one and the
 * same answer on every item of a matrix of at least `straightLinerMinItems` items (default 5). The "identical answers" rule only
 * flags a group of identical responses when enough non-empty answers were compared (`duplicateMinAnswers`)
 * and when another respondent giving the same answers by chance is unlikely under the observed answer
 * shares (`duplicateMaxProbability`, see find-duplicates.ts).
 */
export const ZCleaningSettings = z.strictObject({
  identicalAnswers: z.boolean().default(true),
  duplicateMinAnswers: z.number().int().min(1).max(10_000).default(10),
  duplicateMaxProbability: z.number().positive().max(1).default(0.001),
  speederFraction: z
    .number()
    .gt(0)
    .lt(1)
    .default(1 / 3),
  straightLinerMinItems: z.number().int().min(2).max(100).default(5),
});
export type CleaningSettings = z.infer<typeof ZCleaningSettings>;

export const DEFAULT_CLEANING_SETTINGS: CleaningSettings = Object.freeze(ZCleaningSettings.parse({}));

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The wave's cleaning settings; the defaults where none (or an unreadable value) are stored. */
export function cleaningSettingsOf(wave: Pick<Wave, 'settings'>): CleaningSettings {
  const stored = isObject(wave.settings) ? wave.settings.cleaning : undefined;
  const parsed = ZCleaningSettings.safeParse(isObject(stored) ? stored : {});
  return parsed.success ? Object.freeze(parsed.data) : DEFAULT_CLEANING_SETTINGS;
}

/** The wave's whole settings object with its cleaning settings replaced (other keys kept). */
export function withCleaningSettings(wave: Pick<Wave, 'settings'>, cleaning: CleaningSettings): JsonObject {
  return { ...(isObject(wave.settings) ? (wave.settings as JsonObject) : {}), cleaning: { ...cleaning } };
}
