import type { Selectable } from 'kysely';
import type { LoginAttemptsTable } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

export type LoginAttempt = Readonly<Selectable<LoginAttemptsTable>>;

/** Failed-login counters per key (e.g. "email:x@y" or "ip:1.2.3.4"); the blocking policy lives in the caller. */
export function createLoginAttemptsRepository({ db }: StoreContext) {
  return {
    async get(key: string): Promise<LoginAttempt | undefined> {
      return db.selectFrom('loginAttempts').selectAll().where('key', '=', key).executeTakeFirst();
    },

    /** Adds one failure atomically (first failure creates the row) and returns the counter. */
    async recordFailure(key: string, now = new Date()): Promise<LoginAttempt> {
      return db
        .insertInto('loginAttempts')
        .values({ key, failures: 1, firstFailureAt: isoTime(now), blockedUntil: null })
        .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb('loginAttempts.failures', '+', 1) })))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async block(key: string, until: string): Promise<void> {
      await db.updateTable('loginAttempts').set({ blockedUntil: until }).where('key', '=', key).execute();
    },

    /** Forgets a key (after a successful login, or when its window has passed). */
    async clear(key: string): Promise<void> {
      await db.deleteFrom('loginAttempts').where('key', '=', key).execute();
    },
  };
}

export type LoginAttemptsRepository = ReturnType<typeof createLoginAttemptsRepository>;
