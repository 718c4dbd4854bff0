import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { estimateMean } from './mean.js';
import { estimateRatio, type RatioEstimate } from './ratio.js';
import { seededRandom } from './test-helpers.js';

function sample(n: number, seed: number) {
  const random = seededRandom(seed);
  return createDataset([
    numericColumn(
      'y',
      Array.from({ length: n }, () => 10 * random()),
    ),
    numericColumn(
      'one',
      Array.from({ length: n }, () => 1),
    ),
    numericColumn(
      'w',
      Array.from({ length: n }, () => 0.5 + random()),
    ),
  ]);
}

describe('estimateRatio', () => {
  it('over a denominator of ones is the mean, with the same standard error', () => {
    const design = createDesign(sample(200, 1), { weights: 'w' });
    const [ratio] = estimateRatio(design, 'y', 'one') as RatioEstimate[];
    const [mean] = estimateMean(design, 'y');
    assert.ok(mean.kind === 'mean');
    assert.ok(Math.abs(ratio.estimate - mean.estimate) < 1e-12 * mean.estimate);
    assert.ok(Math.abs(ratio.se - mean.se) < 1e-12 * mean.se);
  });
  it('of a column to itself is 1 with no error', () => {
    const [ratio] = estimateRatio(createDesign(sample(100, 2), { weights: 'w' }), 'y', 'y') as RatioEstimate[];
    assert.ok(Math.abs(ratio.estimate - 1) < 1e-15);
    assert.ok(ratio.se < 1e-12);
  });
  it('reports a zero denominator as unavailable, never NaN', () => {
    const ds = createDataset([numericColumn('y', [1, 2, 3]), numericColumn('x', [0, 0, 0]), numericColumn('w', [1, 1, 1])]);
    const [r] = estimateRatio(createDesign(ds, { weights: 'w' }), 'y', 'x');
    assert.equal(r.kind, 'unavailable');
  });
});
