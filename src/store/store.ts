import type { Kysely } from 'kysely';
import type { MigrationReport, Readiness } from './migrate-to-latest.js';
import type { Repositories } from './repositories.js';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

/** The repositories bound to one transaction, with its Kysely handle. */
export interface TransactionStore extends Repositories {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
}

/** An open database: Kysely, its dialect, the repositories, transactions, migrations. */
export interface Store extends Repositories {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** runs `fn` in one transaction; the repositories it receives write inside it (nested calls join it) */
  transaction<T>(fn: (tx: TransactionStore) => Promise<T>): Promise<T>;
  /** applies pending migrations (createDatabase does not; `openStore` does) */
  migrate(): Promise<MigrationReport>;
  /** whether the database answers and has every migration (for /readyz); throws when it is unreachable */
  readiness(): Promise<Readiness>;
  /** closes the pool / file; idempotent */
  close(): Promise<void>;
}
