import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';

for (const database of TEST_DATABASES) {
  describe(`responses.setExclusions: several responses, one reason [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    let ids: number[];
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
      ids = [];
      for (let i = 0; i < 4; i++) {
        const r = await store.responses.createPartial({ waveId: wave.id });
        await store.responses.complete(r.id, { packed: new Uint8Array([i]) });
        ids.push(r.id);
      }
    });
    after(() => store.close());

    const version = async () => (await store.waves.get(wave.id))!.dataVersion;

    it('excludes in one transaction with one reason, bumps the data version once, returns what changed', async () => {
      const before = await version();
      const changed = await store.responses.setExclusions(wave.id, [ids[2]!, ids[0]!, ids[2]!], true, 'copies');
      assert.deepEqual(changed, [ids[0], ids[2]]);
      assert.equal(await version(), before + 1);
      for (const id of [ids[0]!, ids[2]!]) assert.equal((await store.responses.getById(id))!.exclusionReason, 'copies');
      assert.equal((await store.responses.getById(ids[1]!))!.excluded, false);
      // asking again changes nothing, and the version stays
      assert.deepEqual(await store.responses.setExclusions(wave.id, [ids[0]!], true, 'again'), []);
      assert.equal((await store.responses.getById(ids[0]!))!.exclusionReason, 'copies');
      assert.equal(await version(), before + 1);
    });

    it('restores: the response counts again and its reason is cleared', async () => {
      const changed = await store.responses.setExclusions(wave.id, [ids[0]!, ids[1]!, ids[2]!], false);
      assert.deepEqual(changed, [ids[0], ids[2]]);
      assert.equal(await store.responses.count(wave.id, { includeExcluded: false }), 4);
      assert.equal((await store.responses.getById(ids[2]!))!.exclusionReason, null);
    });

    it('refuses an id of another wave or of no response, and changes nothing', async () => {
      const other = await store.waves.create({ studyId: wave.studyId, code: 'other', studyVersionId: wave.studyVersionId, title: 'Other' });
      const foreign = await store.responses.createPartial({ waveId: other.id });
      const before = await version();
      await assert.rejects(store.responses.setExclusions(wave.id, [ids[3]!, foreign.id, 999_999], true, 'x'), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'INVALID_INPUT');
        assert.match(e.message, new RegExp(`^response: #${foreign.id}, #999999 `));
        return true;
      });
      assert.equal((await store.responses.getById(ids[3]!))!.excluded, false);
      assert.equal(await version(), before);
      assert.deepEqual(await store.responses.setExclusions(wave.id, [], true, 'x'), []);
    });
  });
}
