import { sql } from 'kysely';
import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

/** A fixed-window counter after a hit: how many hits in the current window, and when it ends. */
export interface RateCount {
  readonly hits: number;
  readonly resetsAt: Date;
}

/**
 * Fixed-window counters in the database, shared by every node: rate limits and the bad-link limiter count
 * per installation, not per process. One statement per hit (an upsert), so concurrent nodes never lose a hit.
 */
export function createRateCountersRepository({ db }: StoreContext) {
  const toCount = (row: { hits: number | string; resetsAt: string }): RateCount => Object.freeze({ hits: Number(row.hits), resetsAt: new Date(row.resetsAt) });
  return {
    /** Counts one hit on `key`, starting a new window of `windowMs` when the current one has ended. */
    async hit(key: string, windowMs: number, now = new Date()): Promise<RateCount> {
      const at = isoTime(now);
      const ends = isoTime(new Date(now.getTime() + windowMs));
      const row = await db
        .insertInto('rateCounters')
        .values({ key, hits: 1, resetsAt: ends })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            hits: sql<number>`case when rate_counters.resets_at <= ${at} then 1 else rate_counters.hits + 1 end`,
            resetsAt: sql<string>`case when rate_counters.resets_at <= ${at} then ${ends} else rate_counters.resets_at end`,
          }),
        )
        .returning(['hits', 'resetsAt'])
        .executeTakeFirstOrThrow();
      return toCount(row);
    },

    /** The current window's count (0 hits when there is none or it has ended). */
    async get(key: string, now = new Date()): Promise<RateCount> {
      const row = await db.selectFrom('rateCounters').select(['hits', 'resetsAt']).where('key', '=', key).where('resetsAt', '>', isoTime(now)).executeTakeFirst();
      return row ? toCount(row) : Object.freeze({ hits: 0, resetsAt: now });
    },

    /**
     * Claims the next send slot of a rate shared by every process on the database: one slot every
     * `intervalMs`, so that no window of `intervalMs × n` holds more than n slots. The row `key` keeps the
     * next free slot (in `resets_at`); a claim moves it on by `intervalMs` with a compare-and-set, retried
     * when another process moved it first. Returns the slot: now, or a later time the caller waits for.
     */
    async claimSlot(key: string, intervalMs: number, now = new Date()): Promise<Date> {
      for (;;) {
        const row = await db.selectFrom('rateCounters').select(['hits', 'resetsAt']).where('key', '=', key).executeTakeFirst();
        if (!row) {
          const inserted = await db
            .insertInto('rateCounters')
            .values({ key, hits: 1, resetsAt: isoTime(new Date(now.getTime() + intervalMs)) })
            .onConflict((oc) => oc.column('key').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return now;
          continue;
        }
        const next = new Date(row.resetsAt);
        const slot = next.getTime() > now.getTime() ? next : now;
        const updated = await db
          .updateTable('rateCounters')
          .set({ hits: Number(row.hits) + 1, resetsAt: isoTime(new Date(slot.getTime() + intervalMs)) })
          .where('key', '=', key)
          .where('resetsAt', '=', row.resetsAt)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 1) return slot;
      }
    },

    async reset(key: string): Promise<void> {
      await db.deleteFrom('rateCounters').where('key', '=', key).execute();
    },

    /** Deletes the counters whose window has ended; returns how many. */
    async purgeExpired(now = new Date()): Promise<number> {
      const result = await db.deleteFrom('rateCounters').where('resetsAt', '<=', isoTime(now)).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type RateCountersRepository = ReturnType<typeof createRateCountersRepository>;
