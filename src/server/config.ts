import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../app-error.js';

/** The server's configuration, read from the environment once (the only place that reads it with the CLI). */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** absolute */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  /** PostgreSQL: milliseconds to wait for a connection, statement_timeout, idle_in_transaction_session_timeout (0: none) */
  readonly databaseTimeouts: { readonly connectMs: number; readonly statementMs: number; readonly idleInTransactionMs: number };
  /** at least 32 bytes: HMACs of tokens and cookie signatures */
  readonly secretKey: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** without a trailing slash, e.g. https://barometre.example.org */
  readonly publicUrl: string | undefined;
  /**
   * Which proxies' X-Forwarded-For to believe: false (none), a hop count, or a list of proxy addresses/CIDRs
   * (Fastify's trustProxy). Never `true`: that would believe a forged header from anyone.
   */
  readonly trustProxy: false | number | string;
  /** bases below this many respondents are flagged */
  readonly lowBase: number;
  /** bases below this many respondents are not published */
  readonly suppressBase: number;
  /** a wave with fewer complete kept responses than this cannot be published */
  readonly publishMinCompletes: number;
  /** true when PUBLIC_URL is https: cookies get `Secure`, HSTS is sent */
  readonly secureCookies: boolean;
  /** contacts and leads older than this many months are purged by `barometre gdpr purge`; undefined: keep */
  readonly retentionMonths: number | undefined;
  /**
   * TEST ONLY, never in production: BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1 makes the questionnaire answer a
   * page before its transaction commits (the commit follows a moment later). It exists so that the crash
   * test (npm run test:crash) can show it detects acknowledged answers lost when the server dies.
   * loadConfig refuses it unless NODE_ENV=test, which the crash test sets for that run.
   */
  readonly unsafeAckBeforeCommit: boolean;
  /** the job queue (issue 19): see src/server/jobs/ */
  readonly jobs: {
    /** JOBS_WORKER=on (default): the app runs a worker in its process; off: jobs wait for `barometre worker` */
    readonly worker: boolean;
    /** JOBS_LEASE_SECONDS: a worker that stops extending its lease this long is taken for dead */
    readonly leaseMs: number;
    /** JOBS_POLL_MS: an idle worker looks for due jobs this often */
    readonly pollMs: number;
    /** JOBS_RETRY_BASE_SECONDS: the first retry's wait, doubled for each next one (capped at an hour) */
    readonly retryBaseMs: number;
    /** SMTP_RATE_PER_MINUTE: e-mails per minute every worker on the database sends at most, together (0: no limit) */
    readonly smtpPerMinute: number;
    /** LARGE_WAVE_RESPONSES: a wave with at least this many responses exports and builds its white paper through the job queue */
    readonly largeWaveResponses: number;
    /** LARGE_IMPORT_BYTES: a response import file at least this large is imported by a job */
    readonly largeImportBytes: number;
    /** JOB_FILES_RETENTION_DAYS: a job's stored files (an export, an import's upload) are deleted after this long */
    readonly filesRetentionMs: number;
  };
}

const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().optional());
const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? fallback : Number(v)),
    z.number({ error: 'expected a number' }).int('expected an integer').min(min, `expected at least ${min}`).max(max, `expected at most ${max}`),
  );
const url = (protocols: RegExp, what: string) => optionalText.refine((v) => v === undefined || (URL.canParse(v) && protocols.test(new URL(v).protocol)), `expected ${what}`);

const ZEnv = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: optionalText.transform((v) => v ?? '0.0.0.0'),
  DATA_DIR: optionalText.transform((v) => resolve(v ?? './data')),
  DATABASE_URL: optionalText,
  DATABASE_CONNECT_TIMEOUT_MS: integer(5000, 100, 600_000),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(60_000, 0, 86_400_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: integer(60_000, 0, 86_400_000),
  SECRET_KEY: optionalText.refine((v) => v === undefined || Buffer.byteLength(v, 'utf8') >= 32, 'expected at least 32 bytes (e.g. 64 hex digits from `openssl rand -hex 32`)'),
  SMTP_URL: url(/^smtps?:$/, 'an smtp:// or smtps:// URL'),
  MAIL_FROM: optionalText.transform((v) => v ?? 'Baromètre <no-reply@localhost>'),
  PUBLIC_URL: url(/^https?:$/, 'an http:// or https:// URL').transform((v) => v?.replace(/\/+$/, '')),
  TRUST_PROXY: optionalText.transform((v, ctx): false | number | string => {
    if (v === undefined || /^(false|0|no)$/i.test(v)) return false;
    if (/^(true|yes)$/i.test(v)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'true is refused: it believes X-Forwarded-For from anyone, so a forged header bypasses every rate limit; give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5,10.0.1.0/24)',
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(v)) return Number(v);
    const bad = proxyListProblem(v);
    if (bad === undefined)
      return v
        .split(',')
        .map((a) => a.trim())
        .join(',');
    ctx.addIssue({ code: 'custom', message: `expected false, a hop count or a comma-separated list of proxy addresses or CIDRs; ${bad}` });
    return z.NEVER;
  }),
  LOW_BASE: integer(30, 1, 1_000_000),
  SUPPRESS_BASE: integer(10, 0, 1_000_000),
  PUBLISH_MIN_COMPLETES: integer(30, 1, 1_000_000),
  RETENTION_MONTHS: z.preprocess(
    (v) => (v === undefined || v === '' ? undefined : Number(v)),
    z.number({ error: 'expected a number of months' }).int('expected an integer').min(1, 'expected at least 1').max(1200).optional(),
  ),
  BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: optionalText.refine((v) => v === undefined || v === '0' || v === '1', 'expected 1 or 0').transform((v) => v === '1'),
  NODE_ENV: optionalText,
  JOBS_WORKER: optionalText.refine((v) => v === undefined || /^(on|off)$/i.test(v), 'expected on or off').transform((v) => (v ?? 'on').toLowerCase() === 'on'),
  JOBS_LEASE_SECONDS: integer(60, 5, 3600),
  JOBS_POLL_MS: integer(2000, 10, 600_000),
  JOBS_RETRY_BASE_SECONDS: integer(30, 1, 3600),
  SMTP_RATE_PER_MINUTE: integer(0, 0, 1_000_000),
  LARGE_WAVE_RESPONSES: integer(10_000, 0, 100_000_000),
  LARGE_IMPORT_BYTES: integer(1024 * 1024, 0, 1024 * 1024 * 1024),
  JOB_FILES_RETENTION_DAYS: integer(7, 1, 3650),
});

/** Why a TRUST_PROXY list is not a list of IP addresses or CIDRs (undefined: it is). */
function proxyListProblem(list: string): string | undefined {
  for (const raw of list.split(',')) {
    const item = raw.trim();
    const [address = '', bits, extra] = item.split('/');
    const version = isIP(address);
    if (version === 0 || extra !== undefined) return `"${item}" is not an IP address or CIDR`;
    if (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > (version === 4 ? 32 : 128))) return `"${item}" has an invalid prefix length`;
  }
  return undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/** True when the server listens on the loopback interface only (nobody else can reach it by another name). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || host.startsWith('127.');
}

/**
 * Reads and validates the configuration from an environment object.
 * When SECRET_KEY is absent, a secret is generated once and kept in `${DATA_DIR}/secret.key` (mode 0600),
 * so that signed cookies and token hashes survive restarts.
 * @throws AppError INVALID_INPUT naming the variable, e.g. `PORT: expected an integer (got "abc")`.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    const got = env[variable];
    const shown = variable === 'SECRET_KEY' || got === undefined ? '' : ` (got "${got}")`;
    throw new AppError('INVALID_INPUT', `Invalid environment: ${variable}: ${issue.message}${shown}`, { variable });
  }
  const e = parsed.data;
  if (e.SUPPRESS_BASE > e.LOW_BASE) {
    throw new AppError('INVALID_INPUT', `Invalid environment: SUPPRESS_BASE (${e.SUPPRESS_BASE}) must not exceed LOW_BASE (${e.LOW_BASE})`, { variable: 'SUPPRESS_BASE' });
  }
  if (e.SMTP_URL !== undefined && e.PUBLIC_URL === undefined && !isLoopbackHost(e.HOST)) {
    throw new AppError(
      'INVALID_INPUT',
      'Invalid environment: PUBLIC_URL is required to send e-mail (SMTP_URL is set): links in e-mails are built from PUBLIC_URL only, ' +
        `never from the request's Host header; set PUBLIC_URL=https://your.site (or listen on localhost only, HOST=127.0.0.1, to try it out)`,
      { variable: 'PUBLIC_URL' },
    );
  }
  if (e.BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT && e.NODE_ENV !== 'test') {
    throw new AppError(
      'INVALID_INPUT',
      'Invalid environment: BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1 is refused unless NODE_ENV=test: it answers respondents before their ' +
        "answers are committed, so a crash loses acknowledged answers; it exists only for the crash test's negative control",
      { variable: 'BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT' },
    );
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseTimeouts: Object.freeze({
      connectMs: e.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionMs: e.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    }),
    secretKey: e.SECRET_KEY ?? persistedSecret(e.DATA_DIR),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    lowBase: e.LOW_BASE,
    suppressBase: e.SUPPRESS_BASE,
    publishMinCompletes: e.PUBLISH_MIN_COMPLETES,
    secureCookies: e.PUBLIC_URL?.startsWith('https:') ?? false,
    retentionMonths: e.RETENTION_MONTHS,
    unsafeAckBeforeCommit: e.BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT,
    jobs: Object.freeze({
      worker: e.JOBS_WORKER,
      leaseMs: e.JOBS_LEASE_SECONDS * 1000,
      pollMs: e.JOBS_POLL_MS,
      retryBaseMs: e.JOBS_RETRY_BASE_SECONDS * 1000,
      smtpPerMinute: e.SMTP_RATE_PER_MINUTE,
      largeWaveResponses: e.LARGE_WAVE_RESPONSES,
      largeImportBytes: e.LARGE_IMPORT_BYTES,
      filesRetentionMs: e.JOB_FILES_RETENTION_DAYS * 86_400_000,
    }),
  });
}

/** Reads `${dataDir}/secret.key`, creating it with 32 random bytes (hex) and mode 0600 the first time. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'secret.key');
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (Buffer.byteLength(secret, 'utf8') < 32) {
    throw new AppError('INVALID_INPUT', `Invalid secret file ${file}: expected at least 32 bytes; delete it to generate a new one`, { variable: 'SECRET_KEY' });
  }
  return secret;
}
