import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

/** A job's file as stored: its name, type, size and when it goes. */
export interface JobFileInfo {
  readonly jobId: number;
  readonly role: 'input' | 'output';
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface NewJobFile {
  readonly jobId: number;
  readonly role: 'input' | 'output';
  readonly name: string;
  readonly contentType: string;
  /** the bytes, in order (a file read in chunks, or one buffer); cut into parts of at most `JOB_FILE_PART_BYTES` */
  readonly bytes: Buffer | AsyncIterable<Buffer> | Iterable<Buffer>;
  readonly expiresAt: Date;
}

/** The largest part of a stored file: a few megabytes per row, far from either database's limits. */
export const JOB_FILE_PART_BYTES = 4 * 1024 * 1024;

async function* parts(bytes: NewJobFile['bytes']): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  const source = Buffer.isBuffer(bytes) ? [bytes] : bytes;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    let rest = chunk;
    while (rest.length > 0) {
      const take = Math.min(rest.length, JOB_FILE_PART_BYTES - length);
      pending.push(rest.subarray(0, take));
      length += take;
      rest = rest.subarray(take);
      if (length === JOB_FILE_PART_BYTES) {
        yield Buffer.concat(pending);
        pending = [];
        length = 0;
      }
    }
  }
  if (length > 0 || pending.length === 0) yield Buffer.concat(pending);
}

/**
 * The files of jobs (migration 0009): an import's upload (`input`) and an export's result (`output`), in
 * parts. `put` replaces the job's file of that role, so a job retried after a crash stores its file once;
 * call it in the transaction that completes the job's work. Read back whole or part by part.
 */
export function createJobFilesRepository({ db }: StoreContext) {
  const info = (jobId: number, role: 'input' | 'output') =>
    db
      .selectFrom('jobFiles')
      .select(['jobId', 'role', 'name', 'contentType', 'size', 'createdAt', 'expiresAt'])
      .where('jobId', '=', jobId)
      .where('role', '=', role)
      .where('part', '=', 0)
      .executeTakeFirst();
  return {
    /** Stores (or replaces) the job's file of this role; returns its size in bytes. */
    async put(file: NewJobFile, now = new Date()): Promise<number> {
      await db.deleteFrom('jobFiles').where('jobId', '=', file.jobId).where('role', '=', file.role).execute();
      let part = 0;
      let size = 0;
      for await (const bytes of parts(file.bytes)) {
        await db
          .insertInto('jobFiles')
          .values({
            jobId: file.jobId,
            role: file.role,
            part,
            name: file.name,
            contentType: file.contentType,
            size: 0,
            bytes,
            createdAt: isoTime(now),
            expiresAt: isoTime(file.expiresAt),
          })
          .execute();
        part++;
        size += bytes.length;
      }
      // the whole file's size, on every part (read from part 0)
      await db.updateTable('jobFiles').set({ size }).where('jobId', '=', file.jobId).where('role', '=', file.role).execute();
      return size;
    },

    /** The file's name, type and size, without its bytes (undefined when there is none, or it has expired and gone). */
    async info(jobId: number, role: 'input' | 'output'): Promise<JobFileInfo | undefined> {
      const row = await info(jobId, role);
      return row && Object.freeze({ ...row, size: Number(row.size) });
    },

    /** The file's bytes, part by part (a few megabytes in memory at a time). */
    async *read(jobId: number, role: 'input' | 'output'): AsyncGenerator<Buffer> {
      for (let part = 0; ; part++) {
        const row = await db.selectFrom('jobFiles').select('bytes').where('jobId', '=', jobId).where('role', '=', role).where('part', '=', part).executeTakeFirst();
        if (!row) return;
        yield Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes);
      }
    },

    /** Keeps the job's file of this role until `expiresAt` (an upload confirmed for import: kept for its job). */
    async keepUntil(jobId: number, role: 'input' | 'output', expiresAt: Date): Promise<void> {
      await db
        .updateTable('jobFiles')
        .set({ expiresAt: isoTime(expiresAt) })
        .where('jobId', '=', jobId)
        .where('role', '=', role)
        .execute();
    },

    /** Deletes the files whose retention has ended; returns how many parts went. */
    async purgeExpired(now = new Date()): Promise<number> {
      const result = await db.deleteFrom('jobFiles').where('expiresAt', '<=', isoTime(now)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type JobFilesRepository = ReturnType<typeof createJobFilesRepository>;
