import type { Kysely, Migration } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * A durable job queue shared by every node (issue 19): `jobs` holds each piece of background work
 * (invitations, reminders, publication notices…) with its JSON payload, its status (queued, running, done,
 * failed, cancelled), when it may run (`run_at`: a scheduled send, or the next retry after a backoff), its
 * attempts, its progress (`progress_done` of `progress_total`), and the lease of the worker running it
 * (`lease_owner` until `lease_expires_at`: a worker that dies leaves an expired lease, and another worker
 * takes the job over). On contacts, `bounced_at` and `bounce_reason` record a permanent SMTP rejection.
 */
export const m0006Jobs: Migration = {
  async up(db: Kysely<any>) {
    const types = columnTypes(db);
    await types
      .id(db.schema.createTable('jobs'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('wave_id', 'integer', (c) => c.references('waves.id').onDelete('cascade'))
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('progress_failed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('progress_total', 'integer')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
    await db.schema.createIndex('jobs_wave').on('jobs').columns(['wave_id', 'id']).execute();
    await db.schema.alterTable('contacts').addColumn('bounced_at', 'text').execute();
    await db.schema.alterTable('contacts').addColumn('bounce_reason', 'text').execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.alterTable('contacts').dropColumn('bounce_reason').execute();
    await db.schema.alterTable('contacts').dropColumn('bounced_at').execute();
    await db.schema.dropTable('jobs').ifExists().execute();
  },
};
