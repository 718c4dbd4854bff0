import type { Kysely, Migration } from 'kysely';

/**
 * Several nodes and second factors:
 * - `instance_settings`: name/value pairs shared by every node, e.g. the fingerprint of SECRET_KEY (an HMAC of
 *   a fixed label, never the secret) so that a node started with another secret refuses to start;
 * - `rate_counters`: fixed-window counters (rate limits, the bad-link limiter) shared by every node, so the
 *   budget is per installation and not per process;
 * - `users.totp_secret` (encrypted with the app secret), `users.totp_enabled_at` (null until the owner has
 *   confirmed a code) and `users.totp_last_step` (a code is accepted once).
 */
export const m0004SeveralNodes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('instance_settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rate_counters')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'integer', (c) => c.notNull())
      .addColumn('resets_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rate_counters_resets_at').on('rate_counters').column('resets_at').execute();
    await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();
    await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
    await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
    await db.schema.alterTable('users').dropColumn('totp_enabled_at').execute();
    await db.schema.alterTable('users').dropColumn('totp_secret').execute();
    await db.schema.dropTable('rate_counters').ifExists().execute();
    await db.schema.dropTable('instance_settings').ifExists().execute();
  },
};
