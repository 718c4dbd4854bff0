/**
 * Which storage errors mean "the database cannot serve right now" rather than "this request is wrong":
 * the connection was lost or refused, the server is shutting down or restarting, a timeout fired, SQLite's
 * file is locked by another writer past the busy timeout, or the disk is full. The server answers those
 * with 503 and a "try again" page; they are logged with `reason` only (never the SQL's parameters).
 */
export type UnavailableReason = 'connection-lost' | 'connection-refused' | 'shutting-down' | 'timeout' | 'too-many-connections' | 'busy' | 'disk-full' | 'io-error';

export interface DatabaseUnavailable {
  readonly reason: UnavailableReason;
  /** the driver's code (57P01, ECONNRESET, SQLITE_BUSY, …) or a short tag of its message */
  readonly code: string;
}

/** PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const PG_STATES: Readonly<Record<string, UnavailableReason>> = {
  '57P01': 'shutting-down', // admin_shutdown: pg_terminate_backend, fast shutdown
  '57P02': 'shutting-down', // crash_shutdown
  '57P03': 'shutting-down', // cannot_connect_now: starting up, shutting down, recovery
  '57P05': 'timeout', // idle_session_timeout
  '57014': 'timeout', // query_canceled: statement_timeout
  '25P03': 'timeout', // idle_in_transaction_session_timeout
  '53300': 'too-many-connections',
  '08000': 'connection-lost',
  '08003': 'connection-lost',
  '08006': 'connection-lost',
  '08001': 'connection-refused',
  '08004': 'connection-refused',
  '40P01': 'busy', // deadlock_detected: the transaction was rolled back, retrying is right
};

const NODE_CODES: Readonly<Record<string, UnavailableReason>> = {
  ECONNRESET: 'connection-lost',
  EPIPE: 'connection-lost',
  ECONNREFUSED: 'connection-refused',
  ENOENT: 'connection-refused', // a Unix socket that is gone while the cluster restarts
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'connection-refused',
};

/** node-postgres and pg-pool raise these as plain Errors without a code. */
const PG_MESSAGES: readonly [RegExp, UnavailableReason, string][] = [
  [/^Connection terminated/i, 'connection-lost', 'connection-terminated'],
  [/Client has encountered a connection error and is not queryable/i, 'connection-lost', 'client-not-queryable'],
  [/^Client was closed and is not queryable/i, 'connection-lost', 'client-closed'],
  [/timeout exceeded when trying to connect/i, 'timeout', 'connect-timeout'],
  [/^Query read timeout/i, 'timeout', 'query-timeout'],
];

/** What makes `error` a database outage, or undefined when it is something else (a bug, a bad input, a constraint). */
export function databaseUnavailable(error: unknown): DatabaseUnavailable | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (code in PG_STATES) return { reason: PG_STATES[code]!, code };
      // a socket error of the driver (ENOENT: the Unix socket is gone while the cluster restarts), not a file's
      if (code in NODE_CODES && (code !== 'ENOENT' || (e as { syscall?: unknown }).syscall === 'connect')) return { reason: NODE_CODES[code]!, code };
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { reason: 'busy', code };
      if (code === 'SQLITE_FULL') return { reason: 'disk-full', code };
      if (code.startsWith('SQLITE_IOERR')) return { reason: 'io-error', code };
    }
    if (typeof message === 'string') {
      for (const [pattern, reason, tag] of PG_MESSAGES) if (pattern.test(message)) return { reason, code: tag };
    }
  }
  return undefined;
}
