import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../app-error.js';
import { migrateToLatest } from './migrate-to-latest.js';
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
}

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
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: PG_TYPES });
    pool.on('error', () => {}); // an idle client's lost connection is replaced on next use
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    ctx = { db, dialect: 'postgres' };
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    const file = resolve(join(options.dataDir, options.sqliteFileName ?? 'barometre.sqlite'));
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
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
    migrate: () => migrateToLatest(ctx.db),
    compact: () => compactStorage(ctx),
    close: () => (closed ??= ctx.db.destroy()),
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
