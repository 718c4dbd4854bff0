import { sql, type Kysely, type Migration } from 'kysely';
import { columnTypes } from './column-types.js';

/** The first schema: every table of the platform. Names are snake_case SQL names. */
export const m0001Initial: Migration = {
  async up(db: Kysely<any>) {
    const t = columnTypes(db);
    const notNull = (c: any) => c.notNull();

    await t
      .id(db.schema.createTable('study_versions'))
      .addColumn('study_id', 'text', notNull)
      .addColumn('version', 'integer', notNull)
      .addColumn('document', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addUniqueConstraint('study_versions_study_version_unique', ['study_id', 'version'])
      .execute();

    await t
      .id(db.schema.createTable('waves'))
      .addColumn('study_id', 'text', notNull)
      .addColumn('code', 'text', notNull)
      .addColumn('study_version_id', 'integer', (c) => c.notNull().references('study_versions.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
      .addColumn('title', 'text', notNull)
      .addColumn('opens_at', 'text')
      .addColumn('closes_at', 'text')
      .addColumn('published_at', 'text')
      .addColumn('population_targets', 'text')
      .addColumn('quotas', 'text')
      .addColumn('weighting', 'text')
      .addColumn('settings', 'text')
      .addColumn('data_version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addUniqueConstraint('waves_study_code_unique', ['study_id', 'code'])
      .addCheckConstraint('waves_status_check', sql`status in ('draft', 'fieldwork', 'closed', 'published')`)
      .execute();

    await t
      .id(db.schema.createTable('contacts'))
      .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id').onDelete('cascade'))
      .addColumn('email', 'text', notNull)
      .addColumn('name', 'text')
      .addColumn('company', 'text')
      .addColumn('profile', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
      .addColumn('unsubscribed_at', 'text')
      .addColumn('created_at', 'text', notNull)
      .addUniqueConstraint('contacts_wave_email_unique', ['wave_id', 'email'])
      .execute();

    await t
      .id(db.schema.createTable('invitations'))
      .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id').onDelete('cascade'))
      .addColumn('contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('sent_at', 'text')
      .addColumn('reminded_at', 'text')
      .addColumn('created_at', 'text', notNull)
      .execute();
    await db.schema.createIndex('invitations_wave').on('invitations').columns(['wave_id', 'contact_id']).execute();

    await t
      .id(db.schema.createTable('responses'))
      .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id').onDelete('cascade'))
      .addColumn('public_id', 'text', (c) => c.notNull().unique())
      .addColumn('invitation_id', 'integer', (c) => c.unique().references('invitations.id').onDelete('set null'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('partial'))
      .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('packed', t.blob)
      .addColumn('current_page', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
      .addColumn('started_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull)
      .addColumn('completed_at', 'text')
      .addColumn('duration_ms', 'integer')
      .addColumn('page_durations', 'text')
      .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('exclusion_reason', 'text')
      .addColumn('flags', 'text')
      .addColumn('company', 'text')
      .addColumn('email', 'text')
      .addColumn('benchmark_token_hash', 'text')
      .addColumn('notify_email', 'text')
      .addColumn('notified_at', 'text')
      .addColumn('browser_hash', 'text')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('web'))
      .addCheckConstraint('responses_status_check', sql`status in ('partial', 'complete')`)
      .addCheckConstraint('responses_source_check', sql`source in ('web', 'demo', 'import')`)
      .execute();
    await db.schema.createIndex('responses_wave_status').on('responses').columns(['wave_id', 'status', 'id']).execute();
    await db.schema.createIndex('responses_benchmark_token').on('responses').column('benchmark_token_hash').execute();
    await db.schema.createIndex('responses_wave_browser').on('responses').columns(['wave_id', 'browser_hash']).execute();

    await db.schema
      .createTable('submissions')
      .addColumn('submission_id', 'text', (c) => c.primaryKey())
      .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
      .addColumn('page', 'integer', notNull)
      .addColumn('outcome', 'text')
      .addColumn('created_at', 'text', notNull)
      .execute();
    await db.schema.createIndex('submissions_response').on('submissions').column('response_id').execute();

    await t
      .id(db.schema.createTable('users'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', notNull)
      .addColumn('role', 'text', notNull)
      .addColumn('created_at', 'text', notNull)
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint('users_role_check', sql`role in ('owner', 'analyst', 'viewer')`)
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', notNull)
      .addColumn('last_seen_at', 'text', notNull)
      .addColumn('expires_at', 'text', notNull)
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

    await db.schema
      .createTable('login_attempts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_failure_at', 'text', notNull)
      .addColumn('blocked_until', 'text')
      .execute();

    await t
      .id(db.schema.createTable('leads'))
      .addColumn('study_id', 'text', notNull)
      .addColumn('wave_id', 'integer', (c) => c.references('waves.id').onDelete('set null'))
      .addColumn('name', 'text', notNull)
      .addColumn('email', 'text', notNull)
      .addColumn('company', 'text')
      .addColumn('job_title', 'text')
      .addColumn('company_size', 'text')
      .addColumn('consent_contact', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('consent_version', 'text')
      .addColumn('consent_at', 'text')
      .addColumn('created_at', 'text', notNull)
      .addColumn('download_token_hash', 'text', (c) => c.unique())
      .addColumn('download_expires_at', 'text')
      .execute();
    await db.schema.createIndex('leads_study').on('leads').columns(['study_id', 'created_at']).execute();

    await t
      .id(db.schema.createTable('audit_log'))
      .addColumn('at', 'text', notNull)
      .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('action', 'text', notNull)
      .addColumn('target', 'text')
      .addColumn('details', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();

    await db.schema
      .createTable('results_cache')
      .addColumn('wave_id', 'integer', (c) => c.notNull().references('waves.id').onDelete('cascade'))
      .addColumn('cache_key', 'text', notNull)
      .addColumn('data_version', 'integer', notNull)
      .addColumn('payload', 'text', notNull)
      .addColumn('computed_at', 'text', notNull)
      .addPrimaryKeyConstraint('results_cache_pk', ['wave_id', 'cache_key'])
      .execute();
  },

  async down(db: Kysely<any>) {
    for (const table of [
      'results_cache',
      'audit_log',
      'leads',
      'login_attempts',
      'sessions',
      'users',
      'submissions',
      'responses',
      'invitations',
      'contacts',
      'waves',
      'study_versions',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
