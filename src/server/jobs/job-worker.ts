import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { AppError } from '../../app-error.js';
import type { Job, JobProgress, Store } from '../../store/index.js';
import type { AppConfig } from '../config.js';
import { configuredSiteUrl } from '../site-url.js';
import { JobLostError, PermanentJobError } from './job-errors.js';

/** What a handler receives for one attempt of a job. */
export interface JobContext {
  readonly job: Job;
  readonly store: Store;
  readonly config: AppConfig;
  /** the worker's clock */
  readonly now: () => Date;
  /** the site's base URL for links in e-mails (PUBLIC_URL; see site-url.ts) */
  readonly siteUrl: () => string;
  /**
   * Records progress and extends the lease (written at most every `progressEvery` calls unless `force`).
   * @throws JobLostError when the job is no longer this worker's: the handler must stop at once.
   */
  progress(progress: JobProgress, force?: boolean): Promise<void>;
  /** true once the worker is asked to stop: the handler returns early and the job is given back */
  stopping(): boolean;
  /** waits for the SMTP rate limit (SMTP_RATE_PER_MINUTE, shared by every worker on the database) before each message, extending the lease while it waits */
  mailSlot(): Promise<void>;
}

/** Runs one attempt. Returns 'stopped' when it returned early because the worker is stopping. Throws to fail (see job-errors.ts). */
export type JobHandler = (context: JobContext) => Promise<'done' | 'stopped'>;

export interface JobWorkerOptions {
  readonly store: Store;
  readonly config: AppConfig;
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** default the system clock; tests inject theirs */
  readonly clock?: () => Date;
  /** how the worker waits (rate limit, idle polling); tests inject one that moves their clock */
  readonly sleep?: (ms: number) => Promise<void>;
  /** the lease's name, default host:pid:random */
  readonly owner?: string;
  /** default config.jobs.leaseMs */
  readonly leaseMs?: number;
  /** idle wait between two looks for a due job, default config.jobs.pollMs */
  readonly pollMs?: number;
  /** default config.jobs.smtpPerMinute; every worker on the database shares it (see mailSlot) */
  readonly smtpPerMinute?: number;
  /** progress is written every this many calls of `progress` (default 20) */
  readonly progressEvery?: number;
  /** the base URL of links in e-mails; default from the configuration (the app passes its listening address) */
  readonly siteUrl?: () => string;
  /** one line per event (claimed, done, failed…); default none */
  readonly log?: (entry: Record<string, unknown>) => void;
}

export interface JobWorker {
  readonly owner: string;
  /** claims one due job and runs it; returns it as it ended (undefined when none was due) */
  runOnce(): Promise<Job | undefined>;
  /** runs due jobs until none is left (tests; a job retried later is not due until the clock reaches it) */
  drainForTests(maxJobs?: number): Promise<Job[]>;
  /** starts the loop: runs due jobs, waits `pollMs` when there is none */
  start(): void;
  /** ends the wait of an idle loop (a job was just enqueued by this process) */
  wake(): void;
  /** asks the running job to stop at its next contact, gives it back and ends the loop */
  stop(): Promise<void>;
}

/** The rate counter row of outgoing e-mail: one per database, so every worker on it shares the rate. */
export const SMTP_RATE_KEY = 'smtp:send-slot';

/**
 * Waits for the next e-mail slot of the installation: SMTP_RATE_PER_MINUTE spaced evenly (one every
 * ceil(60,000 / rate) ms), claimed in the database before each send (rate-counters-repository.ts
 * `claimSlot`), so that any minute holds at most that many sends across every worker process and node.
 * While it waits, `keepLease` runs at least every third of the lease. `perMinute` 0: no limit.
 */
export async function waitForMailSlot(
  store: Store,
  perMinute: number,
  now: () => Date,
  sleep: (ms: number) => Promise<void>,
  keepLease: () => Promise<void>,
  leaseMs: number,
): Promise<void> {
  if (!(perMinute > 0)) return;
  const slot = (await store.rateCounters.claimSlot(SMTP_RATE_KEY, Math.ceil(60_000 / perMinute), now())).getTime();
  for (let wait = slot - now().getTime(); wait > 0; wait = slot - now().getTime()) {
    await keepLease();
    await sleep(Math.min(wait, Math.max(1, Math.floor(leaseMs / 3))));
  }
}

/** The AppError codes that retrying cannot fix. */
const PERMANENT_CODES = new Set(['NOT_FOUND', 'CONFLICT', 'INVALID_INPUT', 'FORBIDDEN', 'UNAVAILABLE']);
const isPermanent = (error: unknown) => error instanceof PermanentJobError || (error instanceof AppError && PERMANENT_CODES.has(error.code));

/**
 * The job worker: claims due jobs from the database queue (jobs-repository.ts) and runs the handler of each
 * kind. The app runs one in its process (JOBS_WORKER=on, the default); `barometre worker` runs one on its own.
 * Any number of workers may share one database: a job is claimed by one of them, under a lease extended by
 * its progress; a worker that dies leaves its lease to expire, and another takes the job over. A failed
 * attempt is retried after a capped exponential backoff (RetryLaterError, database errors), or fails at
 * once (PermanentJobError, AppError NOT_FOUND/CONFLICT/…).
 */
export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { store, config, handlers } = options;
  const now = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? config.jobs.leaseMs;
  const pollMs = options.pollMs ?? config.jobs.pollMs;
  const every = Math.max(1, options.progressEvery ?? 20);
  const log = options.log ?? (() => {});
  const smtpPerMinute = options.smtpPerMinute ?? config.jobs.smtpPerMinute;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeIdle: (() => void) | undefined;

  async function run(job: Job): Promise<Job | undefined> {
    const handler = handlers[job.kind];
    let calls = 0;
    const context: JobContext = {
      job,
      store,
      config,
      now,
      siteUrl: options.siteUrl ?? (() => configuredSiteUrl(config)),
      async progress(progress, force = false) {
        if (!force && ++calls % every !== 0) return;
        if (!(await store.jobs.heartbeat(job.id, owner, { ...progress, leaseMs }, now()))) throw new JobLostError(`job ${job.id} is no longer ${owner}'s`);
      },
      stopping: () => stopping,
      mailSlot: () =>
        waitForMailSlot(
          store,
          smtpPerMinute,
          now,
          sleep,
          async () => {
            if (!(await store.jobs.heartbeat(job.id, owner, { leaseMs }, now()))) throw new JobLostError(`job ${job.id} is no longer ${owner}'s`);
          },
          leaseMs,
        ),
    };
    try {
      if (!handler) throw new PermanentJobError(`no handler for jobs of kind "${job.kind}"`);
      const outcome = await handler(context);
      if (outcome === 'stopped') {
        await store.jobs.release(job.id, owner, now());
        log({ msg: 'job given back', job: job.id, kind: job.kind });
      } else {
        await store.jobs.complete(job.id, owner, now());
        log({ msg: 'job done', job: job.id, kind: job.kind });
      }
    } catch (error) {
      if (error instanceof JobLostError) {
        log({ msg: 'job lost (cancelled or taken over)', job: job.id, kind: job.kind });
        return store.jobs.get(job.id);
      }
      const message = error instanceof Error ? error.message : String(error);
      try {
        const failed = await store.jobs.fail(job.id, owner, message, { permanent: isPermanent(error), baseMs: config.jobs.retryBaseMs }, now());
        log({ msg: failed?.status === 'failed' ? 'job failed' : 'job will be retried', job: job.id, kind: job.kind, runAt: failed?.runAt, error: message.slice(0, 200) });
      } catch {
        // the database is gone too: the lease expires and another attempt takes the job over
        log({ msg: 'job failure not recorded (database unavailable); its lease will expire', job: job.id });
      }
    }
    return store.jobs.get(job.id);
  }

  /** Deletes the job files past their retention (JOB_FILES_RETENTION_DAYS), and cancels the unconfirmed imports whose upload went, at most once an hour per worker. */
  let purgedAt = 0;
  async function purgeFiles(): Promise<void> {
    const at = now().getTime();
    if (at - purgedAt < 3_600_000) return;
    purgedAt = at;
    const parts = await store.jobFiles.purgeExpired(now());
    if (parts > 0) log({ msg: 'expired job files deleted', parts });
    // imports previewed and never confirmed: their upload has gone with its short retention
    const unconfirmed = await store.jobs.cancelUnconfirmedWithoutInput(now());
    if (unconfirmed > 0) log({ msg: 'unconfirmed imports cancelled', jobs: unconfirmed });
  }

  async function runOnce(): Promise<Job | undefined> {
    await purgeFiles();
    const job = await store.jobs.claimNext({ owner, leaseMs, kinds: Object.keys(handlers) }, now());
    if (!job) return undefined;
    log({ msg: 'job claimed', job: job.id, kind: job.kind, attempt: job.attempts });
    return run(job);
  }

  return {
    owner,
    runOnce,
    async drainForTests(maxJobs = 1000) {
      const ran: Job[] = [];
      for (let i = 0; i < maxJobs; i++) {
        const job = await runOnce();
        if (!job) break;
        ran.push(job);
      }
      return ran;
    },
    start() {
      if (loop) return;
      stopping = false;
      loop = (async () => {
        while (!stopping) {
          let ran: Job | undefined;
          try {
            ran = await runOnce();
          } catch (error) {
            // no database for now: wait and look again
            log({ msg: 'job queue unavailable', error: (error as Error).message.slice(0, 200) });
          }
          if (ran || stopping) continue;
          const idle = new AbortController();
          wakeIdle = () => idle.abort();
          await delay(pollMs, undefined, { signal: idle.signal }).catch(() => {});
          wakeIdle = undefined;
        }
      })();
    },
    wake() {
      wakeIdle?.();
    },
    async stop() {
      stopping = true;
      wakeIdle?.();
      await loop;
      loop = undefined;
    },
  };
}
