import { sql, type Kysely, type Migration } from 'kysely';

/** The earliest invitation of the same (wave, contact) as the row `d`, as a SQL fragment. */
const keeperOf = (alias: string) => sql.raw(`(select min(k.id) from invitations k where k.wave_id = ${alias}.wave_id and k.contact_id = ${alias}.contact_id)`);
/** The invitations that are not the earliest of their (wave, contact). */
const duplicates = sql.raw(
  `(select d.id from invitations d where d.contact_id is not null
     and exists (select 1 from invitations k where k.wave_id = d.wave_id and k.contact_id = d.contact_id and k.id < d.id))`,
);

/**
 * One invitation per (wave, contact), so that two sends at once cannot mail a contact twice.
 *
 * Existing duplicates (from concurrent sends before this migration) are merged into the earliest row of
 * their (wave, contact): every link they carry (`invitation_tokens`) is re-pointed to it, so each e-mail
 * already sent keeps working; the earliest response of a duplicate moves to the kept invitation when it has
 * none; any other response of a duplicate is kept but unlinked (`invitation_id` null, like a deleted
 * invitation's); the kept row takes the earliest `sent_at` and the latest `reminded_at`. Then the duplicates
 * are deleted and a unique index enforces the rule.
 *
 * New columns for the send's claim: `claimed_at` (set while a node mails this contact; cleared when the mail
 * is sent or fails) and `reminder_count` (a reminder is claimed by incrementing it from the value read).
 */
export const m0005OneInvitationPerContact: Migration = {
  async up(db: Kysely<any>) {
    // every invitation's own token is a link (0002 copied them; kept here in case one is missing)
    await sql`insert into invitation_tokens (token_hash, invitation_id, created_at)
      select i.token_hash, i.id, i.created_at from invitations i
      where not exists (select 1 from invitation_tokens t where t.token_hash = i.token_hash)`.execute(db);
    await sql`update invitation_tokens set invitation_id = (
        select ${keeperOf('d')} from invitations d where d.id = invitation_tokens.invitation_id)
      where invitation_id in ${duplicates}`.execute(db);
    await sql`update invitations set
        sent_at = (select min(d.sent_at) from invitations d where d.wave_id = invitations.wave_id and d.contact_id = invitations.contact_id),
        reminded_at = (select max(d.reminded_at) from invitations d where d.wave_id = invitations.wave_id and d.contact_id = invitations.contact_id)
      where contact_id is not null and id not in ${duplicates}`.execute(db);
    // the kept invitation without a response takes the earliest response of its duplicates
    await sql`update responses set invitation_id = (
        select ${keeperOf('d')} from invitations d where d.id = responses.invitation_id)
      where id in (
        select min(r.id) from responses r join invitations d on d.id = r.invitation_id
        where d.id in ${duplicates}
          and not exists (select 1 from responses r2 where r2.invitation_id = ${keeperOf('d')})
        group by d.wave_id, d.contact_id)`.execute(db);
    await sql`update responses set invitation_id = null where invitation_id in ${duplicates}`.execute(db);
    await sql`delete from invitations where id in ${duplicates}`.execute(db);

    await db.schema.dropIndex('invitations_wave').execute();
    await db.schema.createIndex('invitations_wave_contact_unique').on('invitations').columns(['wave_id', 'contact_id']).unique().execute();
    await db.schema.alterTable('invitations').addColumn('claimed_at', 'text').execute();
    await db.schema
      .alterTable('invitations')
      .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update invitations set reminder_count = 1 where reminded_at is not null`.execute(db);
  },

  async down(db: Kysely<any>) {
    await db.schema.alterTable('invitations').dropColumn('reminder_count').execute();
    await db.schema.alterTable('invitations').dropColumn('claimed_at').execute();
    await db.schema.dropIndex('invitations_wave_contact_unique').execute();
    await db.schema.createIndex('invitations_wave').on('invitations').columns(['wave_id', 'contact_id']).execute();
  },
};
