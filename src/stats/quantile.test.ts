import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalColumn, createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { estimateQuantiles, type QuantileEstimate } from './quantile.js';
import { sortedSample, weightedQuantile } from './quantile-rule.js';
import { StatsError } from './stats-error.js';
import { seededRandom } from './test-helpers.js';

function sample(n: number, seed: number, weight: (r: () => number) => number = (r) => 0.5 + 3 * r()) {
  const random = seededRandom(seed);
  return createDataset([
    numericColumn(
      'y',
      Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : Math.round(100 * random()))),
    ),
    categoricalColumn(
      'g',
      Array.from({ length: n }, () => Math.floor(random() * 2)),
      ['a', 'b'],
    ),
    numericColumn(
      'w',
      Array.from({ length: n }, () => weight(random)),
    ),
  ]);
}
const quantiles = (rs: readonly unknown[]) => rs as QuantileEstimate[];

describe('weightedQuantile', () => {
  it('reads the math, school and hf7 rules as R does on equal weights', () => {
    const s = sortedSample([4, 2, 3, 1], [1, 1, 1, 1]);
    assert.equal(weightedQuantile(s, 0.5, 'math'), 2); // the share reaches 0.5 exactly at 2
    assert.equal(weightedQuantile(s, 0.5, 'school'), 2.5);
    assert.equal(weightedQuantile(s, 0.6, 'math'), 3);
    assert.equal(weightedQuantile(s, 0, 'math'), 2); // R's qrule_math(x, w, 0) is the second value too
    assert.equal(weightedQuantile(s, 1, 'math'), 4);
    // hf7 with equal weights is R's quantile(type = 7): 1 + 0.3·4 = 2.2 on 1..5
    assert.ok(Math.abs(weightedQuantile(sortedSample([1, 2, 3, 4, 5], [2, 2, 2, 2, 2]), 0.3, 'hf7') - 2.2) < 1e-15);
  });
  it('leaves zero weights and missing values out', () => {
    const s = sortedSample([100, 1, 2, Number.NaN, 3], [0, 1, 1, 5, 1]);
    assert.deepEqual([...s.values], [1, 2, 3]);
    assert.equal(weightedQuantile(s, 1, 'math'), 3);
  });
  it('follows the weights: a heavy value is the median', () => {
    assert.equal(weightedQuantile(sortedSample([1, 2, 3], [1, 10, 1]), 0.5, 'math'), 2);
  });
});

describe('estimateQuantiles', () => {
  it('gives an interval around the estimate, wider at a higher confidence level', () => {
    const design = createDesign(sample(400, 1), { weights: 'w' });
    const [q95] = quantiles(estimateQuantiles(design, 'y', [0.5]));
    const [q99] = quantiles(estimateQuantiles(design, 'y', [0.5], { conf: 0.99 }));
    assert.ok(q95.lower <= q95.estimate && q95.estimate <= q95.upper && q95.se > 0);
    assert.ok(q99.lower <= q95.lower && q99.upper >= q95.upper);
    assert.equal(q95.n, 400 - Math.ceil(400 / 11));
  });
  it('does not change when the weights are scaled', () => {
    const a = quantiles(estimateQuantiles(createDesign(sample(300, 2), { weights: 'w' }), 'y', [0.25, 0.5, 0.9], { by: 'g' }));
    const ds = sample(300, 2);
    const scaled = createDataset(
      [...ds.columns.values()].map((c) =>
        c.name === 'w' && c.kind === 'numeric'
          ? numericColumn(
              'w',
              c.values.map((v) => v * 7),
            )
          : c,
      ),
    );
    const b = quantiles(estimateQuantiles(createDesign(scaled, { weights: 'w' }), 'y', [0.25, 0.5, 0.9], { by: 'g' }));
    a.forEach((q, i) => {
      assert.equal(q.estimate, b[i].estimate);
      assert.ok(Math.abs(q.se - b[i].se) < 1e-9 * q.se);
    });
  });
  it('by domain, estimates the quantile of the domain alone', () => {
    const ds = sample(300, 3);
    const design = createDesign(ds, { weights: 'w' });
    const byDomain = quantiles(estimateQuantiles(design, 'y', [0.5], { by: 'g' }));
    const y = (ds.columns.get('y') as { values: Float64Array }).values;
    const g = (ds.columns.get('g') as { codes: Int8Array }).codes;
    const w = (ds.columns.get('w') as { values: Float64Array }).values;
    for (const [level, q] of byDomain.entries()) {
      const keep = w.map((v, i) => (g[i] === level ? v : 0));
      assert.equal(q.estimate, weightedQuantile(sortedSample(y, keep), 0.5, 'math'));
    }
  });
  it('refuses a probability outside [0, 1]', () => {
    const design = createDesign(sample(50, 4), { weights: 'w' });
    assert.throws(
      () => estimateQuantiles(design, 'y', [50]),
      (e: unknown) => e instanceof StatsError && e.code === 'INVALID_ARGUMENT',
    );
  });
});
