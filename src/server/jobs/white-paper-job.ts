import { z } from 'zod';
import type { Lang } from '../../messages/index.js';
import type { Job, Store, Wave } from '../../store/index.js';
import { ensureStoredWhitePaper, whitePaperKey } from '../stored-white-paper.js';
import { PermanentJobError } from './job-errors.js';
import type { JobContext } from './job-worker.js';

export const WHITE_PAPER_JOB = 'white-paper';

const ZPayload = z.object({ lang: z.string().min(2).max(35) });

/** The dedupe key of a wave's white paper in a language: at most one such job waits or runs at a time. */
export const whitePaperJobKey = (waveId: number, lang: string) => `white-paper:${waveId}:${lang}`;

/**
 * Asks for a published wave's white paper in a language to be built by a job (once: a job already waiting or
 * running for it is returned instead, on whichever node it was enqueued).
 */
export async function enqueueWhitePaper(store: Store, wave: Wave, lang: Lang, now: Date, createdBy: string | null = null): Promise<Job> {
  const cacheKey = await whitePaperKey(store, wave);
  const { job } = await store.jobs.enqueueOnce(
    { kind: WHITE_PAPER_JOB, waveId: wave.id, payload: { lang, cacheKey }, dedupeKey: whitePaperJobKey(wave.id, lang), maxAttempts: 3, createdBy },
    now,
  );
  return job;
}

/**
 * One attempt of a white paper job: the stored paper of the wave in the language made current
 * (ensureStoredWhitePaper: read back when its key is current, built and stored otherwise). Its result names
 * the key it was made for, and `empty` when the wave has no result to print, so the download page can say
 * so instead of asking again. A wave no longer published needs no paper: done.
 */
export async function runWhitePaperJob(context: JobContext): Promise<'done'> {
  const { store, job } = context;
  const payload = ZPayload.safeParse(job.payload);
  if (!payload.success || job.waveId === null) throw new PermanentJobError('a white paper job names its wave and its language');
  const wave = await store.waves.get(job.waveId);
  if (!wave || wave.status !== 'published') return 'done';
  const lang = payload.data.lang as Lang;
  const key = await whitePaperKey(store, wave);
  await context.progress({ done: 0, total: 1 }, true);
  const ensured = await ensureStoredWhitePaper(store, wave, lang);
  await store.jobs.setResult(
    job.id,
    job.leaseOwner ?? '',
    { cacheKey: key, empty: !ensured, source: ensured?.source ?? null, bytes: ensured?.paper.pdf.length ?? 0 },
    context.now(),
  );
  await context.progress({ done: 1, total: 1 }, true);
  return 'done';
}
