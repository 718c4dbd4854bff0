import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Files of jobs (issue 19): the export a job wrote (role `output`) and the upload an import job reads (role
 * `input`), kept in the database so that whichever node or `barometre worker` runs the job, and whichever
 * node serves the download, sees the same bytes. A file is stored in parts of at most a few megabytes
 * (`part` 0, 1, …), all written in one transaction; `expires_at` is when the worker deletes it
 * (JOB_FILES_RETENTION_DAYS). On `jobs`: `dedupe_key` (at most one queued or running job per key: the
 * white paper of a wave in a language is built once however many ask), and `result` (what a finished job
 * reports: an import's rows in and rejects, an export's file name and size).
 */
export const m0009JobFiles: Migration = {
  async up(db: Kysely<any>) {
    const t = columnTypes(db);
    await db.schema
      .createTable('job_files')
      .addColumn('job_id', 'integer', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('part', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('bytes', t.blob, (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('job_files_pk', ['job_id', 'role', 'part'])
      .execute();
    await db.schema.createIndex('job_files_expiry').on('job_files').column('expires_at').execute();
    await db.schema.alterTable('jobs').addColumn('dedupe_key', 'text').execute();
    await db.schema.alterTable('jobs').addColumn('result', 'text').execute();
    await db.schema
      .createIndex('jobs_dedupe')
      .on('jobs')
      .column('dedupe_key')
      .unique()
      .where(sql.ref('status'), 'in', [sql.lit('queued'), sql.lit('running')])
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.dropIndex('jobs_dedupe').execute();
    await db.schema.alterTable('jobs').dropColumn('result').execute();
    await db.schema.alterTable('jobs').dropColumn('dedupe_key').execute();
    await db.schema.dropTable('job_files').execute();
  },
};
