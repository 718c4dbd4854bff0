import { isoTime } from '../time.js';
import type { StoreContext } from '../store-context.js';
import { countedOnly } from './counted-responses.js';

/** A complete response whose respondent asked to hear when the results of their study are out. */
export interface BenchmarkNotice {
  readonly id: number;
  readonly publicId: string;
  readonly notifyEmail: string;
  readonly language: string;
  readonly benchmarkTokenHash: string | null;
}

/** The benchmark side of responses: the link a respondent holds, and who waits to be told of a publication. */
export function createBenchmarksRepository({ db }: StoreContext) {
  return {
    /** The public id of the complete response whose benchmark token hashes to `tokenHash`, if any. */
    async completeResponseByTokenHash(tokenHash: string): Promise<string | undefined> {
      const row = await db.selectFrom('responses').select('publicId').where('benchmarkTokenHash', '=', tokenHash).where('status', '=', 'complete').executeTakeFirst();
      return row?.publicId;
    },

    /** Complete responses of these waves with a notification address and no notice sent yet, in id order. */
    async pendingNotices(waveIds: readonly number[]): Promise<BenchmarkNotice[]> {
      if (waveIds.length === 0) return [];
      const rows = await countedOnly(db.selectFrom('responses'))
        .select(['id', 'publicId', 'notifyEmail', 'language', 'benchmarkTokenHash'])
        .where('waveId', 'in', waveIds)
        .where('status', '=', 'complete')
        .where('notifyEmail', 'is not', null)
        .where('notifiedAt', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => Object.freeze({ ...r, notifyEmail: r.notifyEmail! }));
    },

    /**
     * Claims a pending notice before its e-mail (sets `notified_at` if still null): true for the one caller that
     * wins. Follow with `finishNotice` (erases the address) or `releaseNotice` (the mail surely failed). A claim
     * left by a process that died is never taken again: the notice is sent at most once.
     */
    async claimNotice(responseId: number, now = new Date()): Promise<boolean> {
      const result = await db
        .updateTable('responses')
        .set({ notifiedAt: isoTime(now) })
        .where('id', '=', responseId)
        .where('notifiedAt', 'is', null)
        .where('notifyEmail', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async finishNotice(responseId: number): Promise<void> {
      await db.updateTable('responses').set({ notifyEmail: null }).where('id', '=', responseId).execute();
    },

    async releaseNotice(responseId: number): Promise<void> {
      await db.updateTable('responses').set({ notifiedAt: null }).where('id', '=', responseId).execute();
    },
  };
}

export type BenchmarksRepository = ReturnType<typeof createBenchmarksRepository>;
