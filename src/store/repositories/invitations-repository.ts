import type { Selectable } from 'kysely';
import { AppError } from '../../app-error.js';
import { isUniqueViolation } from '../constraint-violation.js';
import type { InvitationsTable } from '../schema.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

export type Invitation = Readonly<Selectable<InvitationsTable>>;

/** Personal survey links: only the hash of the token is stored. */
export function createInvitationsRepository({ db }: StoreContext) {
  return {
    /**
     * An invitation with its first link's token hash (kept in `invitation_tokens`, and in `invitations.token_hash`).
     * Throws AppError CONFLICT when the token hash exists.
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
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'invitation token already exists', {});
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

    async markSent(id: number, now = new Date()): Promise<void> {
      await db
        .updateTable('invitations')
        .set({ sentAt: isoTime(now) })
        .where('id', '=', id)
        .execute();
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
