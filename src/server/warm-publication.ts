import type { FastifyInstance } from 'fastify';
import { getWaveResults } from '../analysis/results-cache.js';
import { waveStudy } from '../analysis/wave-study.js';
import { isAppError } from '../app-error.js';
import { contentLanguage, defaultLanguage } from '../study/index.js';
import { interfaceLanguage, hasCatalogue, type Lang } from '../messages/index.js';
import { publishedWaves } from './routes/public/published-results.js';
import { publishedStudyIds } from './routes/public/site-studies.js';
import { enqueueWhitePaper } from './jobs/white-paper-job.js';
import { isStopping } from './background.js';
import { switchLanguages } from './views/layout.js';
import { RESULTS_PATHS } from './views/public/results-paths.js';

/** What a warm-up did, for the log and the benchmark. */
export interface WarmReport {
  readonly dashboards: number;
  readonly whitePapers: number;
}

/** The interface languages a study's public pages are read in, its default language's first. */
function readerLanguages(languages: readonly string[], first: string): Lang[] {
  const all = switchLanguages(languages);
  const preferred = hasCatalogue(first) ? interfaceLanguage(first) : undefined;
  return preferred && all.includes(preferred) ? [preferred, ...all.filter((l) => l !== preferred)] : all;
}

/**
 * Makes a published wave fast to read before anyone asks: its results (and the earlier waves' its trend
 * reads) computed into the results cache, its dashboard rendered once in each language of its study (through
 * the app itself, so that the page's own caches and the chart library are warm), then, for the latest
 * published wave of its study (the one the white paper form serves), its white paper stored in each of those
 * languages (a job per language, see white-paper-job.ts; `whitePapers` counts the jobs asked for). Does
 * nothing for a wave that is no longer published; a wave without kept responses only gets its (empty) dashboard.
 */
export async function warmPublishedWave(app: FastifyInstance, waveId: number): Promise<WarmReport> {
  const wave = await app.store.waves.get(waveId);
  if (!wave || wave.status !== 'published') return { dashboards: 0, whitePapers: 0 };
  const study = await waveStudy(app.store, wave);
  let hasResults = true;
  try {
    await getWaveResults(app.store, wave);
  } catch (error) {
    if (!(isAppError(error) && error.code === 'UNAVAILABLE')) throw error;
    hasResults = false;
  }
  const latest = (await publishedWaves(app.store, wave.studyId)).at(-1);
  const isLatest = latest?.id === wave.id;
  const langs = readerLanguages(study.languages, contentLanguage(study, defaultLanguage(study)));
  let dashboards = 0;
  for (const lang of langs) {
    if (isStopping(app)) break;
    const url = RESULTS_PATHS.dashboard(lang, wave.studyId, isLatest ? {} : { wave: wave.code });
    const response = await app.inject({ method: 'GET', url });
    if (response.statusCode === 200) dashboards++;
    else app.log.warn({ status: response.statusCode, waveId }, 'dashboard warm-up did not get the page');
  }
  let whitePapers = 0;
  if (isLatest && hasResults) {
    for (const lang of langs) {
      if (isStopping(app)) break;
      const current = await app.store.waves.get(waveId);
      if (!current || current.status !== 'published') break; // unpublished meanwhile
      // built by a job (src/server/jobs/white-paper-job.ts): by this node's worker, another node's or `barometre worker`, once
      await enqueueWhitePaper(app.store, current, lang, app.clock());
      whitePapers++;
    }
    if (whitePapers > 0) app.jobs.wake();
  }
  return { dashboards, whitePapers };
}

/** Warms the latest published wave of every study (after a start), one after the other. */
export async function warmPublishedStudies(app: FastifyInstance): Promise<WarmReport> {
  let dashboards = 0;
  let whitePapers = 0;
  for (const studyId of await publishedStudyIds(app.store)) {
    const latest = (await publishedWaves(app.store, studyId)).at(-1);
    if (!latest || isStopping(app)) continue;
    const report = await warmPublishedWave(app, latest.id);
    dashboards += report.dashboards;
    whitePapers += report.whitePapers;
  }
  return { dashboards, whitePapers };
}
