import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoricalColumn, computeTableSet, createDataset, createDesign, rake, type EstimateCell } from '../stats/index.js';
import { marginColumnName, weighWave } from './wave-weights.js';

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
});
