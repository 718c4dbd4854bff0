import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

/** A 6-byte vector with every byte value in play (NULs and 0xff included), different per response. */
const vector = (i: number) => Uint8Array.of(i, 0, 255 - i, 0, (i * 37) & 255, 0xff);

for (const database of TEST_DATABASES) {
  describe(`responses.iteratePackedBatches [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      const { studyVersion } = await store.studies.saveVersion('batch-study', { id: 'batch-study', pages: [] });
      wave = await store.waves.create({ studyId: 'batch-study', code: '2015', studyVersionId: studyVersion.id, title: 'w' });
      await store.responses.insertMany(
        Array.from({ length: 40 }, (_, i) => ({
          waveId: wave.id,
          status: i % 5 === 4 ? ('partial' as const) : ('complete' as const),
          answers: { q: i },
          packed: i % 5 === 4 || i === 11 ? null : vector(i),
          startedAt: '2015-03-01T08:00:00.000Z',
          excluded: i === 7,
        })),
      );
    });
    after(() => store.close());

    /** the rows iteratePacked streams, as [id, bytes] */
    const streamed = async (options: { status?: 'complete'; includeExcluded?: boolean }) => {
      const rows: [number, number[]][] = [];
      for await (const r of store.responses.iteratePacked(wave.id, options)) if (r.packed) rows.push([r.id, [...r.packed]]);
      return rows;
    };
    const batched = async (options: { status?: 'complete'; includeExcluded?: boolean; batchSize: number }, db = store) => {
      const rows: [number, number[]][] = [];
      const sizes: number[] = [];
      for await (const b of db.responses.iteratePackedBatches(wave.id, { ...options, size: 6 })) {
        sizes.push(b.n);
        for (let i = 0; i < b.n; i++) rows.push([b.ids[i], [...b.packed.subarray(i * 6, i * 6 + 6)]]);
      }
      return { rows, sizes };
    };

    it('gives the same vectors, in id order, as the row stream, whatever the batch size', async () => {
      const want = await streamed({ status: 'complete' });
      assert.equal(want.length, 40 - 8 - 1 - 1, 'partials, the excluded one and the one without a vector are left out');
      for (const batchSize of [1, 3, 31, 10_000]) {
        const { rows, sizes } = await batched({ status: 'complete', batchSize });
        assert.deepEqual(rows, want, `batches of ${batchSize}`);
        assert.ok(
          sizes.every((n, k) => n === batchSize || k === sizes.length - 1),
          `full batches of ${batchSize} but the last`,
        );
      }
      assert.deepEqual((await batched({ includeExcluded: true, batchSize: 4 })).rows, await streamed({ includeExcluded: true }));
    });

    it('reads inside a transaction too', async () => {
      const want = await streamed({ status: 'complete' });
      const got = await store.transaction(async (tx) => (await batched({ status: 'complete', batchSize: 7 }, tx as TestStore)).rows);
      assert.deepEqual(got, want);
    });

    it('refuses a vector of another size than the layout', async () => {
      const read = async () => {
        for await (const _ of store.responses.iteratePackedBatches(wave.id, { size: 8, status: 'complete' })) void _;
      };
      await assert.rejects(read, /does not have the 8 bytes of the layout/);
    });
  });
}
