import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeTableSet, type EstimateCell, type TableCell } from './compute-table-set.js';
import { categoricalColumn, createDataset, numericColumn, type Column } from './dataset.js';
import { createDesign } from './design.js';
import { estimateMean } from './mean.js';
import { estimateProportions } from './proportions.js';
import { rake, type Margin } from './rake.js';
import { domainDifference } from './domain-difference.js';
import { seededRandom } from './test-helpers.js';

function synthetic(n: number, seed: number) {
  const random = seededRandom(seed);
  const size = new Int8Array(n),
    region = new Int8Array(n),
    stratum = new Int8Array(n),
    q = new Int8Array(n),
    scale = new Int8Array(n);
  const w = new Float64Array(n),
    score = new Float64Array(n),
    id = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    size[i] = Math.floor(random() * 3);
    region[i] = Math.floor(random() * 4);
    stratum[i] = Math.floor(random() * 2);
    q[i] = random() < 0.1 ? -1 : random() < 0.3 + 0.15 * size[i] ? 1 : 0;
    scale[i] = random() < 0.05 ? -1 : Math.floor(random() * 4);
    w[i] = 1 + random() * 4 + size[i];
    score[i] = random() < 0.1 ? NaN : 10 * random() + region[i];
    id[i] = i;
  }
  const columns: Column[] = [
    categoricalColumn('size', size, ['S', 'M', 'L']),
    categoricalColumn('region', region, ['N', 'E', 'S', 'W']),
    categoricalColumn('stratum', stratum, ['a', 'b']),
    categoricalColumn('q', q, ['no', 'yes']),
    categoricalColumn('scale', scale, ['1', '2', '3', '4']),
    numericColumn('w', w),
    numericColumn('score', score),
    numericColumn('id', id),
  ];
  return createDataset(columns);
}

const margins: Margin[] = [
  { variable: 'size', population: { S: 5000, M: 3000, L: 2000 } },
  { variable: 'region', population: { N: 2500, E: 2500, S: 3000, W: 2000 } },
];
const indicators = [
  { id: 'q-yes', column: 'q', yes: [1] },
  { id: 'scale-top2', column: 'scale', yes: [2, 3] },
  { id: 'score', column: 'score', kind: 'mean' as const },
];

const est = (cell: TableCell): EstimateCell => {
  assert.equal(cell.kind, 'estimate');
  return cell as EstimateCell;
};
const close = (a: number, b: number, rel = 1e-10) => assert.ok(Math.abs(a - b) <= rel * Math.max(1e-12, Math.abs(b)), `${a} vs ${b}`);

describe('computeTableSet', () => {
  const dataset = synthetic(3000, 7);
  const set = computeTableSet({ wave: { dataset, design: { weights: 'w', strata: 'stratum' }, margins }, indicators, banners: ['size', 'region'] });

  it("gives the estimators' numbers overall and by banner column (stratified, raked design)", () => {
    const design = rake(createDesign(dataset, { weights: 'w', strata: 'stratum' }), margins).design;
    const overall = estimateProportions(design, 'q').find((e) => e.kind === 'proportion' && e.level === 'yes')!;
    const cell = est(set.indicators[0].overall);
    assert.equal(overall.kind, 'proportion');
    if (overall.kind !== 'proportion') return;
    close(cell.estimate, overall.estimate);
    close(cell.se, overall.se, 1e-9);
    assert.equal(cell.n, overall.n);
    const byRegion = estimateMean(design, 'score', { by: 'region' });
    set.indicators[2].banners[1].columns.forEach((column, j) => {
      const r = byRegion[j];
      assert.equal(r.kind, 'mean');
      if (r.kind !== 'mean') return;
      close(est(column.cell).estimate, r.estimate);
      close(est(column.cell).se, r.se, 1e-9);
    });
  });

  it('computes the same table through the clustered (general) path', () => {
    // each row its own cluster: same variance, but the engine takes the influence-vector path
    const clustered = computeTableSet({ wave: { dataset, design: { weights: 'w', strata: 'stratum', clusters: 'id' }, margins }, indicators, banners: ['size', 'region'] });
    set.indicators.forEach((table, t) => {
      close(est(clustered.indicators[t].overall).se, est(table.overall).se, 1e-9);
      table.banners.forEach((banner, b) =>
        banner.columns.forEach((column, j) => {
          const other = est(clustered.indicators[t].banners[b].columns[j].cell);
          close(other.estimate, est(column.cell).estimate);
          close(other.se, est(column.cell).se, 1e-9);
          assert.equal(other.letters, est(column.cell).letters);
        }),
      );
    });
  });

  it('uses the covariance of two columns as domainDifference does', () => {
    const design = rake(createDesign(dataset, { weights: 'w', strata: 'stratum' }), margins).design;
    const d = domainDifference(design, 'q', ['yes'], 'size', 'S', 'L');
    const viaTable = computeTableSet({ wave: design, indicators: [indicators[0]], banners: ['size'], options: { alpha: d.p * 1.000001 } });
    const columns = viaTable.indicators[0].banners[0].columns;
    const letterOfL = columns[2].letter;
    // at alpha just above the pair's p-value the pair is significant, so the larger column carries the letter
    const larger = d.difference > 0 ? est(columns[0].cell).letters : est(columns[2].cell).letters;
    assert.ok(larger.includes(d.difference > 0 ? letterOfL : columns[0].letter));
    const strict = computeTableSet({ wave: design, indicators: [indicators[0]], banners: ['size'], options: { alpha: d.p * 0.999999 } });
    assert.ok(!est(strict.indicators[0].banners[0].columns[d.difference > 0 ? 0 : 2].cell).letters.includes(d.difference > 0 ? letterOfL : 'A'));
  });

  it('reports a domain without respondent as unavailable, never NaN', () => {
    const n = 50;
    const ds = createDataset([
      categoricalColumn(
        'g',
        Int8Array.from({ length: n }, (_, i) => i % 2),
        ['a', 'b', 'empty'],
      ),
      categoricalColumn(
        'q',
        Int8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        ['no', 'yes'],
      ),
      numericColumn(
        'w',
        Float64Array.from({ length: n }, () => 1),
      ),
    ]);
    const table = computeTableSet({ wave: { dataset: ds, design: { weights: 'w' } }, indicators: [{ id: 'q', column: 'q', yes: [1] }], banners: ['g'] });
    const cells = table.indicators[0].banners[0].columns.map((c) => c.cell);
    assert.equal(cells[2].kind, 'unavailable');
    for (const cell of cells.slice(0, 2)) assert.ok(Number.isFinite(est(cell).se));
    assert.ok(Object.isFrozen(table) && Object.isFrozen(table.indicators[0]) && Object.isFrozen(cells[0]));
  });

  it('tests the trend against an independent previous wave', () => {
    const previous = synthetic(2500, 99);
    const both = computeTableSet({
      wave: { dataset, design: { weights: 'w', strata: 'stratum' }, margins },
      previous: { dataset: previous, design: { weights: 'w', strata: 'stratum' }, margins },
      indicators,
      banners: ['size'],
    });
    const cell = est(both.indicators[0].overall);
    const before = computeTableSet({ wave: { dataset: previous, design: { weights: 'w', strata: 'stratum' }, margins }, indicators, banners: ['size'] });
    const prior = est(before.indicators[0].overall);
    assert.equal(cell.trend?.kind, 'trend');
    if (cell.trend?.kind !== 'trend') return;
    close(cell.trend.difference, cell.estimate - prior.estimate);
    close(cell.trend.se, Math.hypot(cell.se, prior.se));
    assert.equal(cell.trend.significant, cell.trend.p < 0.05);
  });
});
