import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { fromJson, toJson, type JsonValue } from '../json.js';
import type { Database, JobStatus, JobsTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { isUniqueViolation } from '../constraint-violation.js';
import { isoTime } from '../time.js';

export type { JobStatus } from '../schema.js';

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly waveId: number | null;
  readonly payload: JsonValue;
  readonly status: JobStatus;
  /** when it may run: its scheduled time, or its next retry */
  readonly runAt: string;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly progressDone: number;
  readonly progressFailed: number;
  /** null until the job has counted its work */
  readonly progressTotal: number | null;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** at most one queued or running job has a given key (enqueueOnce) */
  readonly dedupeKey: string | null;
  /** what the job reports once finished (an import's counts and rejects…), null before */
  readonly result: JsonValue | null;
}

export interface NewJob {
  kind: string;
  waveId?: number | null;
  payload?: JsonValue;
  /** default now */
  runAt?: Date;
  /** default 8 */
  maxAttempts?: number;
  createdBy?: string | null;
  /** at most one queued or running job per key: see enqueueOnce */
  dedupeKey?: string | null;
  /** held as `waiting-confirmation` until `confirm` queues it or `claimConfirmed` runs it (default false: queued) */
  awaitConfirmation?: boolean;
}

export interface JobProgress {
  readonly done?: number;
  readonly failed?: number;
  readonly total?: number;
}

/** The first retry waits this long, each next one twice as long, never more than `RETRY_CAP_MS`. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60_000;

/** Exponential backoff: the wait before the retry that follows failed attempt number `attempts` (1, 2, …). */
export function retryDelayMs(attempts: number, baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(30, attempts - 1)));
}

const toJob = (row: Selectable<JobsTable>): Job =>
  Object.freeze({
    ...row,
    payload: fromJson(row.payload, null),
    result: row.result === null ? null : fromJson(row.result, null),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    progressDone: Number(row.progressDone),
    progressFailed: Number(row.progressFailed),
    progressTotal: row.progressTotal === null ? null : Number(row.progressTotal),
  });

/** A job a worker may take now: queued and due, or running under a lease that has expired (its worker died). */
function due(now: string) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.or([eb.and([eb('status', '=', 'queued'), eb('runAt', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('leaseExpiresAt', '<', now)])]);
}

/**
 * The job queue (migration 0006), shared by every node and process on the database. A worker claims the
 * next due job with one conditional UPDATE: on PostgreSQL its row is picked with `FOR UPDATE SKIP LOCKED`,
 * so concurrent workers never wait on or take the same job; on SQLite the statement runs in the database's
 * single write transaction, so two claims are serialised and the second sees the first's lease. The claim
 * sets a lease (`leaseOwner` until `leaseExpiresAt`), which the worker extends with its progress; a job whose
 * lease has expired is due again (crash resume). Every write after the claim checks that the lease is still
 * the caller's, so a worker that lost its job (cancelled, or taken over) learns it and stops.
 */
export function createJobsRepository({ db, dialect }: StoreContext) {
  const mine = (id: number, owner: string) => (eb: ExpressionBuilder<Database, 'jobs'>) => eb.and([eb('id', '=', id), eb('status', '=', 'running'), eb('leaseOwner', '=', owner)]);
  return {
    async enqueue(input: NewJob, now = new Date()): Promise<Job> {
      const row = await db
        .insertInto('jobs')
        .values({
          kind: input.kind,
          waveId: input.waveId ?? null,
          payload: toJson(input.payload ?? {})!,
          status: input.awaitConfirmation ? 'waiting-confirmation' : 'queued',
          runAt: isoTime(input.runAt ?? now),
          maxAttempts: input.maxAttempts ?? 8,
          lastError: null,
          progressTotal: null,
          leaseOwner: null,
          leaseExpiresAt: null,
          createdBy: input.createdBy ?? null,
          createdAt: isoTime(now),
          updatedAt: isoTime(now),
          finishedAt: null,
          dedupeKey: input.dedupeKey ?? null,
          result: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toJob(row);
    },

    /**
     * Enqueues a job unless one with the same `dedupeKey` is queued or running (a unique index on the key
     * over those statuses, migration 0009): returns that one then, with `created` false. Concurrent callers
     * on any node get one job between them.
     */
    async enqueueOnce(input: NewJob & { dedupeKey: string }, now = new Date()): Promise<{ job: Job; created: boolean }> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const existing = await db.selectFrom('jobs').selectAll().where('dedupeKey', '=', input.dedupeKey).where('status', 'in', ['queued', 'running']).executeTakeFirst();
        if (existing) return { job: toJob(existing), created: false };
        try {
          return { job: await this.enqueue(input, now), created: true };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          // another caller enqueued it meanwhile: read theirs
        }
      }
      throw new Error(`enqueueOnce: no job for key ${input.dedupeKey} after 5 attempts`);
    },

    /** The newest job with this key, whatever its status (undefined when none). */
    async latestByKey(dedupeKey: string): Promise<Job | undefined> {
      const row = await db.selectFrom('jobs').selectAll().where('dedupeKey', '=', dedupeKey).orderBy('id', 'desc').limit(1).executeTakeFirst();
      return row && toJob(row);
    },

    /**
     * Records what the owner's running job reports (its result, shown on its page). Run it in the
     * transaction that commits the job's work, so that a job whose work is in has its result too: a retry
     * after a crash reads it and does not do the work again. False when the job is no longer the owner's.
     */
    async setResult(id: number, owner: string, result: JsonValue, now = new Date()): Promise<boolean> {
      const updated = await db
        .updateTable('jobs')
        .set({ result: toJson(result), updatedAt: isoTime(now) })
        .where(mine(id, owner))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    async get(id: number): Promise<Job | undefined> {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toJob(row);
    },

    /** A wave's jobs, newest first. */
    async listByWave(waveId: number, options: { kinds?: readonly string[]; limit?: number } = {}): Promise<Job[]> {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('waveId', '=', waveId)
        .$if(options.kinds !== undefined, (q) => q.where('kind', 'in', options.kinds!.length ? [...options.kinds!] : ['']))
        .orderBy('id', 'desc')
        .limit(options.limit ?? 50)
        .execute();
      return rows.map(toJob);
    },

    /**
     * Takes the next due job (earliest `runAt`, then oldest) for `owner` until `now + leaseMs`, counting an
     * attempt; undefined when none is due. Only one caller gets a given job.
     */
    async claimNext(input: { owner: string; leaseMs: number; kinds?: readonly string[] }, now = new Date()): Promise<Job | undefined> {
      const at = isoTime(now);
      const pick = db
        .selectFrom('jobs')
        .select('id')
        .where(due(at))
        .$if(input.kinds !== undefined, (q) => q.where('kind', 'in', input.kinds!.length ? [...input.kinds!] : ['']))
        .orderBy('runAt')
        .orderBy('id')
        .limit(1)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked());
      const row = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          leaseOwner: input.owner,
          leaseExpiresAt: isoTime(new Date(now.getTime() + input.leaseMs)),
          attempts: eb('attempts', '+', 1),
          updatedAt: at,
        }))
        .where('id', '=', pick)
        .where(due(at))
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },

    /**
     * Extends the lease of `owner`'s running job to `now + leaseMs` and records its progress. False when the
     * job is no longer the owner's (cancelled, or taken over after the lease expired): the worker must stop.
     */
    async heartbeat(id: number, owner: string, input: JobProgress & { leaseMs: number }, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set({
          leaseExpiresAt: isoTime(new Date(now.getTime() + input.leaseMs)),
          updatedAt: isoTime(now),
          ...(input.done !== undefined && { progressDone: input.done }),
          ...(input.failed !== undefined && { progressFailed: input.failed }),
          ...(input.total !== undefined && { progressTotal: input.total }),
        })
        .where(mine(id, owner))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The owner's job is done. False when it was no longer the owner's. */
    async complete(id: number, owner: string, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'done', leaseOwner: null, leaseExpiresAt: null, lastError: null, updatedAt: isoTime(now), finishedAt: isoTime(now) })
        .where(mine(id, owner))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * The owner's attempt failed with `error`: queued again after `retryDelayMs(attempts)`, or failed for good
     * when it has had `maxAttempts` attempts or `permanent` is set. Returns the job as it now is (undefined
     * when it was no longer the owner's).
     */
    async fail(id: number, owner: string, error: string, options: { permanent?: boolean; baseMs?: number; capMs?: number } = {}, now = new Date()): Promise<Job | undefined> {
      const job = await db.selectFrom('jobs').selectAll().where(mine(id, owner)).executeTakeFirst();
      if (!job) return undefined;
      const attempts = Number(job.attempts);
      const final = options.permanent === true || attempts >= Number(job.maxAttempts);
      const row = await db
        .updateTable('jobs')
        .set({
          status: final ? 'failed' : 'queued',
          runAt: final ? job.runAt : isoTime(new Date(now.getTime() + retryDelayMs(attempts, options.baseMs, options.capMs))),
          lastError: error.slice(0, 500),
          leaseOwner: null,
          leaseExpiresAt: null,
          updatedAt: isoTime(now),
          finishedAt: final ? isoTime(now) : null,
        })
        .where(mine(id, owner))
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },

    /** A worker stopping gracefully gives its job back, due now, without counting the attempt. */
    async release(id: number, owner: string, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'queued',
          runAt: isoTime(now),
          attempts: sql<number>`case when ${eb.ref('attempts')} > 0 then ${eb.ref('attempts')} - 1 else 0 end`,
          leaseOwner: null,
          leaseExpiresAt: null,
          updatedAt: isoTime(now),
        }))
        .where(mine(id, owner))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Queues a job held for confirmation, due now. False when it was not waiting (unknown, already
     * confirmed or cancelled): of two confirmations, one wins.
     */
    async confirm(id: number, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'queued', runAt: isoTime(now), updatedAt: isoTime(now) })
        .where('id', '=', id)
        .where('status', '=', 'waiting-confirmation')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Confirms a held job and takes it at once for `owner` (its work done in the caller's process, under a
     * lease as a worker's: if the caller dies, the lease expires and a worker takes it over). Undefined when
     * it was not waiting for confirmation.
     */
    async claimConfirmed(id: number, input: { owner: string; leaseMs: number }, now = new Date()): Promise<Job | undefined> {
      const row = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          runAt: isoTime(now),
          leaseOwner: input.owner,
          leaseExpiresAt: isoTime(new Date(now.getTime() + input.leaseMs)),
          attempts: eb('attempts', '+', 1),
          updatedAt: isoTime(now),
        }))
        .where('id', '=', id)
        .where('status', '=', 'waiting-confirmation')
        .returningAll()
        .executeTakeFirst();
      return row && toJob(row);
    },

    /** Cancels the jobs held for confirmation whose input file has gone (past its retention); returns how many. */
    async cancelUnconfirmedWithoutInput(now = new Date()): Promise<number> {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'cancelled', updatedAt: isoTime(now), finishedAt: isoTime(now) })
        .where('status', '=', 'waiting-confirmation')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('jobFiles').select('jobFiles.jobId').whereRef('jobFiles.jobId', '=', 'jobs.id').where('jobFiles.role', '=', 'input'))),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Cancels a queued, running or unconfirmed job (a running one stops at its next heartbeat). False when it had ended. */
    async cancel(id: number, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'cancelled', leaseOwner: null, leaseExpiresAt: null, updatedAt: isoTime(now), finishedAt: isoTime(now) })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running', 'waiting-confirmation'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export type JobsRepository = ReturnType<typeof createJobsRepository>;
