/**
 * Test answers (issue 16 part 2), on every database: a researcher's answers through a wave's test link are
 * stored marked as tests and never appear in results, monitor counts, cleaning lists, exports, benchmark
 * notices or the publication threshold; the wave page's one-click action deletes them and nothing else.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { waveCleaning } from '../../src/analysis/cleaning/wave-cleaning.js';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import { exportWave, EXPORT_FORMATS, type ExportTarget } from '../../src/exchange/index.js';
import type { JsonObject, Wave } from '../../src/store/index.js';
import { columnLayout, packAnswers, packedSize, type Answers } from '../../src/study/index.js';
import { householdStudy, seedHouseholdWave } from '../fixtures/household-study.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

const KEPT = 40;
/** A test household's answers (its contact text is identifying, so the exports leave it out anyway: rows are counted) */
const TEST_ANSWERS = { tenure: 3, heating: [1, 2, 3], has_car: 2, satisfaction: 1, household_contact: 'Essai du chercheur' } as unknown as Answers;

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('latin1') };
}

for (const database of TEST_DATABASES) {
  describe(`test answers [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    const testIds: number[] = [];
    before(async () => {
      store = await openTestStore(database);
      wave = await seedHouseholdWave(store, { code: 'T1-2026', n: KEPT, seed: 7, status: 'fieldwork' });
      const layout = columnLayout(householdStudy());
      // five complete test answers, one partial, one with a benchmark notice address
      for (let i = 0; i < 6; i++) {
        const response = await store.responses.createPartial({ waveId: wave.id, test: true, language: 'fr', answers: TEST_ANSWERS as unknown as JsonObject, currentPage: 2 });
        testIds.push(response.id);
        if (i < 5) await store.responses.complete(response.id, { packed: packAnswers(layout, TEST_ANSWERS), durationMs: 1000 });
      }
      await store.responses.update(testIds[0]!, { notifyEmail: 'chercheur@example.org' });
      wave = (await store.waves.get(wave.id))!;
    });
    after(() => store.close());

    it('marks them as tests and counts them apart', async () => {
      const response = await store.responses.getById(testIds[0]!);
      assert.equal(response?.test, true);
      assert.equal(response?.status, 'complete');
      assert.deepEqual(await store.responses.countTests(wave.id), { total: 6, complete: 5 });
    });

    it('leaves them out of the monitor counts, the listings and the publication threshold', async () => {
      assert.deepEqual(await store.responses.countByStatus(wave.id), { partial: 0, complete: KEPT, excluded: 0 });
      assert.equal(await store.responses.count(wave.id), KEPT);
      assert.equal(await store.responses.count(wave.id, { status: 'complete', includeExcluded: false }), KEPT);
      const listed = await store.responses.list(wave.id);
      assert.equal(listed.length, KEPT);
      assert.ok(listed.every((r) => !r.test && !testIds.includes(r.id)));
    });

    it('leaves them out of the cleaning list', async () => {
      const cleaning = await waveCleaning(store, wave);
      assert.equal(cleaning.responses.length, KEPT);
      assert.ok(cleaning.reviewIds.every((id) => !testIds.includes(id)));
    });

    it('leaves them out of the packed columns the results read, and of the results', async () => {
      let rows = 0;
      for await (const row of store.responses.iteratePacked(wave.id)) {
        assert.ok(!testIds.includes(row.id));
        rows++;
      }
      assert.equal(rows, KEPT);
      let batched = 0;
      for await (const batch of store.responses.iteratePackedBatches(wave.id, { size: packedSize(columnLayout(householdStudy())), status: 'complete' })) {
        batched += batch.n;
        for (const id of batch.ids) assert.ok(!testIds.includes(id));
      }
      assert.equal(batched, KEPT);
      const results = await getWaveResults(store, wave);
      assert.equal(results.n, KEPT);
    });

    for (const format of EXPORT_FORMATS) {
      for (const responses of ['kept', 'all'] as const) {
        it(`leaves them out of the ${format} export (${responses} responses)`, async () => {
          const out = sink();
          const data = sink();
          const target: ExportTarget = format === 'triple-s' ? { metadata: out.stream, data: data.stream } : { out: out.stream };
          const summary = await exportWave(store, wave, format, target, { responses });
          if (format !== 'codebook') assert.equal(summary.rows, KEPT);
          if (format === 'csv') assert.equal(out.text().trimEnd().split('\n').length, KEPT + 1);
          if (format === 'jsonl') assert.equal(out.text().trimEnd().split('\n').length, KEPT);
          if (format === 'triple-s') assert.equal(data.text().trimEnd().split('\n').length, KEPT);
        });
      }
    }

    it('sends no benchmark notice for them', async () => {
      const pending = await store.benchmarks.pendingNotices([wave.id]);
      assert.ok(pending.every((n) => !testIds.includes(n.id)));
    });

    it('deletes every test answer in one call, and nothing else', async () => {
      const before = (await store.waves.get(wave.id))!.dataVersion;
      assert.equal(await store.responses.deleteTests(wave.id), 6);
      assert.deepEqual(await store.responses.countTests(wave.id), { total: 0, complete: 0 });
      for (const id of testIds) assert.equal(await store.responses.getById(id), undefined);
      assert.equal(await store.responses.count(wave.id), KEPT);
      assert.equal((await store.waves.get(wave.id))!.dataVersion, before, 'the counted data did not change');
      assert.equal(await store.responses.deleteTests(wave.id), 0);
    });
  });
}
