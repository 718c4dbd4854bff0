import type { ExpressionBuilder, Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { isUniqueViolation } from '../constraint-violation.js';
import type { Database, InvitationsTable } from '../schema.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

export type Invitation = Readonly<Selectable<InvitationsTable>>;

/** A claim older than this was left by a node that stopped mid-send: another send may take it over. */
const CLAIM_STALE_MS = 15 * 60_000;

/** Personal survey links: only the hash of the token is stored. */
/**
 * An invitation no node is mailing: never claimed, or claimed longer than `staleAfterMs` ago (a node that died
 * mid-send). `staleAfterMs` null: a claim is never taken over (the job queue's at-most-once sends).
 */
function unclaimed(now: Date, staleAfterMs: number | null) {
  return (eb: ExpressionBuilder<Database, 'invitations'>) =>
    staleAfterMs === null ? eb('claimedAt', 'is', null) : eb.or([eb('claimedAt', 'is', null), eb('claimedAt', '<', isoTime(new Date(now.getTime() - staleAfterMs)))]);
}

export function createInvitationsRepository({ db }: StoreContext) {
  /** Adds `tokenHash` as one of the invitation's links (the link of the e-mail about to be sent). */
  const addLink = async (invitationId: number, tokenHash: string, now: Date) => {
    await db
      .insertInto('invitationTokens')
      .values({ tokenHash, invitationId, createdAt: isoTime(now) })
      .onConflict((oc) => oc.column('tokenHash').doNothing())
      .execute();
  };
  return {
    /**
     * An invitation with its first link's token hash (kept in `invitation_tokens`, and in `invitations.token_hash`).
     * Throws AppError CONFLICT when the token hash exists, or when the (wave, contact) already has an invitation.
     */
    async create(input: { waveId: number; contactId?: number | null; tokenHash: string }, now = new Date()): Promise<Invitation> {
      try {
        return await inTransaction(db, async (trx) => {
          const row = await trx
            .insertInto('invitations')
            .values({ waveId: input.waveId, contactId: input.contactId ?? null, tokenHash: input.tokenHash, createdAt: isoTime(now) })
            .returningAll()
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('invitationTokens')
            .values({ tokenHash: input.tokenHash, invitationId: row.id, createdAt: isoTime(now) })
            .execute();
          return Object.freeze(row);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'invitation already exists (same token, or same wave and contact)', {});
        throw error;
      }
    },

    /** Another link to the same invitation (a reminder's random token): it opens the same response. */
    async addToken(invitationId: number, tokenHash: string, now = new Date()): Promise<void> {
      try {
        await db
          .insertInto('invitationTokens')
          .values({ tokenHash, invitationId, createdAt: isoTime(now) })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'invitation token already exists', {});
        throw error;
      }
    },

    async get(id: number): Promise<Invitation | undefined> {
      return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async getByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
      // every link sent (the invitation's and each reminder's) is in invitation_tokens
      return db
        .selectFrom('invitations')
        .selectAll('invitations')
        .where('id', '=', (eb) => eb.selectFrom('invitationTokens').select('invitationId').where('tokenHash', '=', tokenHash))
        .executeTakeFirst();
    },

    async listByWave(waveId: number, options: { unsent?: boolean } = {}): Promise<Invitation[]> {
      return db
        .selectFrom('invitations')
        .selectAll()
        .where('waveId', '=', waveId)
        .$if(options.unsent === true, (q) => q.where('sentAt', 'is', null))
        .orderBy('id')
        .execute();
    },

    /**
     * Claims the contact's invitation for a send, before mailing: creates the (wave, contact) invitation if it
     * does not exist (insert-or-skip on the unique key), then takes it with one conditional update that only
     * one caller wins: not sent yet and not claimed (or claimed more than `staleAfterMs` ago, by a node that
     * died mid-send). The winner gets the invitation, with `tokenHash` added as one of its links; a loser gets
     * undefined and must not mail. Follow with `markSent` or `releaseClaim`.
     */
    async claimInvitation(
      input: { waveId: number; contactId: number; tokenHash: string },
      now = new Date(),
      staleAfterMs: number | null = CLAIM_STALE_MS,
    ): Promise<Invitation | undefined> {
      await db
        .insertInto('invitations')
        .values({ waveId: input.waveId, contactId: input.contactId, tokenHash: input.tokenHash, createdAt: isoTime(now) })
        .onConflict((oc) => oc.columns(['waveId', 'contactId']).doNothing())
        .execute();
      const row = await db
        .updateTable('invitations')
        .set({ claimedAt: isoTime(now) })
        .where('waveId', '=', input.waveId)
        .where('contactId', '=', input.contactId)
        .where('sentAt', 'is', null)
        .where(unclaimed(now, staleAfterMs))
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await addLink(row.id, input.tokenHash, now);
      return Object.freeze(row);
    },

    /**
     * `claimInvitation` for many contacts of one wave at once (a batch of a large send): three statements
     * whatever the number. Returns the invitations this caller won, each with the token hash it was claimed
     * with (added as one of its links); contacts already sent or claimed (by anyone) are left out.
     */
    async claimInvitations(waveId: number, items: readonly { contactId: number; tokenHash: string }[], now = new Date()): Promise<(Invitation & { claimedWith: string })[]> {
      if (items.length === 0) return [];
      await db
        .insertInto('invitations')
        .values(items.map((i) => ({ waveId, contactId: i.contactId, tokenHash: i.tokenHash, createdAt: isoTime(now) })))
        .onConflict((oc) => oc.columns(['waveId', 'contactId']).doNothing())
        .execute();
      const rows = await db
        .updateTable('invitations')
        .set({ claimedAt: isoTime(now) })
        .where('waveId', '=', waveId)
        .where(
          'contactId',
          'in',
          items.map((i) => i.contactId),
        )
        .where('sentAt', 'is', null)
        .where('claimedAt', 'is', null)
        .returningAll()
        .execute();
      const hashOf = new Map(items.map((i) => [i.contactId, i.tokenHash]));
      const won = rows.map((row) => Object.freeze({ ...row, claimedWith: hashOf.get(row.contactId!)! }));
      if (won.length > 0) {
        await db
          .insertInto('invitationTokens')
          .values(won.map((w) => ({ tokenHash: w.claimedWith, invitationId: w.id, createdAt: isoTime(now) })))
          .onConflict((oc) => oc.column('tokenHash').doNothing())
          .execute();
      }
      return won;
    },

    /** `markSent` for many invitations in one statement. */
    async markSentMany(ids: readonly number[], now = new Date()): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('invitations')
        .set({ sentAt: isoTime(now), claimedAt: null })
        .where('id', 'in', [...ids])
        .execute();
    },

    /**
     * Claims one reminder round of an invitation: increments `reminder_count` from `seenCount` (the value the
     * sender read) and sets `reminded_at`, in one conditional update that only one caller wins. The winner gets
     * the claimed invitation with `tokenHash` added as a link, a loser undefined. Follow with `releaseClaim`
     * once mailed, or `undoReminder` when the mail failed.
     */
    async claimReminder(
      input: { invitationId: number; seenCount: number; tokenHash: string },
      now = new Date(),
      staleAfterMs: number | null = CLAIM_STALE_MS,
    ): Promise<Invitation | undefined> {
      const row = await db
        .updateTable('invitations')
        .set({ reminderCount: input.seenCount + 1, remindedAt: isoTime(now), claimedAt: isoTime(now) })
        .where('id', '=', input.invitationId)
        .where('reminderCount', '=', input.seenCount)
        .where(unclaimed(now, staleAfterMs))
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;
      await addLink(row.id, input.tokenHash, now);
      return Object.freeze(row);
    },

    /** Ends a claim without changing what was sent: a failed invitation can be claimed and sent again. */
    async releaseClaim(id: number): Promise<void> {
      await db.updateTable('invitations').set({ claimedAt: null }).where('id', '=', id).execute();
    },

    /** A reminder whose mail failed: its round is given back (count and date as before), so it can be sent again. */
    async undoReminder(claimed: Invitation, previousRemindedAt: string | null): Promise<void> {
      await db
        .updateTable('invitations')
        .set({ reminderCount: claimed.reminderCount - 1, remindedAt: previousRemindedAt as Invitation['remindedAt'], claimedAt: null })
        .where('id', '=', claimed.id)
        .where('reminderCount', '=', claimed.reminderCount)
        .execute();
    },

    async markSent(id: number, now = new Date()): Promise<void> {
      await db
        .updateTable('invitations')
        .set({ sentAt: isoTime(now), claimedAt: null })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Invitations claimed and never released: a send stopped between the claim and the end of its mail (a
     * crash), so whether the contact received it is unknown. Oldest claim first.
     */
    async listUncertain(waveId: number): Promise<Invitation[]> {
      return db.selectFrom('invitations').selectAll().where('waveId', '=', waveId).where('claimedAt', 'is not', null).orderBy('claimedAt').orderBy('id').execute();
    },

    /** Releases the given uncertain claims of a wave (an operator chose to send to them again); returns how many. */
    async releaseUncertain(waveId: number, ids: readonly number[]): Promise<number> {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('invitations')
        .set({ claimedAt: null })
        .where('waveId', '=', waveId)
        .where('id', 'in', [...ids])
        .where('claimedAt', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async markReminded(id: number, now = new Date()): Promise<void> {
      await db
        .updateTable('invitations')
        .set({ remindedAt: isoTime(now) })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type InvitationsRepository = ReturnType<typeof createInvitationsRepository>;
