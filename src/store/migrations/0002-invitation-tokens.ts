import type { Kysely, Migration } from 'kysely';

/**
 * One row per link sent: an invitation and each reminder carry their own random token (128 bits), of which
 * only the HMAC is kept here; every token of an invitation opens the same response. Existing invitations
 * keep their link: their token hash is copied over.
 */
export const m0002InvitationTokens: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('invitation_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('invitation_id', 'integer', (c) => c.notNull().references('invitations.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('invitation_tokens_invitation').on('invitation_tokens').column('invitation_id').execute();
    await db
      .insertInto('invitation_tokens')
      .columns(['token_hash', 'invitation_id', 'created_at'])
      .expression(db.selectFrom('invitations').select(['token_hash', 'id', 'created_at']))
      .execute();
  },

  async down(db: Kysely<any>) {
    await db.schema.dropTable('invitation_tokens').ifExists().execute();
  },
};
