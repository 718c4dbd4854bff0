import { categoricalOf, type CodeArray } from './dataset.js';
import type { SurveyDesign } from './design.js';

/** One domain (subgroup) of an estimate: the whole sample, or one level of a `by` column. */
export interface Domain {
  readonly name: string | null;
  /** codes of the `by` column, or null for the whole sample */
  readonly codes: CodeArray | null;
  readonly level: number;
}

/**
 * The domains of an estimate: `[whole sample]` without `by`, else one per level of the `by` column (R: `svyby`).
 * Complexity O(levels).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL.
 * @example domainsOf(design, 'stype', 'estimateMean').map((d) => d.name) // ['E', 'H', 'M']
 */
export function domainsOf(design: SurveyDesign, by: string | undefined, caller: string): readonly Domain[] {
  if (!by) return [{ name: null, codes: null, level: -1 }];
  const column = categoricalOf(design.dataset, by, caller);
  return column.levels.map((name, level) => ({ name, codes: column.codes, level }));
}

/**
 * Whether row i belongs to the domain. O(1).
 * @example inDomain({ name: null, codes: null, level: -1 }, 5) // true
 */
export function inDomain(domain: Domain, i: number): boolean {
  return domain.codes === null || domain.codes[i] === domain.level;
}
