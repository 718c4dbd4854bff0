import type { Store, Wave } from '../store/index.js';
import { computeWaveResults, earlierPublishedWaves, resultSettings, type WaveResultsOptions } from './wave-results.js';
import { WAVE_RESULTS_VERSION, type WaveResults } from './wave-results-types.js';

/**
 * The cache key of a wave's results: the shape version, the base thresholds and the data versions of the
 * earlier published waves its trend and history read (the wave's own data version is the row's
 * `data_version`). Publishing or changing an earlier wave therefore gives a new key.
 */
export async function resultsCacheKey(store: Store, wave: Wave, options: Pick<WaveResultsOptions, 'lowBase' | 'suppressBase'> = {}): Promise<string> {
  const settings = resultSettings(wave, options);
  const earlier = await earlierPublishedWaves(store, wave);
  return `results:v${WAVE_RESULTS_VERSION}:${settings.lowBase}:${settings.suppressBase}:${earlier.map((w) => `${w.id}.${w.dataVersion}`).join(',')}`;
}

/** Results with how they were obtained (for tests and the benchmark). */
export interface CachedResults {
  readonly results: WaveResults;
  readonly source: 'cache' | 'computed';
}

/**
 * A wave's results, computed once per data version and kept in `results_cache`: a new response, an
 * exclusion, new targets or weighting bump the wave's data version, so the next read recomputes. Earlier
 * waves' results (history, trend) come through this cache too.
 */
export async function getWaveResults(store: Store, wave: Wave, options: Pick<WaveResultsOptions, 'lowBase' | 'suppressBase'> = {}): Promise<WaveResults> {
  return (await readWaveResults(store, wave, options)).results;
}

/** Parsed payloads per open store, so a busy page does not parse the same JSON on every request. */
const MEMORY_SIZE = 32;
const memory = new WeakMap<Store, Map<string, WaveResults>>();
/** Computations under way per open store and memory key. */
const computing = new WeakMap<Store, Map<string, Promise<WaveResults>>>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export async function readWaveResults(store: Store, wave: Wave, options: Pick<WaveResultsOptions, 'lowBase' | 'suppressBase'> = {}): Promise<CachedResults> {
  const key = await resultsCacheKey(store, wave, options);
  const memoryKey = `${wave.id}|${wave.dataVersion}|${key}`;
  let parsed = memory.get(store);
  if (!parsed) memory.set(store, (parsed = new Map()));
  const remembered = parsed.get(memoryKey);
  if (remembered) return { results: remembered, source: 'cache' };
  const remember = (results: WaveResults) => {
    parsed.set(memoryKey, deepFreeze(results));
    if (parsed.size > MEMORY_SIZE) parsed.delete(parsed.keys().next().value!);
    return results;
  };
  const payload = await store.resultsCache.get(wave.id, key, wave.dataVersion);
  if (payload !== undefined) {
    const results = JSON.parse(payload) as WaveResults;
    if (results.version === WAVE_RESULTS_VERSION) return { results: remember(results), source: 'cache' };
  }
  // concurrent first reads (a reader during the publication's warm-up, two readers at once) share one computation
  let running = computing.get(store);
  if (!running) computing.set(store, (running = new Map()));
  let pending = running.get(memoryKey);
  if (!pending) {
    const map = running;
    pending = (async () => {
      const results = await computeWaveResults(store, wave, { ...options, resultsOf: (earlier) => getWaveResults(store, earlier, options) });
      // stored under the data version the computation started from: a response arriving meanwhile bumps it
      await store.resultsCache.put(wave.id, key, wave.dataVersion, JSON.stringify(results));
      return results;
    })().finally(() => map.delete(memoryKey));
    running.set(memoryKey, pending);
  }
  return { results: remember(await pending), source: 'computed' };
}
