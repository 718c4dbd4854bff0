import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

for (const database of TEST_DATABASES) {
  describe(`responses.iterateResponses [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      const { studyVersion } = await store.studies.saveVersion('iter-study', { id: 'iter-study', pages: [] });
      wave = await store.waves.create({ studyId: 'iter-study', code: '2015', studyVersionId: studyVersion.id, title: 'w' });
      await store.responses.insertMany(
        Array.from({ length: 25 }, (_, i) => ({
          waveId: wave.id, status: i % 5 === 4 ? ('partial' as const) : ('complete' as const), answers: { q: i, open: i % 3 === 0 ? `réponse « ${i} » 👍` : '', n: 3 },
          packed: i % 5 === 4 ? null : Uint8Array.of(i, 0), startedAt: '2015-03-01T08:00:00.000Z', excluded: i === 7,
        })),
      );
    });
    after(() => store.close());

    it('streams kept complete responses in id order with texts extracted by the database', async () => {
      const rows: { id: number; texts: readonly (string | null)[]; answers: string; packed: number | undefined }[] = [];
      for await (const r of store.responses.iterateResponses(wave.id, { status: 'complete', textKeys: ['open', 'n', 'missing'], answers: 'unpacked', pageSize: 4 })) {
        rows.push({ id: r.id, texts: r.texts, answers: r.answers, packed: r.packed?.[0] });
      }
      assert.equal(rows.length, 19);
      assert.ok(rows.every((r, k) => k === 0 || r.id > rows[k - 1].id));
      assert.deepEqual(rows[0].texts, ['réponse « 0 » 👍', null, null]);
      assert.deepEqual(rows[1].texts, ['', null, null]);
      assert.ok(rows.every((r) => r.answers === ''), 'packed responses come without their answers JSON');
      assert.ok(!rows.some((r) => r.packed === 7), 'the excluded response is left out');
    });

    it('gives the answers JSON of responses without a packed vector, and every response on request', async () => {
      const all = [];
      for await (const r of store.responses.iterateResponses(wave.id, { includeExcluded: true, answers: 'unpacked' })) all.push(r);
      assert.equal(all.length, 25);
      const partial = all.filter((r) => r.status === 'partial');
      assert.equal(partial.length, 5);
      assert.ok(partial.every((r) => r.packed === null && JSON.parse(r.answers).n === 3));
      assert.equal(all.filter((r) => r.excluded).length, 1);
      await assert.rejects(store.responses.iterateResponses(wave.id, { textKeys: ["x') or 1=1 --"] }).next(), /bad answer key/);
    });
  });
}
