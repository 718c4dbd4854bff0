import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

/** What every repository is built from: the Kysely instance (or a transaction) and its dialect. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** SQLite only: the database file, so bulk readers can open their own read connection. */
  readonly sqliteFile?: string;
  /** SQLite only: the raw connection under Kysely, for bulk paths; use it only while holding Kysely's connection */
  readonly sqlite?: BetterSqlite3.Database;
}

/** Runs `fn` in a transaction, or directly when `db` already is one (Kysely has no nested transactions). */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
