import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalColumn, createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { ciprop } from './ciprop.js';
import { computeTableSet } from './compute-table-set.js';
import { estimateMean } from './mean.js';
import { estimateProportions } from './proportions.js';
import { proportionInterval } from './proportion-interval.js';

describe('proportions at 0 or 1', () => {
  it('give the Clopper-Pearson interval on the unweighted base, whatever the method, never a zero width', () => {
    for (const method of ['logit', 'beta', 'asin', 'wald'] as const) {
      const [lo0, hi0] = proportionInterval(0, 0, { method, df: 19, rows: 20, base: 20 });
      assert.equal(lo0, 0);
      assert.ok(Math.abs(hi0 - (1 - 0.025 ** (1 / 20))) < 1e-15, `${method}: ${hi0}`);
      const [lo1, hi1] = proportionInterval(1, 0, { method, df: 19, rows: 20, base: 20 });
      assert.ok(Math.abs(lo1 - 0.025 ** (1 / 20)) < 1e-15);
      assert.equal(hi1, 1);
    }
    // R: binom.test(0, 20)$conf.int = [0, 0.1684335]
    assert.ok(Math.abs(proportionInterval(0, 0, { df: 10, base: 20 })[1] - 0.168433470983085) < 1e-12);
  });
  it('refuse to return [p, p] when no base is given', () => {
    assert.throws(() => proportionInterval(1, 0, { df: 10 }), /no unweighted base/);
  });
  it('are marked in ciprop and in the table set, with no design effect', () => {
    const n = 12;
    const ds = createDataset([
      numericColumn(
        'w',
        Float64Array.from({ length: n }, (_, i) => 1 + (i % 3)),
      ),
      categoricalColumn('all', new Int8Array(n).fill(1), ['non', 'oui']),
      categoricalColumn(
        'g',
        Int8Array.from({ length: n }, (_, i) => i % 2),
        ['a', 'b'],
      ),
      numericColumn('constant', new Float64Array(n).fill(0.1 + 0.2)),
    ]);
    const design = createDesign(ds, { weights: 'w' });
    const ci = ciprop(design, 'all', 'oui', { method: 'logit' });
    assert.equal(ci.estimate, 1);
    assert.equal(ci.interval, 'clopper-pearson');
    assert.ok(ci.lower < 1 && ci.upper === 1);
    const [yes] = estimateProportions(design, 'all', { deff: true }).filter((r) => r.kind === 'proportion' && r.level === 'oui');
    assert.ok(yes.kind === 'proportion');
    assert.equal(yes.deff, null);
    const [mean] = estimateMean(design, 'constant', { deff: true });
    assert.ok(mean.kind === 'mean');
    assert.equal(mean.deff, null, 'a constant has no design effect (it was 0.78 from rounding)');
    const set = computeTableSet({
      wave: design,
      banners: ['g'],
      indicators: [
        { id: 'all', column: 'all', yes: [1] },
        { id: 'none', column: 'all', yes: [0] },
        { id: 'c', column: 'constant', kind: 'mean' },
      ],
    });
    for (const table of set.indicators) {
      const cells = [table.overall, ...table.banners[0].columns.map((c) => c.cell)];
      for (const cell of cells) {
        assert.ok(cell.kind === 'estimate');
        assert.equal(cell.deff, null, `${table.id}: deff ${cell.deff}`);
        if (table.id !== 'c') {
          assert.equal(cell.ciMethod, 'clopper-pearson');
          assert.ok(cell.ci[1] - cell.ci[0] > 0.1, `${table.id}: width ${cell.ci[1] - cell.ci[0]}`);
        }
      }
    }
  });
});
