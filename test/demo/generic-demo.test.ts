import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readPopulationTargets } from '../../src/analysis/population-targets.js';
import { DEMO_SEEDS, generateDemo, generateStudyDemo, type StudyDemoResult } from '../../src/demo/index.js';
import type { Store, Wave } from '../../src/store/index.js';
import { validateStudy, type Answers, type Study } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore } from '../helpers/databases.js';
import { checkStoredWave, seriesCodes } from './stored-wave-checks.js';

const SECRET = 'a-test-secret-of-at-least-32-bytes-0123456789';
const STUDY = 'energy-mobility-barometer';

async function storedStudy(store: Store, id: string): Promise<Study> {
  const stored = await store.studies.latestVersion(id);
  assert.ok(stored);
  const result = validateStudy(stored.document);
  assert.ok(result.ok);
  return result.study;
}

/** Share of complete responses with `yes` among those that answered `variable` ("don't know" 9 left out). */
function share(rows: { answers: Answers; complete: boolean }[], variable: string, yes: readonly number[]): number {
  const values = rows
    .filter((r) => r.complete)
    .map((r) => r.answers[variable])
    .filter((v): v is number => typeof v === 'number' && v !== 9);
  return values.filter((v) => yes.includes(v)).length / values.length;
}

for (const database of TEST_DATABASES) {
  describe(`demo generate --study ${STUDY}, the generic generator [${database.name}]`, () => {
    let store: Store;
    let result: StudyDemoResult;
    let study: Study;
    const waves = new Map<string, Wave>();
    const rows = new Map<string, Awaited<ReturnType<typeof checkStoredWave>>>();
    before(async () => {
      store = await openTestStore(database);
      result = await generateStudyDemo(store, STUDY, { secretKey: SECRET, n: 1000 });
      study = await storedStudy(store, STUDY);
      for (const w of result.waves) waves.set(w.code, (await store.waves.get(w.waveId))!);
    });
    after(() => store.close());

    it('makes the demo seed’s four quarterly waves, three published and the last in fieldwork, 1,000 responses each', async () => {
      assert.deepEqual(
        result.waves.map((w) => [w.code, w.status]),
        [
          ['T3-2025', 'published'],
          ['T4-2025', 'published'],
          ['T1-2026', 'published'],
          ['T2-2026', 'fieldwork'],
        ],
      );
      for (const w of result.waves) {
        assert.equal(await store.responses.count(w.waveId), 1000);
        assert.ok(w.summary.partial > 50 && w.summary.partial < 250, `${w.code}: ${w.summary.partial} partial`);
        assert.equal(w.summary.validated, 1000);
      }
      assert.equal(waves.get('T2-2026')!.closesAt, null);
      assert.ok(waves.get('T1-2026')!.publishedAt);
    });

    it('orders the waves by time through their series order, where their codes do not sort as text', async () => {
      const codes = await seriesCodes(store, STUDY);
      assert.deepEqual(codes, ['T3-2025', 'T4-2025', 'T1-2026', 'T2-2026']);
      assert.notDeepEqual([...codes].sort(), codes);
      assert.deepEqual(
        result.waves.map((w) => w.seriesOrder),
        [1, 2, 3, 4],
      );
    });

    it('stores valid responses that answer no hidden question, in the three languages, French first', async () => {
      for (const [code, wave] of waves) rows.set(code, await checkStoredWave(store, wave, study));
      const all = [...rows.values()].flat();
      const count = (lang: string) => all.filter((r) => r.language === lang).length;
      assert.ok(count('fr') > count('en') && count('en') > 0 && count('de') > 0, `fr ${count('fr')}, en ${count('en')}, de ${count('de')}`);
      const emails = all.filter((r) => typeof r.answers.panel_email === 'string');
      assert.ok(emails.length > 0 && emails.every((r) => r.answers.panel_interest === 1));
      assert.ok(all.some((r) => Array.isArray(r.answers.savings_actions) && (r.answers.savings_actions as number[]).includes(98)));
    });

    it('weights every wave with the seed’s targets and draws the margins near them', () => {
      const targets = DEMO_SEEDS[STUDY].populationTargets!;
      for (const [code, wave] of waves) {
        assert.deepEqual(readPopulationTargets(wave.populationTargets), targets);
        const complete = rows.get(code)!;
        for (const margin of targets.margins) {
          const total = margin.targets.reduce((a, t) => a + t.population, 0);
          for (const t of margin.targets) {
            const sample = share(complete, margin.variable, [t.code]);
            assert.ok(Math.abs(sample - t.population / total) < 0.08, `${code} ${margin.variable}=${t.code}: ${sample.toFixed(3)} vs ${(t.population / total).toFixed(3)}`);
          }
        }
      }
    });

    it('moves the indicators plausibly between waves: some change, none jumps', () => {
      let moved = 0;
      for (const indicator of study.indicators.filter((i) => !/_\d+$/.test(i.variable))) {
        const series = [...rows.values()].map((r) => share(r, indicator.variable, indicator.yes));
        for (let k = 1; k < series.length; k++) {
          const step = Math.abs(series[k] - series[k - 1]);
          assert.ok(step < 0.15, `${indicator.id}: ${series.map((s) => s.toFixed(3)).join(' → ')}`);
          if (step > 0.02) moved++;
        }
      }
      assert.ok(moved >= 3, `${moved} steps of more than 2 points`);
    });

    it('makes answers correlate through the respondent’s latent factor', () => {
      // the four agreement items of the matrix: their pairwise correlations are mostly away from zero
      const complete = [...rows.values()].flat().filter((r) => r.complete);
      const items = ['view_cost', 'view_ready', 'view_fair', 'view_aid'];
      let strong = 0;
      for (let a = 0; a < items.length; a++)
        for (let b = a + 1; b < items.length; b++) {
          const pairs = complete.map((r) => [r.answers[items[a]], r.answers[items[b]]]).filter(([x, y]) => x !== 9 && y !== 9) as [number, number][];
          const mean = (k: 0 | 1) => pairs.reduce((s, p) => s + p[k], 0) / pairs.length;
          const mx = mean(0),
            my = mean(1);
          let sxy = 0,
            sxx = 0,
            syy = 0;
          for (const [x, y] of pairs) {
            sxy += (x - mx) * (y - my);
            sxx += (x - mx) ** 2;
            syy += (y - my) ** 2;
          }
          if (Math.abs(sxy / Math.sqrt(sxx * syy)) > 0.1) strong++;
        }
      assert.ok(strong >= 3, `${strong} of 6 pairs correlate`);
    });

    it('refuses an existing wave without replace, a code naming no period and an unknown study, writing nothing', async () => {
      await assert.rejects(generateStudyDemo(store, STUDY, { waves: ['T1-2026'], n: 5 }), (e: Error & { code?: string }) => e.code === 'CONFLICT');
      await assert.rejects(
        generateStudyDemo(store, STUDY, { waves: ['T5-2026'], n: 5 }),
        (e: Error & { code?: string }) => e.code === 'INVALID_INPUT' && /T5-2026/.test(e.message),
      );
      await assert.rejects(generateStudyDemo(store, 'no-such-study', { n: 5 }), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
      assert.equal((await store.waves.list(STUDY)).length, 4);
    });

    it('never exceeds a wave’s quotas, screening out respondents of full segments', async () => {
      const wave = waves.get('T3-2025')!;
      await store.waves.update(wave.id, {
        quotas: {
          segments: [
            { variable: 'sex', code: 1, target: 120 },
            { variable: 'age_band', code: 5, target: 40 },
          ],
        },
      });
      const again = await generateStudyDemo(store, STUDY, { waves: ['T3-2025'], n: 500, replace: true, secretKey: SECRET });
      assert.ok(again.waves[0].summary.screenedOut > 0);
      const stored = await checkStoredWave(store, (await store.waves.get(wave.id))!, study);
      const completes = stored.filter((r) => r.complete);
      assert.equal(completes.filter((r) => r.answers.sex === 1).length <= 120, true);
      assert.ok(completes.filter((r) => r.answers.sex === 1).length >= 100, 'the open segment fills');
      assert.ok(completes.filter((r) => r.answers.age_band === 5).length <= 40);
      assert.equal((await seriesCodes(store, STUDY))[0], 'T3-2025');
    });
  });

  describe(`demo generate --study social-media-barometer, the calibrated generator [${database.name}]`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(database);
    });
    after(() => store.close());

    it('stores valid editions that answer no hidden question, ordered by time, weighted', async () => {
      const result = await generateDemo(store, { waves: [2016, 2015], n: 300, secretKey: SECRET });
      const study = await storedStudy(store, 'social-media-barometer');
      for (const w of result.waves) {
        const wave = (await store.waves.get(w.waveId))!;
        await checkStoredWave(store, wave, study);
        assert.ok(readPopulationTargets(wave.populationTargets).margins.length > 0);
      }
      assert.deepEqual(await seriesCodes(store, 'social-media-barometer'), ['2015', '2016']);
    });
  });
}
