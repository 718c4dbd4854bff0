import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BulkResponse, Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';

const N = 10_000;

/** Deterministic rows: every 10th partial, every 50th excluded, packed = 4 bytes of the index. */
function* rows(waveId: number): Generator<BulkResponse> {
  for (let i = 0; i < N; i++) {
    const packed = new Uint8Array(new Uint32Array([i * 2654435761]).buffer);
    yield {
      waveId,
      status: i % 10 === 9 ? 'partial' : 'complete',
      answers: { q1: i % 5, open: `réponse ${i}` },
      packed,
      startedAt: '2015-03-01T08:00:00.000Z',
      completedAt: i % 10 === 9 ? null : '2015-03-01T08:09:00.000Z',
      durationMs: 540_000,
      excluded: i % 50 === 0,
      source: 'demo',
    };
  }
}

for (const database of TEST_DATABASES) {
  describe(`bulk responses [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
    });
    after(() => store.close());

    it(`inserts ${N} responses in batches and bumps the data version`, async () => {
      const progress: number[] = [];
      const inserted = await store.responses.insertMany(rows(wave.id), { batchSize: 1000, onProgress: (n) => progress.push(n) });
      assert.equal(inserted, N);
      assert.deepEqual(
        progress,
        Array.from({ length: 10 }, (_, i) => (i + 1) * 1000),
      );
      assert.equal(await store.responses.count(wave.id), N);
      assert.deepEqual(await store.responses.countByStatus(wave.id), { partial: N / 10, complete: N - N / 10, excluded: N / 50 });
      assert.equal((await store.waves.get(wave.id))!.dataVersion, wave.dataVersion + 1);
    });

    it('streams the packed vectors back in insertion order, byte for byte', async () => {
      const expected = [...rows(wave.id)].filter((r) => r.status === 'complete' && !r.excluded);
      let i = 0;
      let lastId = 0;
      for await (const row of store.responses.iteratePacked(wave.id, { status: 'complete' })) {
        assert.ok(row.id > lastId);
        lastId = row.id;
        assert.equal(row.status, 'complete');
        assert.equal(row.excluded, false);
        assert.deepEqual(row.packed, expected[i].packed);
        i++;
      }
      assert.equal(i, expected.length);
    });

    it('pages through a listing with afterId and limit', async () => {
      const first = await store.responses.list(wave.id, { limit: 3 });
      const next = await store.responses.list(wave.id, { limit: 3, afterId: first[2].id });
      assert.equal(first.length, 3);
      assert.ok(next[0].id > first[2].id);
      assert.equal(next[0].answers.open, 'réponse 3');
      assert.equal(first[0].source, 'demo');
    });

    it('rolls back a failing batch alone', async () => {
      const other = await seedWave(store, '2016');
      const bad: BulkResponse[] = [
        ...Array.from({ length: 5 }, () => ({ waveId: other.id, status: 'complete' as const, answers: {}, startedAt: '2016-01-01T00:00:00.000Z' })),
        { waveId: 987654, status: 'complete', answers: {}, startedAt: '2016-01-01T00:00:00.000Z' },
      ];
      await assert.rejects(store.responses.insertMany(bad, { batchSize: 3 }));
      assert.equal(await store.responses.count(other.id), 3);
    });
  });
}
