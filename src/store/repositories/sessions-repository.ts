import type { Selectable } from 'kysely';
import type { SessionsTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

export type Session = Readonly<Selectable<SessionsTable>>;

/** Login sessions, keyed by the hash of the cookie's random id. */
export function createSessionsRepository({ db }: StoreContext) {
  return {
    async create(input: { idHash: string; userId: number; expiresAt: string }, now = new Date()): Promise<Session> {
      const at = isoTime(now);
      const row = { idHash: input.idHash, userId: input.userId, createdAt: at, lastSeenAt: at, expiresAt: input.expiresAt };
      await db.insertInto('sessions').values(row).execute();
      return Object.freeze(row);
    },

    /** The session when it exists and has not expired at `now`. */
    async get(idHash: string, now = new Date()): Promise<Session | undefined> {
      return db.selectFrom('sessions').selectAll().where('idHash', '=', idHash).where('expiresAt', '>', isoTime(now)).executeTakeFirst();
    },

    /** Records activity, optionally sliding the expiry. */
    async touch(idHash: string, options: { expiresAt?: string; now?: Date } = {}): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ lastSeenAt: isoTime(options.now), expiresAt: options.expiresAt })
        .where('idHash', '=', idHash)
        .execute();
    },

    async delete(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
    },

    async deleteForUser(userId: number): Promise<number> {
      const result = await db.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Ends every session of a user but one (after a password change, the session that made it stays). */
    async deleteForUserExcept(userId: number, keepIdHash: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('userId', '=', userId).where('idHash', '!=', keepIdHash).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpired(now = new Date()): Promise<number> {
      const result = await db.deleteFrom('sessions').where('expiresAt', '<=', isoTime(now)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
