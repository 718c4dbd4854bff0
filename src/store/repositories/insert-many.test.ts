import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { TEST_DATABASES, openTestStore, type TestStore } from '../../../test/helpers/databases.js';
import { seedWave } from '../../../test/storage/fixtures/seed-wave.js';
import type { Wave } from '../index.js';
import { storeInternals } from '../store-internals.js';
import type { BulkResponse } from './insert-many.js';

/** 150 rows (two full statements of 64 and a remainder), varied nulls, texts with accents and quotes. */
function rows(waveId: number, tag: string): BulkResponse[] {
  return Array.from(
    { length: 150 },
    (_, i): BulkResponse => ({
      waveId,
      status: i % 3 === 0 ? 'partial' : 'complete',
      answers: { q1: i % 7, many: [1, i % 4], open: `réponse « ${i} » "${tag}"` },
      packed: i % 5 === 0 ? null : new Uint8Array([i, 255 - (i % 256), 7]),
      startedAt: `2015-03-09T08:00:${String(i % 60).padStart(2, '0')}.000Z`,
      ...(i % 4 === 0 ? {} : { updatedAt: '2015-03-09T09:00:00.000Z' }),
      completedAt: i % 3 === 0 ? null : '2015-03-09T09:00:00.000Z',
      durationMs: i % 6 === 0 ? null : 1000 * i,
      ...(i % 2 === 0 ? { pageDurations: { 0: i, 1: 2 * i } } : {}),
      currentPage: i % 11,
      ...(i % 8 === 0 ? {} : { language: i % 2 ? 'en' : 'fr' }),
      excluded: i % 9 === 0,
      exclusionReason: i % 9 === 0 ? 'speeder' : null,
      ...(i % 10 === 0 ? { flags: { speeder: true } } : {}),
      company: i % 2 ? `Société ${i}` : null,
      email: i % 13 === 0 ? `r${i}@example.org` : null,
      browserHash: i % 17 === 0 ? `h${i}` : null,
      ...(i % 12 === 0 ? {} : { source: 'demo' as const }),
    }),
  );
}

/** Every stored column but the id and the public id, in insertion order. */
async function stored(store: TestStore, waveId: number): Promise<unknown[]> {
  const list = await storeInternals(store).db.selectFrom('responses').selectAll().where('waveId', '=', waveId).orderBy('id').execute();
  return list.map(({ id: _id, publicId: _publicId, waveId: _waveId, packed, ...row }) => ({ ...row, packed: packed && Buffer.from(packed).toString('hex') }));
}

for (const database of TEST_DATABASES) {
  describe(`insertMany's column mapping [${database.name}]`, () => {
    let store: TestStore;
    let waves: Wave[];
    before(async () => {
      store = await openTestStore(database);
      waves = [await seedWave(store, 'a'), await seedWave(store, 'b'), await seedWave(store, 'c')];
    });
    after(() => store.close());

    it('stores the same columns from the fast path, from JSON text, and inside a caller’s transaction', async () => {
      const [a, b, c] = waves;
      assert.equal(await store.responses.insertMany(rows(a.id, 't'), { batchSize: 100 }), 150);
      const asText = rows(b.id, 't').map(({ answers, pageDurations, ...r }) => ({
        ...r,
        answersJson: JSON.stringify(answers),
        ...(pageDurations ? { pageDurationsJson: JSON.stringify(pageDurations) } : {}),
      }));
      assert.equal(await store.responses.insertMany(asText, { batchSize: 1000 }), 150);
      await store.transaction((tx) => tx.responses.insertMany(rows(c.id, 't'), { batchSize: 70 }));
      const expected = await stored(store, c.id);
      assert.equal(expected.length, 150);
      assert.deepEqual(await stored(store, a.id), expected);
      assert.deepEqual(await stored(store, b.id), expected);
      const record = (await store.responses.list(a.id, { limit: 2 }))[1];
      assert.deepEqual(record.answers, { q1: 1, many: [1, 1], open: 'réponse « 1 » "t"' });
      assert.equal(record.company, 'Société 1');
    });

    it('gives rows without a public id distinct ids, and keeps the ids given', async () => {
      const wave = await seedWave(store, 'd');
      const given = rows(wave.id, 'ids').map((r, i) => (i % 2 ? { ...r, publicId: `given-${i}` } : r));
      await store.responses.insertMany(given, { batchSize: 64 });
      const ids = (await storeInternals(store).db.selectFrom('responses').select('publicId').where('waveId', '=', wave.id).orderBy('id').execute()).map((r) => r.publicId);
      assert.equal(new Set(ids).size, 150);
      ids.forEach((id, i) => (i % 2 ? assert.equal(id, `given-${i}`) : assert.match(id, /^[A-Za-z0-9_-]{22}$/)));
    });

    // SQLite only: PostgreSQL has no checkpoint interval to change
    if (database.name === 'sqlite')
      it('restores SQLite’s checkpoint interval after a bulk load, failed or not', async () => {
        const interval = async () => (await sql<{ walAutocheckpoint: number }>`pragma wal_autocheckpoint`.execute(storeInternals(store).db)).rows[0].walAutocheckpoint;
        const wave = await seedWave(store, 'e');
        assert.equal(await interval(), 1000);
        await store.responses.insertMany(rows(wave.id, 'ok'), { batchSize: 50 });
        assert.equal(await interval(), 1000);
        await assert.rejects(store.responses.insertMany(rows(987654, 'no wave'), { batchSize: 50 }));
        assert.equal(await interval(), 1000);
      });
  });
}
