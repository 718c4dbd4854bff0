import type { ResponseRecord, Store, Wave } from '../store/index.js';
import { benchmarkPeerGroups, columnLayout, identifyingVariables, unpackInto, studyLanguages, type Label, type Study, type StudyLanguages } from '../study/index.js';
import { scoreDimension } from './benchmark-maturity-score.js';
import { populationMaturity } from './benchmark-population-maturity.js';
import type { BenchmarkSource } from './benchmark-source.js';
import { getWaveResults } from './results-cache.js';
import { prepareWave, studyBanners } from './wave-results-dataset.js';
import { waveStudy } from './wave-study.js';

/** Results are published about six weeks after fieldwork closes (the demo's and the usual calendar). */
const PUBLICATION_DELAY_MS = 42 * 86_400_000;

export type BenchmarkOutcome =
  | { readonly kind: 'benchmark'; readonly response: ResponseRecord; readonly source: BenchmarkSource }
  /** the respondent's study offers no benchmark (no `benchmark` in its document) */
  | { readonly kind: 'none'; readonly response: ResponseRecord }
  | {
      readonly kind: 'pending';
      readonly response: ResponseRecord;
      readonly study: StudyLanguages & { readonly id: string; readonly title: Label };
      readonly wave: { readonly code: string; readonly title: string; readonly closesAt: string | null };
      /** when results are expected (ISO), null while fieldwork has no closing date */
      readonly expectedAt: string | null;
    };

/** The complete response whose benchmark token hashes to `tokenHash` (the respondent side's HMAC, hex). */
export async function findBenchmarkResponse(store: Store, tokenHash: string): Promise<ResponseRecord | undefined> {
  if (!/^[0-9a-f]{64}$/.test(tokenHash)) return undefined;
  const publicId = await store.benchmarks.completeResponseByTokenHash(tokenHash);
  return publicId === undefined ? undefined : store.responses.getByPublicId(publicId);
}

/** The latest published wave of a study in series order (`compareWaves`), if any. */
export async function latestPublishedWave(store: Store, studyId: string): Promise<Wave | undefined> {
  return store.waves.latestPublished(studyId);
}

/** The respondent's category codes by variable, from their packed answers (or the JSON answers when not packed). */
function respondentCodes(study: Study, response: ResponseRecord): Record<string, number> {
  const layout = columnLayout(study);
  const codes: Record<string, number> = {};
  if (response.packed) {
    const categories = layout.categories.map(() => new Int16Array(1).fill(-1));
    const numbers = layout.numbers.map(() => new Float64Array(1).fill(Number.NaN));
    unpackInto(layout, response.packed, 0, numbers, categories);
    layout.categories.forEach((c, j) => (codes[c.name] = categories[j][0]));
  } else {
    for (const c of layout.categories) {
      const v = response.answers[c.name];
      codes[c.name] = typeof v === 'number' && Number.isInteger(v) ? v : -1;
    }
  }
  return codes;
}

interface Population {
  readonly all: number[];
  readonly byPeerLevel: Map<number, number[]>;
}
/** Population scores per open store (a map keyed by dialect would mix two databases of one process). */
const populations = new WeakMap<Store, Map<string, Population>>();

/** Weighted mean maturity scores of a published wave, overall and by level of the first peer group; cached per data version. */
async function populationScores(store: Store, wave: Wave, study: Study): Promise<Population> {
  let cache = populations.get(store);
  if (!cache) populations.set(store, (cache = new Map()));
  const key = `${wave.id}:${wave.dataVersion}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const prepared = await prepareWave(store, wave);
  const columns = { n: prepared.columns.n, categories: prepared.columns.categories, weights: prepared.weighting.design.weights };
  const peers = studyBanners(study).find((b) => b.variable === benchmarkPeerGroups(study)[0]?.variable);
  const peerCodes = peers ? prepared.columns.categories.get(peers.variable) : undefined;
  const byPeerLevel = new Map<number, number[]>();
  if (peerCodes)
    for (const level of peers!.levels)
      byPeerLevel.set(
        level.code,
        populationMaturity(study.maturity, columns, (row) => peerCodes[row] === level.code),
      );
  const population = { all: populationMaturity(study.maturity, columns), byPeerLevel };
  cache.set(key, population);
  if (cache.size > 20) cache.delete(cache.keys().next().value!);
  return population;
}

/**
 * A respondent's benchmark source: their answers against the latest published wave of their study in series
 * order (results from the cache; maturity means weighted like the results, overall and for their peers: the
 * same answer to the study's first peer group). While no wave is published, when results are due (six weeks
 * after their wave closes). `none` when their study offers no benchmark.
 */
export async function loadBenchmark(store: Store, response: ResponseRecord): Promise<BenchmarkOutcome> {
  const own = await store.waves.getOrThrow(response.waveId);
  const ownStudy = await waveStudy(store, own);
  if (!ownStudy.benchmark) return { kind: 'none', response };
  const published = await latestPublishedWave(store, own.studyId);
  if (!published) {
    const expectedAt = own.closesAt ? new Date(Date.parse(own.closesAt) + PUBLICATION_DELAY_MS).toISOString() : null;
    return {
      kind: 'pending',
      response,
      study: { id: ownStudy.id, title: ownStudy.title, ...studyLanguages(ownStudy) },
      wave: { code: own.code, title: own.title, closesAt: own.closesAt },
      expectedAt,
    };
  }
  const [results, publishedStudy] = await Promise.all([getWaveResults(store, published), waveStudy(store, published)]);
  const population = await populationScores(store, published, publishedStudy);
  const codes = respondentCodes(ownStudy, response);
  const layout = columnLayout(ownStudy);
  const variables: BenchmarkSource['variables'] = Object.fromEntries(layout.categories.map((c) => [c.name, { levels: c.levels, outOfBase: c.outOfBase }]));
  const peerGroup = benchmarkPeerGroups(publishedStudy)[0];
  const peerCode = peerGroup ? (codes[peerGroup.variable] ?? -1) : -1;
  const maturity = publishedStudy.maturity;
  const typed = identifyingVariables(ownStudy)
    .map((name) => response.answers[name])
    .find((v) => typeof v === 'string' && v.trim() !== '');
  const name = typeof typed === 'string' ? typed : response.company;
  const source: BenchmarkSource = {
    kind: 'benchmark-source',
    study: { id: ownStudy.id, title: ownStudy.title, producers: ownStudy.producers.map((p) => p.name), ...studyLanguages(ownStudy) },
    results,
    codes,
    variables,
    company: name ?? null,
    maturity,
    peerVariable: peerGroup?.variable ?? null,
    peerLabel: peerGroup?.label ?? null,
    unit: publishedStudy.unit ?? null,
    yes: Object.fromEntries(publishedStudy.indicators.map((i) => [i.id, i.yes])),
    scores: {
      respondent: maturity.map((d) => scoreDimension(d, (variable) => codes[variable] ?? -1)),
      all: population.all,
      sameSize: population.byPeerLevel.get(peerCode) ?? maturity.map(() => Number.NaN),
    },
  };
  return { kind: 'benchmark', response, source };
}
