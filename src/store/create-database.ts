import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../app-error.js';
import { migrateToLatest, readiness } from './migrate-to-latest.js';
import { createRepositories } from './repositories.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { cachedStatements } from './statement-cache.js';
import { compactStorage } from './compact-storage.js';
import { STORE_INTERNALS } from './store-internals.js';
import type { StoreContext } from './store-context.js';

export interface DatabaseOptions {
  /** postgres:// or postgresql:// selects PostgreSQL; absent or empty selects SQLite */
  readonly databaseUrl?: string;
  /** SQLite's folder (created if missing): the file is `${dataDir}/barometre.sqlite` */
  readonly dataDir: string;
  /** SQLite file name inside dataDir (default barometre.sqlite) */
  readonly sqliteFileName?: string;
  /** PostgreSQL pool size (default 10) */
  readonly poolSize?: number;
  /** SQLite: how long a write waits for another process's lock before SQLITE_BUSY (default 5000 ms) */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: how long to wait for a new connection before failing the request (default 5000 ms) */
  readonly connectTimeoutMs?: number;
  /** PostgreSQL: statement_timeout of every session (default 60000 ms; 0 disables) */
  readonly statementTimeoutMs?: number;
  /** PostgreSQL: idle_in_transaction_session_timeout of every session (default 60000 ms; 0 disables) */
  readonly idleInTransactionTimeoutMs?: number;
  /**
   * Told of a connection error the pool recovered from (an idle or checked-out client lost its server:
   * restart, failover, pg_terminate_backend). The client is dropped and the next query gets a new one.
   */
  readonly onConnectionError?: (error: Error) => void;
}

export const DATABASE_DEFAULTS = Object.freeze({ connectTimeoutMs: 5000, statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000 });

/** PostgreSQL: int8 (counts, sums) and numeric come back as JS numbers, per pool, not globally. */
const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(?:ql)?:\/\//.test(url);
}

/**
 * Opens the database the configuration names, without migrating (see `openStore`). Configuration
 * is passed in; the store never reads process.env.
 */
export function createDatabase(options: DatabaseOptions): Store {
  const url = options.databaseUrl || undefined;
  let ctx: StoreContext;
  if (url !== undefined) {
    if (!isPostgresUrl(url)) {
      throw new AppError('INVALID_INPUT', 'DATABASE_URL must start with postgres:// or postgresql://', { databaseUrl: url });
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types: PG_TYPES,
      keepAlive: true,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DATABASE_DEFAULTS.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs ?? DATABASE_DEFAULTS.statementTimeoutMs,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? DATABASE_DEFAULTS.idleInTransactionTimeoutMs,
    });
    const onConnectionError = (error: Error) => options.onConnectionError?.(error);
    // an idle client's lost connection: pg-pool drops it and the next query opens a new one (reported once,
    // by the client's own listener below; the pool re-emits it here, and an 'error' without listener throws)
    pool.on('error', () => {});
    // a checked-out client's lost connection (57P01, ECONNRESET): without a listener node's EventEmitter throws
    // and the process dies; with it the query under way fails (a 503 for that request) and pg-pool drops the
    // client when it is released, since it is no longer queryable
    pool.on('connect', (client) => client.on('error', onConnectionError));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    ctx = { db, dialect: 'postgres' };
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const file = resolve(join(options.dataDir, options.sqliteFileName ?? 'barometre.sqlite'));
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    // FULL: every commit syncs the WAL, so a page save is on disk before the respondent is told it is
    // saved. NORMAL (the WAL default) syncs only at checkpoints: a power loss could take acknowledged
    // answers. The cost is measured by `npm run bench:collect` (figures in the README).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('cache_size = -65536'); // 64 MiB: large waves' indexes stay in memory
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachedStatements(sqlite) }), plugins: [new CamelCasePlugin()] });
    ctx = { db, dialect: 'sqlite', sqliteFile: file, sqlite };
  }

  let closed: Promise<void> | undefined;
  return Object.freeze({
    ...createRepositories(ctx),
    [STORE_INTERNALS]: ctx,
    transaction: <T>(fn: Parameters<Store['transaction']>[0]) =>
      ctx.db.transaction().execute((trx) => {
        const txCtx: StoreContext = { ...ctx, db: trx };
        const tx = { ...createRepositories(txCtx), [STORE_INTERNALS]: txCtx };
        return fn(tx) as Promise<T>;
      }),
    migrate: () => (ctx.dialect === 'postgres' ? migrateWithoutStatementTimeout(ctx.db) : migrateToLatest(ctx.db)),
    compact: () => compactStorage(ctx),
    readiness: () => readiness(ctx.db),
    close: () => (closed ??= ctx.db.destroy()),
  });
}

/**
 * PostgreSQL: migrations on one connection whose statement_timeout is lifted while they run (building an
 * index on a large table may take longer than a page's statement may), then reset to the session's default.
 */
function migrateWithoutStatementTimeout(db: Kysely<Database>): ReturnType<typeof migrateToLatest> {
  return db.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection);
    try {
      return await migrateToLatest(connection);
    } finally {
      await sql`reset statement_timeout`.execute(connection);
    }
  });
}

/** Opens the database and brings its schema to the latest migration: what the server and CLI use. */
export async function openStore(options: DatabaseOptions): Promise<Store> {
  const store = createDatabase(options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
