import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { rawDatabase } from '../helpers/raw-database.js';
import { seedWave } from './fixtures/seed-wave.js';

const hash = (c: string) => c.repeat(64);

// The statements the benchmark page, the publication notices and the demo's wave reset run
// (benchmarks-repository.ts, waves-repository.ts), on every database.
for (const database of TEST_DATABASES) {
  describe(`benchmark links and publication notices [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    let other: Wave;
    const ids: Record<string, number> = {};
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store, 'w1');
      other = await seedWave(store, 'w2');
      const add = async (name: string, waveId: number, fields: { complete: boolean; tokenHash?: string; notifyEmail?: string; notifiedAt?: string }) => {
        const r = await store.responses.createPartial({ waveId, publicId: name, language: name === 'de' ? 'de' : 'fr' });
        if (fields.complete) await store.responses.complete(r.id);
        await store.responses.update(r.id, { benchmarkTokenHash: fields.tokenHash ?? null, notifyEmail: fields.notifyEmail ?? null, notifiedAt: fields.notifiedAt ?? null });
        ids[name] = r.id;
      };
      await add('waiting', wave.id, { complete: true, tokenHash: hash('a'), notifyEmail: 'a@example.org' });
      await add('de', wave.id, { complete: true, tokenHash: hash('b'), notifyEmail: 'b@example.org' });
      await add('told', wave.id, { complete: true, tokenHash: hash('c'), notifyEmail: 'c@example.org', notifiedAt: '2026-01-01T00:00:00.000Z' });
      await add('silent', wave.id, { complete: true, tokenHash: hash('d') });
      await add('partial', wave.id, { complete: false, tokenHash: hash('e'), notifyEmail: 'e@example.org' });
      await add('elsewhere', other.id, { complete: true, tokenHash: hash('f'), notifyEmail: 'f@example.org' });
    });
    after(() => store.close());

    it('finds the complete response a benchmark token hash names, never a partial one', async () => {
      assert.equal(await store.benchmarks.completeResponseByTokenHash(hash('a')), 'waiting');
      assert.equal(await store.benchmarks.completeResponseByTokenHash(hash('d')), 'silent');
      assert.equal(await store.benchmarks.completeResponseByTokenHash(hash('e')), undefined);
      assert.equal(await store.benchmarks.completeResponseByTokenHash(hash('9')), undefined);
    });

    it('lists the complete responses of the given waves still waiting for their notice, in id order', async () => {
      const pending = await store.benchmarks.pendingNotices([wave.id]);
      assert.deepEqual(
        pending.map((p) => [p.id, p.publicId, p.notifyEmail, p.language, p.benchmarkTokenHash]),
        [
          [ids.waiting, 'waiting', 'a@example.org', 'fr', hash('a')],
          [ids.de, 'de', 'b@example.org', 'de', hash('b')],
        ],
      );
      assert.deepEqual(
        (await store.benchmarks.pendingNotices([wave.id, other.id])).map((p) => p.publicId),
        ['waiting', 'de', 'elsewhere'],
      );
      assert.deepEqual(await store.benchmarks.pendingNotices([]), []);
    });
  });

  describe(`wave resets and series order [${database.name}]`, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(database);
    });
    after(() => store.close());

    it("deletes every response of one wave, with their submission ids, bumps that wave's data version and leaves the others", async () => {
      const wave = await seedWave(store, 'reset');
      const kept = await seedWave(store, 'kept');
      for (let i = 0; i < 3; i++) await store.responses.createPartial({ waveId: wave.id, publicId: `reset-${i}` });
      const paged = await store.responses.createPartial({ waveId: wave.id });
      assert.equal((await store.responses.savePage({ responseId: paged.id, page: 0, answers: { q: 1 }, currentPage: 1, submissionId: 'sub-reset-1' })).kind, 'saved');
      const submissions = () => rawDatabase(store).selectFrom('submissions').select('submissionId').where('responseId', '=', paged.id).execute();
      assert.equal((await submissions()).length, 1);
      await store.responses.createPartial({ waveId: kept.id, publicId: 'kept-0' });
      const before = (await store.waves.getOrThrow(wave.id)).dataVersion;
      const keptVersion = (await store.waves.getOrThrow(kept.id)).dataVersion;
      assert.equal(await store.waves.deleteResponses(wave.id), 4);
      assert.equal(await store.responses.count(wave.id), 0);
      assert.equal(await store.responses.count(kept.id), 1);
      assert.ok((await store.waves.getOrThrow(wave.id)).dataVersion > before);
      assert.equal((await store.waves.getOrThrow(kept.id)).dataVersion, keptVersion);
      assert.equal(await store.waves.deleteResponses(wave.id), 0, 'an empty wave resets to nothing');
      assert.deepEqual(await submissions(), [], 'the submission ids went with their responses');
    });

    it('sets only the series order of a wave, leaving its other fields and its update time', async () => {
      const wave = await seedWave(store, 'order');
      await store.waves.setSeriesOrder(wave.id, 3);
      const read = await store.waves.getOrThrow(wave.id);
      assert.deepEqual(read, { ...wave, seriesOrder: 3 });
      await store.waves.setSeriesOrder(wave.id, null);
      assert.equal((await store.waves.getOrThrow(wave.id)).seriesOrder, null);
    });
  });
}
