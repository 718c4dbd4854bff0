import { createHash } from 'node:crypto';
import { getWaveResults, resultsCacheKey } from '../analysis/results-cache.js';
import { waveStudy } from '../analysis/wave-study.js';
import { isAppError } from '../app-error.js';
import type { Lang } from '../messages/index.js';
import { renderWhitePaper } from '../report/pdf/white-paper-pdf.js';
import type { Store, StoredWhitePaper, Wave } from '../store/index.js';
import { studyBranding } from '../study/index.js';

/** Bump when the white paper's layout or wording changes: every stored paper is then rebuilt on its next request. */
export const WHITE_PAPER_FORMAT = 1;

/** What a stored paper is made from: a paper whose key differs is out of date and is rebuilt. */
export async function whitePaperKey(store: Store, wave: Wave): Promise<string> {
  return `white-paper:v${WHITE_PAPER_FORMAT}:${wave.dataVersion}:${wave.studyVersionId}:${wave.publishedAt ?? ''}:${await resultsCacheKey(store, wave)}`;
}

export interface EnsuredWhitePaper {
  readonly paper: StoredWhitePaper;
  /** 'stored': read back; 'built': made by this call (or by the concurrent call it joined) */
  readonly source: 'stored' | 'built';
}

/** The stored paper of the wave in the language when its key is current (no build), else undefined. */
export async function currentStoredWhitePaper(store: Store, wave: Wave, lang: Lang): Promise<StoredWhitePaper | undefined> {
  const stored = await store.whitePapers.get(wave.id, lang);
  return stored && stored.cacheKey === (await whitePaperKey(store, wave)) ? stored : undefined;
}

/** Builds under way per store and (wave, language, key): concurrent first requests share one build. */
const inFlight = new WeakMap<Store, Map<string, Promise<EnsuredWhitePaper | undefined>>>();
/** How many papers each store had built by this process (tests and the benchmark count them). */
const builds = new WeakMap<Store, number>();

/** How many white papers this process has built for a store. */
export function whitePaperBuilds(store: Store): number {
  return builds.get(store) ?? 0;
}

/**
 * The white paper of a published wave in one language, made once and kept in `white_papers`: the stored
 * bytes when their key is current, otherwise built now (results from the results cache, the study's logo
 * and accent colour), stored with their SHA-256 and returned. Concurrent calls for the same paper share one
 * build. Undefined when the wave has no complete kept response (no results to print). A plain function so
 * that publication, the first download and a job queue can all call it.
 */
export async function ensureStoredWhitePaper(store: Store, wave: Wave, lang: Lang): Promise<EnsuredWhitePaper | undefined> {
  const key = await whitePaperKey(store, wave);
  let running = inFlight.get(store);
  if (!running) inFlight.set(store, (running = new Map()));
  const flightKey = `${wave.id}|${lang}|${key}`;
  // the read of the stored paper is part of the shared work: a caller that read "not stored" just before
  // another's build stored it and left the map would otherwise build the paper a second time
  let work = running.get(flightKey);
  if (!work) {
    const map = running;
    work = storedOrBuilt(store, wave, lang, key).finally(() => map.delete(flightKey));
    running.set(flightKey, work);
  }
  return work;
}

async function storedOrBuilt(store: Store, wave: Wave, lang: Lang, key: string): Promise<EnsuredWhitePaper | undefined> {
  const stored = await store.whitePapers.get(wave.id, lang);
  if (stored && stored.cacheKey === key) return { paper: stored, source: 'stored' };
  const paper = await buildWhitePaper(store, wave, lang, key);
  return paper && { paper, source: 'built' };
}

async function buildWhitePaper(store: Store, wave: Wave, lang: Lang, key: string): Promise<StoredWhitePaper | undefined> {
  let results;
  try {
    results = await getWaveResults(store, wave);
  } catch (error) {
    // no complete kept response (all excluded after publication): nothing to print
    if (isAppError(error) && error.code === 'UNAVAILABLE') return undefined;
    throw error;
  }
  const study = await waveStudy(store, wave);
  const branding = studyBranding(study);
  const pdf = await renderWhitePaper({ results, lang, logo: branding.logo ?? null, accent: branding.accentColor, creationDate: new Date(wave.publishedAt ?? wave.updatedAt) });
  builds.set(store, whitePaperBuilds(store) + 1);
  const paper = { waveId: wave.id, lang, cacheKey: key, etag: createHash('sha256').update(pdf).digest('base64url'), pdf };
  await store.whitePapers.put(paper);
  return Object.freeze({ ...paper, createdAt: new Date().toISOString() });
}
