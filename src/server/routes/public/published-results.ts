import { getWaveResults } from '../../../analysis/results-cache.js';
import type { WaveResults } from '../../../analysis/wave-results-types.js';
import { AppError, isAppError } from '../../../app-error.js';
import type { Store, Wave } from '../../../store/index.js';

/** A study's published waves, oldest first in series order (`compareWaves`). */
export async function publishedWaves(store: Store, studyId: string): Promise<Wave[]> {
  return store.waves.listPublished(studyId);
}

export interface PublishedResults {
  readonly wave: Wave;
  readonly waves: readonly Wave[];
  readonly results: WaveResults;
  /** changes whenever a published wave's data, settings or status change: the key of rendered pages */
  readonly version: string;
}

/** Why a published wave has no results: none of its responses is complete and kept (details.reason of the NOT_FOUND). */
export const NO_KEPT_RESPONSES = 'NO_KEPT_RESPONSES';

/**
 * A published wave (the latest when `code` is absent) with its results, or `results: undefined` when it has
 * no complete kept response (every response excluded after publication, say): the data never makes a
 * public page fail, the page says why instead.
 * @throws AppError NOT_FOUND when the study has no such published wave
 */
export async function loadPublishedWave(store: Store, studyId: string, code?: string): Promise<Omit<PublishedResults, 'results'> & { readonly results: WaveResults | undefined }> {
  const waves = await publishedWaves(store, studyId);
  const wave = code === undefined || code === '' ? waves.at(-1) : waves.find((w) => w.code === code);
  if (!wave) throw new AppError('NOT_FOUND', code ? `study ${studyId} has no published wave ${code}` : `study ${studyId} has no published wave`, { studyId });
  let results: WaveResults | undefined;
  try {
    results = await getWaveResults(store, wave);
  } catch (error) {
    // computeWaveResults' "no complete kept response"; an unreachable database is another error and stays a 503
    if (!(isAppError(error) && error.code === 'UNAVAILABLE')) throw error;
  }
  const version = `${wave.id}|${waves.map((w) => `${w.id}.${w.dataVersion}.${w.updatedAt}`).join(',')}`;
  return { wave, waves, results, version };
}

/**
 * The results of a published wave (the latest when `code` is absent). Only published waves are public:
 * any other wave, like an unknown one, is NOT_FOUND; so is a published wave without a complete kept
 * response (details.reason NO_KEPT_RESPONSES).
 * @throws AppError NOT_FOUND
 */
export async function publishedResults(store: Store, studyId: string, code?: string): Promise<PublishedResults> {
  const loaded = await loadPublishedWave(store, studyId, code);
  if (!loaded.results) {
    throw new AppError('NOT_FOUND', `wave ${loaded.wave.code} of study ${studyId} has no complete kept response to show`, {
      studyId,
      wave: loaded.wave.code,
      reason: NO_KEPT_RESPONSES,
    });
  }
  return { ...loaded, results: loaded.results };
}

/** A small least-recently-used cache of rendered output, keyed by `PublishedResults.version` and the view. */
export function renderCache<T>(size: number) {
  const entries = new Map<string, T>();
  return {
    async get(key: string, make: () => T | Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const value = await make();
      entries.set(key, value);
      if (entries.size > size) entries.delete(entries.keys().next().value!);
      return value;
    },
  };
}
