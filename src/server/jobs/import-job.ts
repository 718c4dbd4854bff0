import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { waveStudy } from '../../analysis/wave-study.js';
import { convertResponses, importResponsesCsv, isResponseSource, type ImportResult } from '../../exchange/index.js';
import type { Job, JsonValue, Store, TransactionStore, Wave } from '../../store/index.js';
import type { AppConfig } from '../config.js';
import { JobLostError, PermanentJobError } from './job-errors.js';
import type { JobContext } from './job-worker.js';

export const IMPORT_RESPONSES_JOB = 'import-responses';

/** An import job's payload: its options, the kind of file and its mapping, and who asked (the audit log's user). */
export const ZImportJobPayload = z.object({
  skipInvalid: z.boolean().default(false),
  userId: z.number().int().nullable().default(null),
  fileName: z.string().max(300).default(''),
  /** one of RESPONSE_SOURCES (response-sources.ts): the file is converted to our CSV first, except `csv` */
  source: z.string().refine(isResponseSource, 'an unknown kind of response file').default('csv'),
  /** the mapping file, base64, for the sources that take one */
  mapping: z
    .string()
    .max(4 * 1024 * 1024)
    .nullable()
    .default(null),
});
export type ImportJobPayload = z.infer<typeof ZImportJobPayload>;

/** An import's result as a job and the audit log keep it (the first 1,000 rejects listed, all counted). */
export function importResultJson(result: ImportResult): JsonValue {
  return { imported: result.imported, lines: result.lines, rejectedCount: result.rejectedCount, rejected: result.rejected.map((r) => ({ ...r })) };
}

/** Writes the import to the audit log (counts only: the rejects may quote answers). */
export async function auditImport(
  store: Store | TransactionStore,
  userId: number | null,
  waveId: number,
  result: ImportResult,
  extra: Record<string, JsonValue> = {},
): Promise<void> {
  await store.auditLog.append({
    userId,
    action: 'responses.import',
    target: `wave:${waveId}`,
    details: { imported: result.imported, lines: result.lines, rejected: result.rejectedCount, ...extra },
  });
}

/** The file's text, decoded across its parts (a character cut between two parts stays whole). */
async function* textOf(parts: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const part of parts) yield decoder.write(part);
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Every line break of a file read in parts: the progress's total. */
async function countLines(parts: AsyncIterable<Buffer>): Promise<number> {
  let total = 0;
  for await (const part of parts) for (let i = part.indexOf(10); i >= 0; i = part.indexOf(10, i + 1)) total++;
  return total;
}

/**
 * One attempt of a response import job: the uploaded file (the job's `input` file) converted to our CSV when
 * it comes from another tool (`source`, convertResponses), then imported into the wave (importResponsesCsv:
 * every line checked, the rows inserted in one transaction). The job's result and the audit entry commit in
 * that same transaction, so a worker that dies before it commits leaves nothing (the retry imports the file
 * again), and one that dies after leaves the result, which the retry finds: the rows are never imported
 * twice. The lines read are its progress.
 */
export async function runImportJob(context: JobContext): Promise<'done'> {
  const { store, job } = context;
  if (job.result !== null) return 'done';
  const payload = ZImportJobPayload.safeParse(job.payload);
  if (!payload.success || job.waveId === null) throw new PermanentJobError('an import job names its wave and its options');
  const wave = await store.waves.getOrThrow(job.waveId);
  const info = await store.jobFiles.info(job.id, 'input');
  if (!info) throw new PermanentJobError('the uploaded file of this import is gone (past its retention): upload it again');
  const owner = job.leaseOwner ?? '';
  const source = payload.data.source;
  if (isResponseSource(source) && source !== 'csv') {
    // a file of another tool: read whole (the converters read it at once) and converted to our CSV
    const parts: Buffer[] = [];
    for await (const part of store.jobFiles.read(job.id, 'input')) parts.push(part);
    const mapping = payload.data.mapping === null ? undefined : Buffer.from(payload.data.mapping, 'base64');
    const converted = await convertResponses(source, await waveStudy(store, wave), Buffer.concat(parts), { mapping });
    const csv = converted?.csv ?? '';
    await context.progress({ done: 0, total: Math.max(0, csv.split('\n').length - 2) }, true);
    return importFile(context, payload.data, wave, [csv], ',', owner);
  }
  const total = await countLines(store.jobFiles.read(job.id, 'input'));
  await context.progress({ done: 0, total: Math.max(0, total - 1) }, true);
  // copied to a temporary file first: the import reads its input inside its transaction, where the
  // database's connection (SQLite has one) is the transaction's
  const dir = await mkdtemp(join(tmpdir(), 'barometre-import-'));
  const file = join(dir, 'upload.csv');
  try {
    await pipeline(Readable.from(store.jobFiles.read(job.id, 'input')), createWriteStream(file, { mode: 0o600 }));
    return await importFile(context, payload.data, wave, textOf(createReadStream(file)), undefined, owner);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function importFile(
  context: JobContext,
  payload: ImportJobPayload,
  wave: Wave,
  input: AsyncIterable<string> | Iterable<string>,
  separator: ',' | undefined,
  owner: string,
): Promise<'done'> {
  const { store, job } = context;
  let pending: Promise<void> | undefined;
  let lost: unknown;
  // what the audit log keeps besides the counts: the job, the file, its kind, and whether the results were already published
  const details: Record<string, JsonValue> = { job: job.id, file: payload.fileName, source: payload.source, ...(wave.status === 'published' && { published: true }) };
  const result = await importResponsesCsv(store, wave, input, {
    separator,
    skipInvalid: payload.skipInvalid,
    now: context.now(),
    onProgress: (lines) => {
      pending ??= context
        .progress({ done: lines })
        .catch((error: unknown) => void (lost = error))
        .finally(() => (pending = undefined));
    },
    beforeCommit: async (tx, outcome) => {
      if (lost) throw lost;
      if (!(await tx.jobs.setResult(job.id, owner, importResultJson(outcome), context.now()))) throw new JobLostError(`import job ${job.id}: no longer this worker's`);
      await auditImport(tx, payload.userId, wave.id, outcome, details);
    },
  });
  await pending;
  if (result.imported === 0) {
    // nothing committed (a line failed, or the file was empty): the result and the audit entry are written now
    if (!(await store.jobs.setResult(job.id, owner, importResultJson(result), context.now()))) throw new JobLostError(`import job ${job.id}: no longer this worker's`);
    await auditImport(store, payload.userId, wave.id, result, details);
  }
  await context.progress({ done: result.lines, total: result.lines }, true);
  return 'done';
}

/**
 * Runs an import job confirmed and claimed by the caller (`store.jobs.claimConfirmed`, a small file whose
 * result the page shows at once) in the caller's process, as a worker would: done with its result, or failed
 * with its error (then thrown). Returns the job as it ended.
 */
export async function runClaimedImport(store: Store, config: AppConfig, job: Job, owner: string, now: () => Date): Promise<Job> {
  const context: JobContext = {
    job,
    store,
    config,
    now,
    siteUrl: () => '',
    async progress(progress) {
      if (!(await store.jobs.heartbeat(job.id, owner, { ...progress, leaseMs: config.jobs.leaseMs }, now()))) throw new JobLostError(`job ${job.id} is no longer ${owner}'s`);
    },
    stopping: () => false,
    mailSlot: async () => {},
  };
  try {
    await runImportJob(context);
    await store.jobs.complete(job.id, owner, now());
  } catch (error) {
    await store.jobs.fail(job.id, owner, error instanceof Error ? error.message : String(error), { permanent: true }, now());
    throw error;
  }
  return (await store.jobs.get(job.id))!;
}
