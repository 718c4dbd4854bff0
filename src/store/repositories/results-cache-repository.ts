import type { StoreContext } from '../store-context.js';
import { isoTime } from '../time.js';

/** Computed result tables per wave, valid while the wave's data version has not moved. */
export function createResultsCacheRepository({ db }: StoreContext) {
  return {
    /** The payload stored for this key at exactly this data version, else undefined. */
    async get(waveId: number, cacheKey: string, dataVersion: number): Promise<string | undefined> {
      const row = await db
        .selectFrom('resultsCache')
        .select('payload')
        .where('waveId', '=', waveId)
        .where('cacheKey', '=', cacheKey)
        .where('dataVersion', '=', dataVersion)
        .executeTakeFirst();
      return row?.payload;
    },

    /** Stores (or replaces) the payload for this key. */
    async put(waveId: number, cacheKey: string, dataVersion: number, payload: string, now = new Date()): Promise<void> {
      const computedAt = isoTime(now);
      await db
        .insertInto('resultsCache')
        .values({ waveId, cacheKey, dataVersion, payload, computedAt })
        .onConflict((oc) => oc.columns(['waveId', 'cacheKey']).doUpdateSet({ dataVersion, payload, computedAt }))
        .execute();
    },

    /** Drops a wave's entries; returns how many. */
    async clear(waveId: number): Promise<number> {
      const result = await db.deleteFrom('resultsCache').where('waveId', '=', waveId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ResultsCacheRepository = ReturnType<typeof createResultsCacheRepository>;
