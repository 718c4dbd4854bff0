import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { waveStudy } from '../../src/analysis/wave-study.js';
import { generateDemo, type DemoResult } from '../../src/demo/index.js';
import type { Store, Wave } from '../../src/store/index.js';
import { columnLayout, packAnswers, validateResponse, type Answers } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore } from '../helpers/databases.js';
import { weightedIndicators } from './weighted-indicators.js';

/** The published 2015 figures, read from the fixture's table: indicator id -> share. */
const SEED_FIGURES = new Map(
  [...readFileSync(new URL('../fixtures/seed-figures.md', import.meta.url), 'utf8').matchAll(/^\|[^|]+\| `([a-z_]+)` \|[^|]+\| (\d+) % \|$/gm)].map((m) => [
    m[1],
    Number(m[2]) / 100,
  ]),
);

/** The installation's secret, which keys the responses' public ids. */
const SECRET = 'a-test-secret-of-at-least-32-bytes-0123456789';

/** A digest of every stored field of every response of a wave that the generator sets. */
async function waveDigest(store: Store, wave: Wave): Promise<string> {
  const hash = createHash('sha256');
  for (const r of await store.responses.list(wave.id)) {
    hash.update(
      JSON.stringify([r.publicId, r.status, r.answers, r.startedAt, r.updatedAt, r.completedAt, r.durationMs, r.pageDurations, r.currentPage, r.language, r.company, r.source]),
    );
    hash.update(r.packed ?? new Uint8Array());
  }
  return hash.digest('hex');
}

async function demoWave(store: Store, code: string): Promise<Wave> {
  const wave = await store.waves.getByCode('social-media-barometer', code);
  assert.ok(wave, `wave ${code} exists`);
  return wave;
}

for (const database of TEST_DATABASES) {
  describe(`demo generate, default options [${database.name}]`, () => {
    let store: Store;
    let result: DemoResult;
    before(async () => {
      store = await openTestStore(database);
      result = await generateDemo(store, { secretKey: SECRET });
    });
    after(() => store.close());

    it('reads the fourteen published 2015 figures from the fixture', () => {
      assert.equal(SEED_FIGURES.size, 14);
    });

    it('puts each published 2015 figure inside the 95 % CI of the raked 2015 estimate, within 3 points', async () => {
      const wave = await demoWave(store, '2015');
      const study = await waveStudy(store, wave);
      const seed = study.indicators.filter((i) => SEED_FIGURES.has(i.id));
      assert.equal(seed.length, 14);
      for (const e of await weightedIndicators(store, wave, study, seed)) {
        const figure = SEED_FIGURES.get(e.id)!;
        const shown = `${e.id}: ${(e.estimate * 100).toFixed(1)} [${(e.lower * 100).toFixed(1)}, ${(e.upper * 100).toFixed(1)}], published ${figure * 100}`;
        assert.ok(e.lower <= figure && figure <= e.upper, shown);
        assert.ok(Math.abs(e.estimate - figure) <= 0.03, shown);
        assert.ok(e.n > 900, `${shown}: base ${e.n}`);
      }
    });

    it('moves 2016 and 2017 the expected way: ROI challenge eases, CRM enrichment grows, TikTok appears', async () => {
      const byYear = new Map<string, Map<string, number>>();
      for (const code of ['2015', '2016', '2017']) {
        const wave = await demoWave(store, code);
        const study = await waveStudy(store, wave);
        const chosen = study.indicators.filter((i) => ['challenge_roi', 'enriches_crm', 'network_tiktok'].includes(i.id));
        byYear.set(code, new Map((await weightedIndicators(store, wave, study, chosen)).map((e) => [e.id, e.estimate])));
      }
      const v = (code: string, id: string) => byYear.get(code)!.get(id)!;
      assert.ok(v('2017', 'challenge_roi') < v('2015', 'challenge_roi'));
      assert.ok(v('2015', 'enriches_crm') < v('2016', 'enriches_crm') && v('2016', 'enriches_crm') < v('2017', 'enriches_crm'));
      assert.ok(v('2015', 'network_tiktok') < 0.02 && v('2017', 'network_tiktok') > 0.03);
    });

    it('publishes 2015 and 2016, keeps 2017 in fieldwork, with the population targets on each wave', async () => {
      assert.deepEqual(
        result.waves.map((w) => [w.year, w.status]),
        [
          [2015, 'published'],
          [2016, 'published'],
          [2017, 'fieldwork'],
        ],
      );
      for (const [code, status] of [
        ['2015', 'published'],
        ['2016', 'published'],
        ['2017', 'fieldwork'],
      ] as const) {
        const wave = await demoWave(store, code);
        assert.equal(wave.status, status);
        assert.equal(wave.publishedAt !== null, status === 'published');
        const targets = wave.populationTargets as { margins: { variable: string }[] };
        assert.deepEqual(
          targets.margins.map((m) => m.variable),
          ['company_size', 'sector'],
        );
        assert.equal(await store.responses.count(wave.id), 1200);
      }
    });

    it('writes responses that pass the study validation, with the packed vector of their answers', async () => {
      for (const code of ['2015', '2016', '2017']) {
        const wave = await demoWave(store, code);
        const study = await waveStudy(store, wave);
        const layout = columnLayout(study);
        for (const r of await store.responses.list(wave.id)) {
          const { errors } = validateResponse(study, r.answers as Answers, { complete: r.status === 'complete' });
          assert.deepEqual(errors, [], `response ${r.id} of ${code}`);
          assert.deepEqual(Buffer.from(r.packed!), Buffer.from(packAnswers(layout, r.answers as Answers)));
          assert.equal(r.source, 'demo');
        }
      }
    });

    it('has partial responses, speeders (under a third of the median duration) and straight-liners', async () => {
      const wave = await demoWave(store, '2015');
      const responses = await store.responses.list(wave.id);
      const complete = responses.filter((r) => r.status === 'complete');
      const partial = responses.length - complete.length;
      assert.ok(partial > 0.1 * responses.length && partial < 0.2 * responses.length, `${partial} partial`);
      const durations = complete.map((r) => r.durationMs!).sort((a, b) => a - b);
      const median = durations[Math.floor(durations.length / 2)];
      const speeders = durations.filter((d) => d < median / 3).length;
      assert.ok(speeders >= 5 && speeders < 0.1 * complete.length, `${speeders} speeders`);
      const items = ['relation_strengthens', 'relation_service', 'relation_sales', 'relation_loyalty', 'relation_advocacy'];
      const straight = complete.filter((r) => new Set(items.map((k) => r.answers[k])).size === 1).length;
      assert.ok(straight >= 10 && straight < 0.15 * complete.length, `${straight} straight-liners`);
      assert.ok(complete.some((r) => typeof r.answers.comments === 'string'));
      assert.ok(complete.some((r) => typeof r.answers.company_name === 'string'));
    });

    it('dates every response inside its wave’s fieldwork, in March and April of its year', async () => {
      for (const code of ['2015', '2016', '2017']) {
        const wave = await demoWave(store, code);
        const responses = await store.responses.list(wave.id);
        assert.ok(responses.length > 0, `wave ${code} has responses`);
        for (const r of responses) {
          assert.ok(r.startedAt >= `${code}-03-09` && r.updatedAt < `${code}-04-26`, `${r.startedAt} ${r.updatedAt}`);
          if (r.completedAt) assert.equal(Date.parse(r.completedAt) - Date.parse(r.startedAt), r.durationMs);
        }
      }
    });

    it('gives the same data for the same seed and secret and other data for another seed', async () => {
      const other = await openTestStore(database);
      try {
        await generateDemo(other, { waves: [2015, 2017], secretKey: SECRET });
        assert.equal(await waveDigest(other, await demoWave(other, '2015')), await waveDigest(store, await demoWave(store, '2015')));
        assert.equal(await waveDigest(other, await demoWave(other, '2017')), await waveDigest(store, await demoWave(store, '2017')));
        await generateDemo(other, { waves: [2015], seed: 8, secretKey: SECRET, replace: true });
        assert.notEqual(await waveDigest(other, await demoWave(other, '2015')), await waveDigest(store, await demoWave(store, '2015')));
        assert.equal(await other.responses.count((await demoWave(other, '2015')).id), 1200);
      } finally {
        await other.close();
      }
    });

    it('gives the same answers but other public ids for another secret, and unguessable ids without one', async () => {
      const other = await openTestStore(database);
      try {
        const mine = await store.responses.list((await demoWave(store, '2017')).id);
        const ids = new Set(mine.map((r) => r.publicId));
        for (const secretKey of [SECRET + '!', undefined]) {
          await generateDemo(other, { waves: [2017], secretKey, replace: true });
          const theirs = await other.responses.list((await demoWave(other, '2017')).id);
          assert.equal(theirs.length, mine.length);
          theirs.forEach((r, i) => {
            assert.deepEqual([r.status, r.answers, r.startedAt], [mine[i].status, mine[i].answers, mine[i].startedAt], `response ${i}`);
            // the same year and rank prefix (8 characters), another keyed tail
            assert.equal(r.publicId.slice(0, 8), mine[i].publicId.slice(0, 8));
            assert.ok(!ids.has(r.publicId), `response ${i}: ${r.publicId}`);
          });
        }
      } finally {
        await other.close();
      }
    });

    it('refuses to generate an existing wave again unless asked to replace it', async () => {
      await assert.rejects(generateDemo(store, { waves: [2016, 2018], n: 10 }), (e: Error & { code?: string }) => e.code === 'CONFLICT' && /2016/.test(e.message));
      assert.equal(await store.waves.getByCode('social-media-barometer', '2018'), undefined);
      const before2017 = await demoWave(store, '2017');
      await generateDemo(store, { waves: [2017], n: 40, replace: true });
      const after2017 = await demoWave(store, '2017');
      assert.equal(after2017.id, before2017.id);
      assert.equal(after2017.status, 'fieldwork');
      assert.equal(await store.responses.count(after2017.id), 40);
    });
  });
}
