import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { TEST_DATABASES, openTestStore, type TestStore } from '../../../test/helpers/databases.js';
import { pollUntil, withDeadline } from '../../../test/helpers/poll-until.js';
import { isAppError } from '../../app-error.js';
import { createDatabase } from '../create-database.js';
import type { Store } from '../store.js';
import { storeInternals } from '../store-internals.js';
import type { SaveVersionResult } from './studies-repository.js';

/** Every outcome is a saved version or an AppError CONFLICT naming the study; anything else fails the test. */
function versionsOrConflicts(studyId: string, outcomes: PromiseSettledResult<SaveVersionResult>[]): SaveVersionResult[] {
  const saved: SaveVersionResult[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') {
      saved.push(outcome.value);
    } else {
      const error = outcome.reason as unknown;
      assert.ok(isAppError(error) && error.code === 'CONFLICT', `expected a version or CONFLICT, got ${String(error)}`);
      assert.match(error.message, new RegExp(`study ${studyId}`));
    }
  }
  return saved;
}

/** Resolves once another PostgreSQL session of this database waits for a lock (a blocked insert); fails after 10 s. */
async function someoneWaitsForALock(store: Store): Promise<void> {
  await pollUntil(
    'a PostgreSQL session blocked on a lock (pg_stat_activity)',
    async () => {
      const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(storeInternals(store).db);
      return Number(rows[0].n) > 0 ? true : undefined;
    },
    { intervalMs: 5 },
  );
}

for (const database of TEST_DATABASES) {
  describe(`concurrent study saves [${database.name}]`, () => {
    let store: TestStore;
    let other: Store; // a second store on the same database: its own connections, like a second process
    before(async () => {
      store = await openTestStore(database);
      other = createDatabase(store.options);
    });
    after(async () => {
      await other.close();
      await store.close();
    });

    it('gives concurrent saves of different documents distinct, consecutive version numbers', async () => {
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => (i % 2 ? store : other).studies.saveVersion('race', { id: 'race', n: i })));
      const saved = versionsOrConflicts('race', outcomes);
      assert.ok(saved.length > 0);
      assert.ok(saved.every((s) => s.kind === 'created'));
      const versions = saved.map((s) => s.studyVersion.version).sort((a, b) => a - b);
      assert.deepEqual(
        versions,
        Array.from({ length: saved.length }, (_, i) => i + 1),
      );
      for (const s of saved) {
        assert.deepEqual((await store.studies.getVersion('race', s.studyVersion.version))?.document, s.studyVersion.document);
      }
      assert.equal((await store.studies.listVersions('race')).length, saved.length);
    });

    it('stores one version when concurrent saves carry the same document (two servers installing a study)', async () => {
      const document = { id: 'same', title: 'Baromètre' };
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => (i % 2 ? store : other).studies.saveVersion('same', document)));
      const saved = versionsOrConflicts('same', outcomes);
      assert.equal(saved.filter((s) => s.kind === 'created').length, 1);
      assert.ok(saved.every((s) => s.studyVersion.version === 1));
      assert.deepEqual(
        (await store.studies.listVersions('same')).map((v) => v.version),
        [1],
      );
    });

    it("throws CONFLICT at once inside a caller's transaction that loses the race", async () => {
      let commit!: () => void;
      const released = new Promise<void>((resolve) => (commit = resolve));
      let inserted!: () => void;
      const holding = new Promise<void>((resolve) => (inserted = resolve));
      // `other` inserts version 1 and keeps its transaction open until released
      const winner = other.transaction(async (trx) => {
        await trx.studies.saveVersion('held', { id: 'held', by: 'winner' });
        inserted();
        await released;
      });
      await holding;
      const loser = store.transaction((trx) => trx.studies.saveVersion('held', { id: 'held', by: 'loser' }));
      const loserSettled = loser.then(
        () => undefined,
        () => undefined,
      );
      // SQLite refuses the loser's write at once; PostgreSQL blocks it until the winner commits
      await withDeadline(
        'the second save to be refused (SQLite) or to wait for the lock of the first (PostgreSQL)',
        Promise.race([loserSettled, database.name === 'postgres' ? someoneWaitsForALock(store) : new Promise(() => {})]),
      );
      commit();
      await winner;
      const [outcome] = await Promise.allSettled([loser]);
      assert.equal(outcome.status, 'rejected');
      versionsOrConflicts('held', [outcome]);
      assert.deepEqual((await store.studies.latestVersion('held'))?.document, { id: 'held', by: 'winner' });
      assert.equal((await store.studies.listVersions('held')).length, 1);
    });
  });
}
