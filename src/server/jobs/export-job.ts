import { createReadStream } from 'node:fs';
import { z } from 'zod';
import type { JsonValue } from '../../store/index.js';
import { exportFileSpec, writeExportFile, ZExportQuery } from '../export-file.js';
import { JobLostError, PermanentJobError } from './job-errors.js';
import type { JobContext } from './job-worker.js';

export const EXPORT_JOB = 'export';

/** An export job's payload: the format and the query options of the download it stands for. */
export const ZExportJobPayload = z.object({ format: z.string(), query: ZExportQuery, requestedAt: z.iso.datetime().optional() });
export type ExportJobPayload = z.infer<typeof ZExportJobPayload>;

/** What a finished export job reports (its file is the job's `output` file). */
export interface ExportJobResult {
  readonly fileName: string;
  readonly bytes: number;
  readonly rows: number;
}

/**
 * One attempt of an export job: the wave's export written to a temporary file (the same writer as the direct
 * download, export-file.ts), then stored as the job's output file with its result in one transaction, so a
 * job that stored its file is never exported again (a retry after a crash finds the result and ends). The
 * rows written so far are its progress, out of the wave's responses.
 */
export async function runExportJob(context: JobContext): Promise<'done'> {
  const { store, job, config } = context;
  if (job.result !== null && (await store.jobFiles.info(job.id, 'output'))) return 'done';
  const payload = ZExportJobPayload.safeParse(job.payload);
  if (!payload.success || job.waveId === null) throw new PermanentJobError('an export job names its wave, its format and its options');
  const wave = await store.waves.getOrThrow(job.waveId);
  const spec = exportFileSpec(wave, payload.data.format, payload.data.query);
  if (!spec) throw new PermanentJobError(`no export format "${payload.data.format}"`);
  const total = await store.responses.count(wave.id, { includeExcluded: payload.data.query.responses === 'all' });
  await context.progress({ done: 0, total }, true);
  let rows = 0;
  let pending: Promise<void> | undefined;
  let lost: unknown;
  // the file's creation time (a .sav header's) is when it was asked for: every attempt writes the same bytes
  const requestedAt = new Date(payload.data.requestedAt ?? job.createdAt);
  const { file, remove } = await writeExportFile(
    store,
    wave,
    spec,
    (n) => {
      rows = n;
      // at most one progress write at a time; a lost job is learnt here and thrown below
      pending ??= context
        .progress({ done: Math.min(n, total) })
        .catch((error: unknown) => void (lost = error))
        .finally(() => (pending = undefined));
    },
    requestedAt,
  );
  try {
    await pending;
    if (lost) throw lost;
    const owner = job.leaseOwner ?? '';
    const result: ExportJobResult = { fileName: spec.fileName, bytes: 0, rows };
    await store.transaction(async (tx) => {
      const bytes = await tx.jobFiles.put({
        jobId: job.id,
        role: 'output',
        name: spec.fileName,
        contentType: spec.type,
        bytes: createReadStream(file, { highWaterMark: 1024 * 1024 }),
        expiresAt: new Date(context.now().getTime() + config.jobs.filesRetentionMs),
      });
      if (!(await tx.jobs.setResult(job.id, owner, { ...result, bytes } as unknown as JsonValue, context.now())))
        throw new JobLostError(`export job ${job.id}: no longer this worker's`);
    });
    await context.progress({ done: total, total }, true);
    return 'done';
  } finally {
    await remove();
  }
}
