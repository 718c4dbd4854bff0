import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalColumn, createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { estimateMean } from './mean.js';
import { estimateMultipleResponse } from './multiple-response.js';
import { estimateProportions } from './proportions.js';
import { estimateTotal } from './total.js';
import { seededRandom } from './test-helpers.js';

function data(n: number, seed: number, equalWeights = false) {
  const random = seededRandom(seed);
  return createDataset([
    categoricalColumn(
      'g',
      Array.from({ length: n }, () => Math.floor(random() * 3)),
      ['x', 'y', 'z'],
    ),
    categoricalColumn(
      'q',
      Array.from({ length: n }, () => Math.floor(random() * 5) - 1),
      ['a', 'b', 'c', 'd'],
    ),
    numericColumn(
      'v',
      Array.from({ length: n }, () => (random() < 0.1 ? NaN : random() * 10)),
    ),
    numericColumn(
      'w',
      Array.from({ length: n }, () => (equalWeights ? 2.5 : 0.2 + random() * 5)),
    ),
    numericColumn(
      'opt1',
      Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : random() < 0.4 ? 1 : 0)),
    ),
    numericColumn(
      'opt2',
      Array.from({ length: n }, (_, i) => (i % 7 === 0 ? NaN : random() < 0.7 ? 1 : 0)),
    ),
  ]);
}

describe('estimators', () => {
  it('give proportions of all levels that add up to 1 in every domain', () => {
    const design = createDesign(data(500, 1), { weights: 'w' });
    for (const domain of [null, 'x', 'y', 'z']) {
      const sum = estimateProportions(design, 'q', { by: domain ? 'g' : undefined })
        .filter((e) => e.domain === domain)
        .reduce((s, e) => s + (e.kind === 'proportion' ? e.estimate : NaN), 0);
      assert.ok(Math.abs(sum - 1) < 1e-12, `${domain}: ${sum}`);
    }
  });

  it('with equal weights give the unweighted mean and shares', () => {
    const ds = data(400, 2, true);
    const design = createDesign(ds, { weights: 'w' });
    const v = (ds.columns.get('v') as { values: Float64Array }).values.filter((x) => !Number.isNaN(x));
    const [mean] = estimateMean(design, 'v');
    assert.ok(mean.kind === 'mean');
    assert.ok(Math.abs(mean.estimate - v.reduce((a, b) => a + b, 0) / v.length) < 1e-12);
    assert.equal(mean.n, v.length);
    assert.ok(Math.abs(mean.nEffective - v.length) < 1e-9 * v.length);
    const q = (ds.columns.get('q') as { codes: Int8Array }).codes;
    const answered = q.filter((c) => c >= 0);
    const shareB = answered.filter((c) => c === 1).length / answered.length;
    const b = estimateProportions(design, 'q').find((e) => e.kind === 'proportion' && e.level === 'b');
    assert.ok(b?.kind === 'proportion' && Math.abs(b.estimate - shareB) < 1e-12);
    // a domain of an SRS with replacement (respondents without a value are outside the base, not the sample):
    // se² = N/(N − 1) · p(1 − p)/m with N rows and m in the base, as R's svymean(na.rm = TRUE)
    assert.ok(Math.abs(b.se ** 2 - ((400 / 399) * shareB * (1 - shareB)) / answered.length) < 1e-15);
  });

  it('leaves missing values out of a mean and a total', () => {
    const ds = createDataset([numericColumn('v', [1, NaN, 3]), numericColumn('w', [1, 5, 1])]);
    const design = createDesign(ds, { weights: 'w' });
    const [mean] = estimateMean(design, 'v');
    const [total] = estimateTotal(design, 'v');
    assert.ok(mean.kind === 'mean' && total.kind === 'total');
    assert.equal(mean.estimate, 2);
    assert.equal(total.estimate, 4);
  });

  it('reports a domain without respondent as unavailable, never NaN', () => {
    const ds = createDataset([categoricalColumn('g', [0, 0, 1, 1], ['a', 'b', 'empty']), numericColumn('v', [1, 2, 3, 4]), numericColumn('w', [1, 1, 1, 1])]);
    const design = createDesign(ds, { weights: 'w' });
    const results = estimateMean(design, 'v', { by: 'g' });
    assert.equal(results[2].kind, 'unavailable');
    assert.equal(results[2].domain, 'empty');
  });

  it('computes multiple-response shares among those who answered the question', () => {
    const ds = data(300, 3, true);
    const design = createDesign(ds, { weights: 'w' });
    const [first] = estimateMultipleResponse(design, ['opt1', 'opt2']);
    const opt1 = (ds.columns.get('opt1') as { values: Float64Array }).values;
    const answered = opt1.filter((x) => !Number.isNaN(x));
    assert.ok(first.kind === 'proportion');
    assert.equal(first.n, answered.length);
    assert.ok(Math.abs(first.estimate - answered.filter((x) => x > 0).length / answered.length) < 1e-12);
  });
});
