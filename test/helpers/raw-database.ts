/**
 * Tests only: the Kysely handle and the dialect under a store, to look at what the repositories hide
 * (every table of the database, a column as stored, a row written behind a repository's back).
 * Application code has no such door: `Store` has no `db` (src/store/store-internals.ts), and the
 * architecture test lets only src/store and this file import the internals.
 */
import type { Kysely } from 'kysely';
import type { Database, Store, StoreDialect, TransactionStore } from '../../src/store/index.js';
import { storeInternals } from '../../src/store/store-internals.js';

/** The Kysely instance a store (or a transaction store) runs its statements on. */
export function rawDatabase(store: Store | TransactionStore): Kysely<Database> {
  return storeInternals(store).db;
}

/** Which database a store talks to. */
export function storeDialect(store: Store | TransactionStore): StoreDialect {
  return storeInternals(store).dialect;
}
