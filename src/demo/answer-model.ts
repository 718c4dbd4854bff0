/**
 * The latent model of the demo's answers. Each yes/no outcome ("item") of a respondent is drawn with
 * probability logistic(intercept + size·SIZE_SCORE + sector·SECTOR_EFFECT + z·loading + nonUser), where z is
 * the respondent's digital maturity (standard normal, independent of the profile) and `nonUser` applies to
 * companies that do not use social media. The intercepts are not set here: `calibrateModel` solves them so
 * that the population value of each item (the table of `population.ts`, integrated over z) is the wave's
 * target. Targets of 2015 are the published figures of the barometer (test/fixtures/seed-figures.md).
 */
export interface ModelItem {
  readonly key: string;
  /** the share is among every company ('all') or among users of social media ('users') */
  readonly base: 'all' | 'users';
  /** logit slope on SIZE_SCORE: larger companies answer yes more often when positive */
  readonly size: number;
  /** multiplier of SECTOR_EFFECT */
  readonly sector: number;
  /** loading on the latent maturity z */
  readonly z: number;
  /** logit shift for companies that do not use social media (base 'all' only) */
  readonly nonUser: number;
  /** population share of yes in 2015, 2016, 2017 */
  readonly targets: readonly [number, number, number];
}

/** Logit shift by company size code 1..4 (index 0 unused). */
export const SIZE_SCORE = [0, 0, 0.7, 1.3, 1.8] as const;
/** Logit shift by sector code 1..5 (index 0 unused): information and finance, then business services, lead. */
export const SECTOR_EFFECT = [0, -0.15, 0, 0.35, 0.2, -0.2] as const;

const item = (key: string, base: 'all' | 'users', size: number, sector: number, z: number, nonUser: number, targets: [number, number, number]): ModelItem =>
  Object.freeze({ key, base, size, sector, z, nonUser, targets });

/** Every modelled item; keys are the study's variables (yes = the indicator's codes) or short names. */
export const MODEL_ITEMS: readonly ModelItem[] = Object.freeze([
  item('uses_social', 'all', 0.9, 1, 1.0, 0, [0.93, 0.94, 0.95]),
  item('importance', 'all', 0.3, 0.5, 1.0, -2.5, [0.88, 0.89, 0.9]),
  item('ereputation', 'all', 0.7, 0.5, 0.9, -2.5, [0.65, 0.67, 0.69]),
  item('relation_strengthens', 'all', 0.3, 0.5, 0.9, -2, [0.7, 0.71, 0.72]),
  item('relation_service', 'all', 0.5, 0.5, 0.8, -1.5, [0.46, 0.48, 0.5]),
  item('relation_sales', 'all', 0.1, 0.5, 0.8, -2, [0.58, 0.59, 0.6]),
  item('relation_loyalty', 'all', 0.2, 0.5, 0.8, -2, [0.45, 0.46, 0.47]),
  item('relation_advocacy', 'all', 0.2, 0.5, 0.8, -2, [0.38, 0.39, 0.4]),
  item('crm_enrich', 'all', 0.9, 0.5, 1.0, -2, [0.23, 0.27, 0.31]),
  item('challenges_1', 'all', 0.4, 0.3, 0.3, -1.5, [0.65, 0.63, 0.61]),
  item('challenges_2', 'all', 0.2, 0.3, -0.3, -1.2, [0.55, 0.54, 0.53]),
  item('challenges_3', 'all', 0.5, 0.5, 0.4, -1.5, [0.51, 0.52, 0.53]),
  item('challenges_4', 'all', 0.8, 0.3, 0.2, -1.5, [0.29, 0.29, 0.3]),
  item('challenges_5', 'all', 0.1, 0.3, 0.3, -1.5, [0.4, 0.41, 0.42]),
  item('challenges_6', 'all', 0.2, 0.3, -0.2, -1, [0.35, 0.36, 0.37]),
  item('challenges_7', 'all', 0.6, 0.3, 0.3, -1.5, [0.2, 0.21, 0.22]),
  item('challenges_8', 'all', 0.3, 0.5, 0.4, -1.5, [0.3, 0.32, 0.34]),
  item('internal_communication', 'all', 0.6, 0.5, 0.7, -1.5, [0.29, 0.31, 0.33]),
  item('internal_training', 'all', 0.4, 0.5, 0.5, -1.5, [0.45, 0.47, 0.48]),
  item('internal_leadership', 'all', 0.3, 0.3, -0.5, 0, [0.41, 0.4, 0.39]),
  item('internal_advocacy', 'all', 0.5, 0.5, 0.7, -2, [0.35, 0.37, 0.39]),
  item('internal_skills', 'all', 0.4, 0.5, 0.8, -2, [0.42, 0.44, 0.46]),
  item('networks_1', 'users', 0.7, 0.8, 0.6, 0, [0.55, 0.59, 0.63]),
  item('networks_2', 'users', -0.3, -0.5, 0.3, 0, [0.82, 0.81, 0.8]),
  item('networks_3', 'users', 0.8, 0.8, 0.6, 0, [0.4, 0.4, 0.39]),
  item('networks_4', 'users', 0.2, 0.3, 0.6, 0, [0.2, 0.27, 0.34]),
  item('networks_5', 'users', 0.6, 0.5, 0.6, 0, [0.28, 0.31, 0.34]),
  item('networks_6', 'users', 0, 0.5, 0.8, 0, [0.004, 0.02, 0.06]),
  item('networks_7', 'users', -0.1, 0.2, 0.4, 0, [0.08, 0.09, 0.1]),
  item('measures_results', 'all', 0.8, 0.5, 1.0, -2.5, [0.55, 0.58, 0.61]),
  item('social_selling', 'all', -0.2, -0.3, 0.8, -2.5, [0.15, 0.18, 0.21]),
  item('social_ads', 'all', 0.4, 0.3, 0.8, -2.5, [0.45, 0.48, 0.51]),
  item('social_policy', 'all', 1.2, 0.5, 0.6, -1.5, [0.18, 0.21, 0.24]),
]);

/** Index of an item by key. */
export const ITEM_INDEX: ReadonlyMap<string, number> = new Map(MODEL_ITEMS.map((m, i) => [m.key, i]));

/** The target of an item in a year: the table for 2015–2017, the 2016→2017 trend continued after, 2015 before. */
export function itemTarget(model: ModelItem, year: number): number {
  const t = model.targets;
  if (year <= 2015) return t[0];
  if (year <= 2017) return t[year - 2015];
  const extrapolated = t[2] + ((t[2] - t[1]) * (year - 2017)) / (1 + 0.25 * (year - 2017));
  return Math.min(0.98, Math.max(0.002, extrapolated));
}
