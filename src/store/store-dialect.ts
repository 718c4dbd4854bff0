import { SqliteAdapter, type Kysely } from 'kysely';

/** The two databases the store runs on. */
export type StoreDialect = 'sqlite' | 'postgres';

/** Tells which database a Kysely instance talks to, from its adapter (used by migrations). */
export function detectDialect(db: Kysely<any>): StoreDialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}
