import type { Study } from '../../study/index.js';
import type { CleaningFlag, CleaningInput } from './cleaning-flag.js';
import { DEFAULT_CLEANING_SETTINGS, type CleaningSettings } from './cleaning-settings.js';
import { findDuplicates } from './find-duplicates.js';
import { findSpeeders } from './find-speeders.js';
import { findStraightLiners } from './find-straight-liners.js';

export interface CleaningFlags {
  readonly kind: 'cleaning-flags';
  /** response id → its flags (only flagged responses) */
  readonly byResponse: ReadonlyMap<number, readonly CleaningFlag[]>;
  readonly counts: { readonly speeder: number; readonly straightLiner: number; readonly duplicate: number };
}

/** Every automatic flag of a wave's responses: speeders, straight-liners, duplicates (by the wave's cleaning settings). */
export function cleaningFlags(study: Study, responses: readonly CleaningInput[], settings: CleaningSettings = DEFAULT_CLEANING_SETTINGS): CleaningFlags {
  const byResponse = new Map<number, CleaningFlag[]>();
  const add = (id: number, flags: readonly CleaningFlag[]) => byResponse.set(id, [...(byResponse.get(id) ?? []), ...flags]);
  const speeders = findSpeeders(responses, settings.speederFraction);
  const straight = findStraightLiners(study, responses, settings.straightLinerMinItems);
  const duplicates = findDuplicates(responses, settings);
  for (const [id, flag] of speeders) add(id, [flag]);
  for (const [id, flags] of straight) add(id, flags);
  for (const [id, flags] of duplicates) add(id, flags);
  return Object.freeze({
    kind: 'cleaning-flags',
    byResponse,
    counts: Object.freeze({ speeder: speeders.size, straightLiner: straight.size, duplicate: duplicates.size }),
  });
}
