import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalColumn, computeTableSet, createDataset, createDesign, rake, type Column, type EstimateCell } from '../stats/index.js';
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

  it('keeps respondents without an answer to a margin as their own class weighted to their sample share', () => {
    const size = (dataset.columns.get(marginColumnName('company_size')) as { codes: Int8Array }).codes;
    const codes = Int8Array.from(size, (c, i) => (i % 10 === 3 ? -1 : c));
    const withMissing = createDataset([
      categoricalColumn(marginColumnName('company_size'), codes, ['1', '2', '3', '4']),
      dataset.columns.get(marginColumnName('sector'))!,
      dataset.columns.get('y')!,
    ] as Column[]);
    const weighting = weighWave(withMissing, targets);
    assert.equal(weighting.status, 'weighted', String(weighting.reason));
    assert.deepEqual(weighting.missing, [{ variable: 'company_size', n: 80, share: 0.1 }]);
    const total = weighting.design.weights.reduce((a, b) => a + b, 0);
    let missingWeight = 0;
    for (let i = 0; i < withMissing.n; i++) if (codes[i] < 0) missingWeight += weighting.design.weights[i];
    assert.ok(Math.abs(missingWeight / total - 0.1) < 1e-9, 'the class keeps its share of the sample');
    // among those who answered, the distribution is the population's
    for (const margin of weighting.margins) for (const level of margin.levels) assert.ok(Math.abs(level.achievedShare - level.targetShare) < 1e-9);
    assert.equal(weighting.design.n, withMissing.n, 'no respondent dropped');
  });
});
