import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';

/** Counts the statements every pg client sends while `fn` runs (round trips to PostgreSQL). */
async function statementsOf(fn: () => Promise<unknown>): Promise<number> {
  const query = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = query;
  }
  return count;
}

for (const database of TEST_DATABASES) {
  describe(`page save [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
    });
    after(() => store.close());

    it('keeps answers with characters jsonb refuses (NUL), quotes and « guillemets » exactly', async () => {
      const r = await store.responses.createPartial({ waveId: wave.id });
      const odd = { q1: 'nul \u0000 here', q2: 'a "quoted" « mot » \\ back', q3: 12.5, q4: ['x', 'y'] };
      await store.responses.savePage({ responseId: r.id, submissionId: 'odd-1', page: 0, answers: odd, currentPage: 1, pageDurationMs: 250 });
      await store.responses.savePage({ responseId: r.id, submissionId: 'odd-2', page: 0, answers: { q5: true }, removeKeys: ['q4'], currentPage: 1, pageDurationMs: 250 });
      const read = (await store.responses.getByPublicId(r.publicId))!;
      assert.deepEqual(read.answers, { q1: odd.q1, q2: odd.q2, q3: 12.5, q5: true });
      assert.deepEqual(read.pageDurations, { 0: 500 });
    });

    if (database.name === 'postgres') {
      it('a page that does not complete the response costs ONE statement on PostgreSQL; a repeated one is still written once', async () => {
        const r = await store.responses.createPartial({ waveId: wave.id });
        await store.responses.getByPublicId(r.publicId); // the pool has a connection
        const page = { responseId: r.id, submissionId: 'rt-1', page: 0, answers: { q1: 1 }, currentPage: 1, pageDurationMs: 100, outcome: { next: 1 } };
        let saved: Awaited<ReturnType<typeof store.responses.savePage>> | undefined;
        assert.equal(await statementsOf(async () => (saved = await store.responses.savePage(page))), 1);
        assert.equal(saved!.kind, 'saved');
        assert.deepEqual(saved!.response.answers, { q1: 1 });
        const again = await store.responses.savePage(page);
        assert.equal(again.kind, 'duplicate');
        assert.deepEqual(again.outcome, { next: 1 });
        assert.deepEqual((await store.responses.getByPublicId(r.publicId))!.pageDurations, { 0: 100 }, 'the repeat added no duration');
      });
    }
  });
}
