import type { MigrationReport, Readiness } from './migrate-to-latest.js';
import type { Repositories } from './repositories.js';

/**
 * The repositories bound to one transaction. Its Kysely handle stays inside src/store (see
 * store-internals.ts): every SQL statement is a repository's.
 */
export interface TransactionStore extends Repositories {}

/**
 * An open database: the repositories, transactions, migrations. Kysely and the dialect are not part of
 * it (see store-internals.ts), so no query can be written outside src/store.
 */
export interface Store extends Repositories {
  /** runs `fn` in one transaction; the repositories it receives write inside it (nested calls join it) */
  transaction<T>(fn: (tx: TransactionStore) => Promise<T>): Promise<T>;
  /** applies pending migrations (createDatabase does not; `openStore` does) */
  migrate(): Promise<MigrationReport>;
  /** SQLite: rewrites the file and empties the write-ahead log, so deleted rows leave the disk; PostgreSQL: nothing (autovacuum). Outside transactions. */
  compact(): Promise<void>;
  /** whether the database answers and has every migration (for /readyz); throws when it is unreachable */
  readiness(): Promise<Readiness>;
  /** closes the pool / file; idempotent */
  close(): Promise<void>;
}
