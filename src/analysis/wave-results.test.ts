import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES, openTestStore, type TestStore } from '../../test/helpers/databases.js';
import { SYNTHETIC_TARGETS, seedSyntheticWave } from '../../test/public/fixtures/synthetic-wave.js';
import { categoricalColumn, createDataset, createDesign, estimateProportions, rake } from '../stats/index.js';
import type { Wave } from '../store/index.js';
import { indicatorColumn } from './indicator-column.js';
import { loadWave } from './load-wave.js';
import { readWaveResults } from './results-cache.js';
import { computeWaveResults } from './wave-results.js';
import { loadResultColumns } from './wave-results-columns.js';
import { waveStudy } from './wave-study.js';

const close = (a: number, b: number, tolerance = 1e-12) => assert.ok(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

for (const database of TEST_DATABASES) {
  describe(`wave results [${database.name}]`, () => {
    let store: TestStore;
    let w2015: Wave, w2016: Wave, w2017: Wave;
    before(async () => {
      store = await openTestStore(database);
      w2015 = await seedSyntheticWave(store, { code: '2015', n: 300, seed: 1, shift: 0 });
      w2016 = await seedSyntheticWave(store, { code: '2016', n: 400, seed: 2, shift: 0.08 });
      w2017 = await seedSyntheticWave(store, { code: '2017', n: 250, seed: 3, shift: 0.1, status: 'fieldwork' });
    });
    after(() => store.close());

    it('gives the numbers of a direct stats computation (raked, overall and by size)', async () => {
      const results = await computeWaveResults(store, w2016);
      const study = await waveStudy(store, w2016);
      const columns = await loadWave(store, w2016, study);
      const indicator = study.indicators.find((i) => i.id === 'presence_important')!;
      const sizes = columns.categories.get('company_size')!;
      const dataset = createDataset([
        categoricalColumn('y', indicatorColumn(columns, columns.layout, indicator), ['0', '1']),
        categoricalColumn(
          'size',
          Int16Array.from(sizes, (c) => c - 1),
          ['1', '2', '3', '4'],
        ),
      ]);
      const design = rake(createDesign(dataset, { weights: new Float64Array(dataset.n).fill(1) }), [
        { variable: 'size', population: Object.fromEntries(SYNTHETIC_TARGETS.margins[0].targets.map((t) => [String(t.code), t.population])) },
      ]).design;
      const direct = estimateProportions(design, 'y').find((e) => e.kind === 'proportion' && e.level === '1')!;
      const mine = results.indicators.find((i) => i.id === 'presence_important')!;
      assert.equal(results.n, 400);
      assert.equal(direct.kind, 'proportion');
      if (direct.kind !== 'proportion') return;
      close(mine.estimate!, direct.estimate);
      close(mine.se!, direct.se, 1e-9);
      assert.equal(mine.n, direct.n);
      const bySize = estimateProportions(design, 'y', { by: 'size' }).filter((e) => e.kind === 'proportion' && e.level === '1');
      let compared = 0;
      mine.cuts.company_size.forEach((cell, j) => {
        const d = bySize[j];
        if (d.kind !== 'proportion' || cell.suppressed) return;
        close(cell.estimate!, d.estimate);
        close(cell.se!, d.se, 1e-9);
        assert.equal(cell.n, d.n);
        compared++;
      });
      assert.ok(compared >= 2, `${compared} size columns compared with the estimator`);
      assert.equal(results.weighting.status, 'weighted');
      const achieved = results.weighting.margins[0].levels.map((l) => [l.achievedShare, l.targetShare]);
      for (const [a, t] of achieved) close(a, t, 1e-8);
    });

    it('loads the columns the results read exactly as loadWave does', async () => {
      const study = await waveStudy(store, w2016);
      const all = await loadWave(store, w2016, study);
      const some = await loadResultColumns(store, w2016, study, ['company_size', 'region']);
      assert.equal(some.n, all.n);
      assert.deepEqual([...some.ids], [...all.ids]);
      assert.ok(some.categories.size < all.categories.size);
      for (const name of ['company_size', 'region', ...study.indicators.map((i) => i.variable)]) {
        assert.deepEqual([...some.categories.get(name)!], [...all.categories.get(name)!], name);
      }
    });

    it('flags low bases and suppresses tiny ones, and letters never point at a suppressed column', async () => {
      const results = await computeWaveResults(store, w2016, { lowBase: 30, suppressBase: 25 });
      const cells = results.indicators[0].cuts.company_size;
      const small = cells[3];
      assert.ok(small.n < 30 && small.lowBase);
      assert.ok(small.n < 25 && small.suppressed, `the fixture's smallest band has ${small.n} respondents`);
      assert.equal(small.estimate, null);
      for (const cell of cells) assert.ok(!cell.letters.includes(small.letter));
      for (const cell of cells) assert.equal(cell.lowBase, cell.n < 30);
    });

    it('tests the trend against the previous published wave and lists every earlier published wave', async () => {
      const r2017 = await computeWaveResults(store, w2017);
      const r2016 = await computeWaveResults(store, w2016);
      assert.equal(r2017.previousWave?.code, '2016');
      assert.deepEqual(
        r2017.earlierWaves.map((w) => w.code),
        ['2015', '2016'],
      );
      const a = r2017.indicators.find((i) => i.id === 'uses_social_media')!;
      const b = r2016.indicators.find((i) => i.id === 'uses_social_media')!;
      assert.deepEqual(
        a.history.map((h) => h.wave),
        ['2015', '2016'],
      );
      close(a.history[1].estimate, b.estimate!);
      close(a.trend!.previous, b.estimate!);
      close(a.trend!.difference, a.estimate! - b.estimate!);
      assert.equal(a.trend!.significant, a.trend!.p < 0.05);
      const first = await computeWaveResults(store, w2015);
      assert.equal(first.previousWave, null);
      assert.equal(first.indicators[0].trend, null);
    });

    it('computes once per data version: the cached results equal fresh ones, a new data version recomputes', async () => {
      const first = await readWaveResults(store, w2016);
      const second = await readWaveResults(store, w2016);
      assert.equal(second.source, 'cache');
      assert.deepEqual(second.results, await computeWaveResults(store, w2016));
      assert.deepEqual(second.results, first.results);
      const excluded = (await store.responses.list(w2016.id))[0];
      await store.responses.setExclusion(excluded.id, true, 'test');
      const wave = (await store.waves.get(w2016.id))!;
      assert.ok(wave.dataVersion > w2016.dataVersion);
      const third = await readWaveResults(store, wave);
      assert.equal(third.source, 'computed');
      assert.equal(third.results.n, 399);
      assert.equal((await readWaveResults(store, wave)).source, 'cache');
      // the 2017 results depend on 2016's data version too
      const later = await readWaveResults(store, w2017);
      assert.equal((await readWaveResults(store, w2017)).source, 'cache');
      await store.responses.setExclusion(excluded.id, false);
      assert.equal((await readWaveResults(store, w2017)).source, 'computed');
      assert.equal(later.results.indicators[0].history[1].n, 399);
    });

    it('shares one computation between concurrent first reads (a reader arriving during the publication warm-up)', async () => {
      await store.responses.setExclusion((await store.responses.list(w2015.id))[0]!.id, true, 'test');
      const wave = (await store.waves.get(w2015.id))!;
      const [a, b] = await Promise.all([readWaveResults(store, wave), readWaveResults(store, wave)]);
      // the second reader either joins the computation under way (the same object) or, when it arrives after
      // the first has stored its results (a fast database), reads them from the cache: never a second computation
      assert.equal(a.source, 'computed');
      if (b.source === 'computed') assert.equal(a.results, b.results, 'the same object: one computation');
      else assert.deepEqual(b.results, a.results);
    });
  });
}
