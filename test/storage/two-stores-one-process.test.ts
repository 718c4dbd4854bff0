import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadBenchmark } from '../../src/analysis/benchmark.js';
import { waveStudy } from '../../src/analysis/wave-study.js';
import { DEMO_STUDY_ID, generateDemo } from '../../src/demo/index.js';
import type { JsonObject, ResponseRecord, Store, Wave } from '../../src/store/index.js';
import { BUILT_IN_STUDIES, validateStudy } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

const STUDY_ID = 'two-stores';

/** The built-in barometer under another id and title; without its benchmark when `benchmark` is false. */
function studyDocument(title: string, benchmark: boolean): JsonObject {
  const builtIn = BUILT_IN_STUDIES.find((s) => s.id === DEMO_STUDY_ID)!;
  const validated = validateStudy(builtIn);
  assert.ok(validated.ok);
  const { benchmark: _benchmark, ...rest } = JSON.parse(JSON.stringify(validated.study)) as Record<string, unknown>;
  const document = { ...rest, ...(benchmark ? { benchmark: _benchmark } : {}), id: STUDY_ID, title: { fr: title, en: title } };
  assert.ok(validateStudy(document).ok, 'a valid study');
  return document as JsonObject;
}

interface Side {
  store: TestStore;
  /** a wave of the two-stores study and a complete response in it */
  wave: Wave;
  response: ResponseRecord;
  /** a complete response of the published demo wave */
  demoResponse: ResponseRecord;
  demoWave: Wave;
}

/** The same ids on both sides (study version 1, wave 1, response 1…), different documents and data. */
async function seed(store: TestStore, title: string, benchmark: boolean, demo: { n: number; seed: number }): Promise<Side> {
  const { studyVersion } = await store.studies.saveVersion(STUDY_ID, studyDocument(title, benchmark));
  const wave = await store.waves.create({ studyId: STUDY_ID, code: 'w', studyVersionId: studyVersion.id, title, status: 'fieldwork' });
  const response = await store.responses.complete((await store.responses.createPartial({ waveId: wave.id, publicId: 'same-public-id' })).id);
  await generateDemo(store, { waves: [2016], n: demo.n, seed: demo.seed });
  const demoWave = (await store.waves.getByCode(DEMO_STUDY_ID, '2016'))!;
  assert.equal(demoWave.status, 'published');
  const [demoResponse] = await store.responses.list(demoWave.id, { status: 'complete', includeExcluded: false, limit: 1 });
  return { store, wave, response, demoResponse, demoWave };
}

const completeKept = (store: Store, wave: Wave) => store.responses.count(wave.id, { status: 'complete', includeExcluded: false });

// Two databases open in one process, holding the same ids with different contents: every cache of a
// wave's study, results or benchmark population must belong to its store (a cache keyed by a dialect
// name, or by ids alone, hands database B what it computed for database A). Two SQLite files always;
// SQLite and PostgreSQL too when the run lists PostgreSQL.
for (const database of TEST_DATABASES) {
  describe(`two stores in one process [sqlite + ${database.name}]`, () => {
    let a: Side;
    let b: Side;
    before(async () => {
      const sqlite = TEST_DATABASES.find((d) => d.name === 'sqlite') ?? { name: 'sqlite' as const };
      const [storeA, storeB] = [await openTestStore(sqlite), await openTestStore(database)];
      a = await seed(storeA, 'Study of store A', true, { n: 240, seed: 11 });
      b = await seed(storeB, 'Study of store B', false, { n: 420, seed: 29 });
    });
    after(async () => {
      await a?.store.close();
      await b?.store.close();
    });

    it('holds the same ids on both sides, so that only the store tells them apart', () => {
      assert.equal(a.wave.id, b.wave.id);
      assert.equal(a.wave.studyVersionId, b.wave.studyVersionId);
      assert.equal(a.response.id, b.response.id);
      assert.equal(a.demoWave.id, b.demoWave.id);
      assert.equal(a.demoWave.dataVersion, b.demoWave.dataVersion);
    });

    it('gives each store its own study, whichever is read first and however often', async () => {
      for (const [first, second] of [
        [a, b],
        [b, a],
        [a, b],
      ]) {
        assert.equal((await waveStudy(first.store, first.wave)).title.en, first === a ? 'Study of store A' : 'Study of store B');
        assert.equal((await waveStudy(second.store, second.wave)).title.en, second === a ? 'Study of store A' : 'Study of store B');
      }
      assert.ok((await waveStudy(a.store, a.wave)).benchmark);
      assert.equal((await waveStudy(b.store, b.wave)).benchmark, undefined);
    });

    it("answers each respondent from their own store's study: A's awaits a publication, B's study has no benchmark", async () => {
      const fromA = await loadBenchmark(a.store, a.response);
      assert.equal(fromA.kind, 'pending');
      assert.equal(fromA.kind === 'pending' && fromA.study.title.en, 'Study of store A');
      assert.equal((await loadBenchmark(b.store, b.response)).kind, 'none');
      assert.equal((await loadBenchmark(a.store, a.response)).kind, 'pending');
    });

    it("computes each store's benchmark from its own published wave: its results and its population's scores", async () => {
      const fromA = await loadBenchmark(a.store, a.demoResponse);
      const fromB = await loadBenchmark(b.store, b.demoResponse);
      assert.ok(fromA.kind === 'benchmark' && fromB.kind === 'benchmark');
      assert.equal(fromA.source.results.n, await completeKept(a.store, a.demoWave));
      assert.equal(fromB.source.results.n, await completeKept(b.store, b.demoWave));
      assert.notEqual(fromA.source.results.n, fromB.source.results.n, 'waves of different sizes');
      assert.equal(fromA.source.scores.all.length, 6);
      assert.notDeepEqual(fromA.source.scores.all, fromB.source.scores.all, 'different populations, different mean scores');
      // read again in the other order: each store still gets its own
      const againB = await loadBenchmark(b.store, b.demoResponse);
      const againA = await loadBenchmark(a.store, a.demoResponse);
      assert.ok(againA.kind === 'benchmark' && againB.kind === 'benchmark');
      assert.deepEqual(againA.source.scores.all, fromA.source.scores.all);
      assert.deepEqual(againB.source.scores.all, fromB.source.scores.all);
      assert.equal(againB.source.results.n, fromB.source.results.n);
    });
  });
}
