import type { StoreContext } from '../store-context.js';

/** Name/value settings shared by every node of an installation (e.g. the secret's fingerprint). */
export function createInstanceSettingsRepository({ db }: StoreContext) {
  return {
    async get(name: string): Promise<string | undefined> {
      const row = await db.selectFrom('instanceSettings').select('value').where('name', '=', name).executeTakeFirst();
      return row?.value;
    },

    /** Stores `value` unless the setting exists, and returns the stored value (the first writer wins, also between nodes). */
    async getOrInsert(name: string, value: string): Promise<string> {
      await db
        .insertInto('instanceSettings')
        .values({ name, value })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.selectFrom('instanceSettings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}

export type InstanceSettingsRepository = ReturnType<typeof createInstanceSettingsRepository>;
