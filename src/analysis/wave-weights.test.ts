import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalColumn, computeTableSet, createDataset, createDesign, rake, type Column, type EstimateCell } from '../stats/index.js';
import type { PopulationTargets } from './population-targets.js';
import { marginColumnName, weighWave, type WaveWeighting } from './wave-weights.js';

function sample(n: number) {
  let seed = 5;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const size = new Int8Array(n),
    sector = new Int8Array(n),
    y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    size[i] = i % 4; // a sample spread evenly over sizes the population holds 3,000,000 : 150,000 : 5,800 : 290
    sector[i] = Math.floor(random() * 3);
    y[i] = random() < 0.6 + 0.1 * size[i] ? 1 : 0;
  }
  return createDataset([
    categoricalColumn(marginColumnName('company_size'), size, ['1', '2', '3', '4']),
    categoricalColumn(marginColumnName('sector'), sector, ['1', '2', '3']),
    categoricalColumn('y', y, ['0', '1']),
  ]);
}
const targets = {
  source: 'test',
  margins: [
    { variable: 'company_size', targets: [3_000_000, 150_000, 5_800, 290].map((population, i) => ({ code: i + 1, population })) },
    { variable: 'sector', targets: [1_000_000, 1_500_000, 656_090].map((population, i) => ({ code: i + 1, population })) },
  ],
};

describe('weighWave', () => {
  const dataset = sample(800);
  const weighting = weighWave(dataset, targets);

  it('reaches every margin and gives the weights of raking from weights of 1', () => {
    assert.equal(weighting.status, 'weighted');
    for (const margin of weighting.margins) for (const level of margin.levels) assert.ok(Math.abs(level.achievedShare - level.targetShare) < 1e-9);
    const fromOnes = rake(
      createDesign(dataset, { weights: new Float64Array(dataset.n).fill(1) }),
      targets.margins.map((m) => ({
        variable: marginColumnName(m.variable),
        population: Object.fromEntries(m.targets.map((t) => [String(t.code), t.population])),
      })),
    );
    for (let i = 0; i < dataset.n; i++) assert.ok(Math.abs(weighting.design.weights[i] / fromOnes.weights[i] - 1) < 1e-8);
    assert.ok(weighting.diagnostics.max / weighting.diagnostics.min > 1000);
  });

  it('keeps the variance of a domain that is a margin level sane despite weights over four orders of magnitude', () => {
    const set = computeTableSet({ wave: weighting.design, indicators: [{ id: 'y', column: 'y', yes: [1] }], banners: [marginColumnName('company_size')] });
    for (const column of set.indicators[0].banners[0].columns) {
      const cell = column.cell as EstimateCell;
      // 200 respondents per size: an SRS standard error is about 0.035
      assert.ok(cell.se < 0.06, `size ${column.level}: se ${cell.se}`);
    }
  });

  it('stays unweighted, with the reason, when a margin level has no respondent or there are no targets', () => {
    const empty = weighWave(dataset, { margins: [{ variable: 'company_size', targets: [...targets.margins[0].targets, { code: 5, population: 10 }] }] });
    assert.equal(empty.status, 'unweighted');
    assert.match(empty.reason!, /5/);
    assert.equal(weighWave(dataset, { margins: [] }).status, 'unweighted');
    assert.equal(weighWave(dataset, { margins: [{ variable: 'unknown', targets: [{ code: 1, population: 1 }] }] }).status, 'unweighted');
  });

  it('keeps every weight within the bounds and still meets every margin (bounded raking)', () => {
    const balanced = {
      margins: [
        { variable: 'company_size', targets: [270, 250, 250, 230].map((population, i) => ({ code: i + 1, population })) },
        { variable: 'sector', targets: [360, 340, 300].map((population, i) => ({ code: i + 1, population })) },
      ],
    };
    const free = weighWave(dataset, balanced);
    const ratio = (w: WaveWeighting) => [w.diagnostics.min, w.diagnostics.max].map((x) => x / (1000 / dataset.n));
    const [, freeMax] = ratio(free);
    // bounds that bind: the unbounded weights go above 1.1 times the mean
    assert.ok(freeMax > 1.1, `unbounded max ratio ${freeMax}`);
    const bounded = weighWave(dataset, { ...balanced, trimming: { lower: 0.7, upper: 1.1 } });
    assert.equal(bounded.status, 'weighted');
    assert.equal(bounded.boundsFailure, null);
    const [lo, hi] = ratio(bounded);
    assert.ok(lo >= 0.7 - 1e-9 && hi <= 1.1 + 1e-9, `ratios ${lo} ${hi}`);
    assert.ok(bounded.trimming && bounded.trimming.trimmed > 0, 'some weights sit at a bound');
    for (const margin of bounded.margins)
      for (const level of margin.levels) assert.ok(Math.abs(level.achievedShare - level.targetShare) < 1e-9, `${margin.variable} ${level.code}`);
  });

  it('names the margin level bounds cannot meet and rakes without them, never claiming the bounds', () => {
    const bounded = weighWave(dataset, { ...targets, trimming: { lower: 0.5, upper: 2 } });
    assert.equal(bounded.status, 'weighted');
    assert.ok(bounded.boundsFailure, 'the failure is reported');
    assert.equal(bounded.trimming, null);
    assert.equal(bounded.boundsFailure.variable, 'company_size');
    assert.notEqual(bounded.boundsFailure.achievedShare, bounded.boundsFailure.targetShare);
    // the weights used are those of raking without bounds: every margin met
    for (const margin of bounded.margins) for (const level of margin.levels) assert.ok(Math.abs(level.achievedShare - level.targetShare) < 1e-9);
  });

  describe('a wave with 5 % missing answers to a margin, under each missing-value policy', () => {
    const sectorCodes = (dataset.columns.get(marginColumnName('sector')) as { codes: Int8Array }).codes;
    const sizeCodes = (dataset.columns.get(marginColumnName('company_size')) as { codes: Int8Array }).codes;
    // 40 of 800 respondents (5 %), in blocks of four rows so that every size holds some
    const codes = Int8Array.from(sectorCodes, (c, i) => (Math.floor(i / 4) % 20 === 7 ? -1 : c));
    const withMissing = createDataset([
      dataset.columns.get(marginColumnName('company_size'))!,
      categoricalColumn(marginColumnName('sector'), codes, ['1', '2', '3']),
      dataset.columns.get('y')!,
    ] as Column[]);
    const N = 3_156_090;
    const sizeTargets = targets.margins[0].targets.map((t) => t.population);
    const sectorTargets = targets.margins[1].targets.map((t) => t.population);
    const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got - want) <= 1e-6 * want, `${what}: ${got} against ${want}`);
    const totals = (weights: Float64Array, rows: (i: number) => boolean) => {
      const size = [0, 0, 0, 0],
        sector = [0, 0, 0];
      let missing = 0;
      for (let i = 0; i < withMissing.n; i++) {
        if (!rows(i)) continue;
        size[sizeCodes[i]] += weights[i];
        if (codes[i] >= 0) sector[codes[i]] += weights[i];
        else missing += weights[i];
      }
      return { size, sector, missing };
    };
    const sum = (w: Float64Array) => w.reduce((a, b) => a + b, 0);
    const withPolicy = (margin: Partial<PopulationTargets['margins'][number]>): PopulationTargets => ({
      ...targets,
      margins: [targets.margins[0], { ...targets.margins[1], ...margin }],
    });

    it('impute (the default): the class weighs its share of the sample, the answers reach the targets', () => {
      for (const weighting of [weighWave(withMissing, targets), weighWave(withMissing, withPolicy({ missing: 'impute' }))]) {
        assert.equal(weighting.status, 'weighted', String(weighting.reason));
        assert.deepEqual(
          weighting.missing.map((m) => [m.variable, m.policy, m.n, m.share]),
          [['sector', 'impute', 40, 0.05]],
        );
        const w = weighting.design.weights;
        const got = totals(w, () => true);
        close(sum(w), N, 'sum of the weights');
        sizeTargets.forEach((t, l) => close(got.size[l], t, `size ${l + 1}`));
        sectorTargets.forEach((t, l) => close(got.sector[l], t * 0.95, `sector ${l + 1}`));
        close(got.missing, 0.05 * N, 'no answer');
        close(weighting.missing[0].achievedShare, 0.05, 'reported share');
      }
    });

    it('notStated: a « not stated » category weighted to its own target', () => {
      const stated = [950_000, 1_450_000, 606_090];
      const weighting = weighWave(withMissing, withPolicy({ targets: stated.map((population, i) => ({ code: i + 1, population })), missing: 'notStated', notStated: 150_000 }));
      assert.equal(weighting.status, 'weighted', String(weighting.reason));
      const w = weighting.design.weights;
      const got = totals(w, () => true);
      close(sum(w), N, 'sum of the weights');
      sizeTargets.forEach((t, l) => close(got.size[l], t, `size ${l + 1}`));
      stated.forEach((t, l) => close(got.sector[l], t, `sector ${l + 1}`));
      close(got.missing, 150_000, 'not stated');
      assert.deepEqual(
        weighting.missing.map((m) => [m.policy, m.n]),
        [['notStated', 40]],
      );
      close(weighting.missing[0].targetShare, 150_000 / N, 'target share');
      close(weighting.missing[0].achievedShare, 150_000 / N, 'achieved share');
    });

    it('notStated without a respondent in the category: the stated levels share its count, reported with n = 0', () => {
      const stated = [950_000, 1_450_000, 606_090];
      const weighting = weighWave(dataset, withPolicy({ targets: stated.map((population, i) => ({ code: i + 1, population })), missing: 'notStated', notStated: 150_000 }));
      assert.equal(weighting.status, 'weighted', String(weighting.reason));
      close(sum(weighting.design.weights), N, 'sum of the weights');
      for (const level of weighting.margins[1].levels) assert.ok(Math.abs(level.achievedShare - level.targetShare) < 1e-9);
      assert.deepEqual(
        weighting.missing.map((m) => [m.policy, m.n, m.achievedShare]),
        [['notStated', 0, 0]],
      );
    });

    it('unweighted: the rows without an answer keep the mean weight, the others meet the targets scaled to 95 %', () => {
      const weighting = weighWave(withMissing, withPolicy({ missing: 'unweighted' }));
      assert.equal(weighting.status, 'weighted', String(weighting.reason));
      const w = weighting.design.weights;
      close(sum(w), N, 'sum of the weights');
      for (let i = 0; i < withMissing.n; i++) if (codes[i] < 0) close(w[i], N / withMissing.n, `row ${i + 1} keeps the mean weight`);
      const calibrated = totals(w, (i) => codes[i] >= 0);
      sizeTargets.forEach((t, l) => close(calibrated.size[l], t * 0.95, `size ${l + 1} among the calibrated rows`));
      sectorTargets.forEach((t, l) => close(calibrated.sector[l], t * 0.95, `sector ${l + 1}`));
      assert.deepEqual(
        weighting.missing.map((m) => [m.policy, m.n]),
        [['unweighted', 40]],
      );
      close(weighting.missing[0].achievedShare, 0.05, 'reported share');
      close(weighting.missing[0].calibratedShare, 0.95, 'share calibrated to the targets');
      assert.equal(weighting.design.n, withMissing.n, 'no respondent dropped');
    });

    it('unweighted with bounds: the kept rows stay at the mean weight, which lies within any bounds', () => {
      const balanced = {
        margins: [
          { variable: 'company_size', targets: [270, 250, 250, 230].map((population, i) => ({ code: i + 1, population })) },
          { variable: 'sector', targets: [360, 340, 300].map((population, i) => ({ code: i + 1, population })), missing: 'unweighted' as const },
        ],
        trimming: { lower: 0.7, upper: 1.2 },
      };
      const weighting = weighWave(withMissing, balanced);
      assert.equal(weighting.boundsFailure, null);
      assert.ok(weighting.trimming);
      const w = weighting.design.weights;
      close(sum(w), 1000, 'sum of the weights');
      for (let i = 0; i < withMissing.n; i++) if (codes[i] < 0) close(w[i], 1000 / withMissing.n, 'mean weight');
      for (const x of w) assert.ok(x >= 0.7 * (1000 / withMissing.n) - 1e-9 && x <= 1.2 * (1000 / withMissing.n) + 1e-9);
    });

    it('mixes policies across margins: rows kept aside by one margin are not counted in another’s class', () => {
      // size missing on 40 other rows (two of them also without sector): impute for size, weight 1 for sector
      const sizeMissing = Int8Array.from(sizeCodes, (c, i) => (Math.floor(i / 4) % 20 === 12 || i === 28 || i === 29 ? -1 : c));
      const mixed = createDataset([
        categoricalColumn(marginColumnName('company_size'), sizeMissing, ['1', '2', '3', '4']),
        categoricalColumn(marginColumnName('sector'), codes, ['1', '2', '3']),
      ] as Column[]);
      const weighting = weighWave(mixed, {
        margins: [
          { ...targets.margins[0], missing: 'impute' },
          { ...targets.margins[1], missing: 'unweighted' },
        ],
      });
      assert.equal(weighting.status, 'weighted', String(weighting.reason));
      const w = weighting.design.weights;
      close(sum(w), N, 'sum of the weights');
      assert.deepEqual(
        weighting.missing.map((m) => [m.variable, m.policy, m.n]),
        [
          ['company_size', 'impute', 40],
          ['sector', 'unweighted', 40],
        ],
      );
      let imputed = 0;
      for (let i = 0; i < mixed.n; i++) {
        if (codes[i] < 0) close(w[i], N / mixed.n, `row ${i + 1} keeps the mean weight`);
        else if (sizeMissing[i] < 0) imputed += w[i];
      }
      close(imputed, (40 / mixed.n) * N, 'the size class at its share of the sample');
      close(weighting.missing[0].calibratedShare, 0.95, 'share calibrated to the targets');
    });

    it('says why when every respondent would be kept aside, and refuses margins whose totals differ', () => {
      const none = Int8Array.from(codes, () => -1);
      const empty = createDataset([dataset.columns.get(marginColumnName('company_size'))!, categoricalColumn(marginColumnName('sector'), none, ['1', '2', '3'])] as Column[]);
      const weighting = weighWave(empty, withPolicy({ missing: 'unweighted' }));
      assert.equal(weighting.status, 'unweighted');
      assert.match(weighting.reason!, /every respondent is kept at weight 1 for lack of an answer to sector/);
      const inconsistent = weighWave(
        withMissing,
        withPolicy({
          targets: [
            { code: 1, population: 10 },
            { code: 2, population: 10 },
            { code: 3, population: 10 },
          ],
        }),
      );
      assert.equal(inconsistent.status, 'unweighted');
      assert.match(inconsistent.reason!, /totals/);
    });
  });
});
