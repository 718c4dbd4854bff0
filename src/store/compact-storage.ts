import { sql } from 'kysely';
import type { StoreContext } from './store-context.js';

/**
 * SQLite keeps deleted rows in free pages and in the write-ahead log: rewrites the file (VACUUM) and
 * empties the log, so that erased data is gone from the disk. PostgreSQL's dead tuples are left to
 * autovacuum. Outside any transaction (VACUUM cannot run in one).
 */
export async function compactStorage({ db, dialect }: StoreContext): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql`vacuum`.execute(db);
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
}
