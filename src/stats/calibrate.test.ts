import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate } from './calibrate.js';
import { categoricalColumn, createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { estimateMean } from './mean.js';
import { estimateTotal } from './total.js';
import { StatsError } from './stats-error.js';
import { seededRandom } from './test-helpers.js';

function sample(n: number, seed: number, order?: readonly number[]) {
  const random = seededRandom(seed);
  const rows = Array.from({ length: n }, () => ({ a: random() < 0.6 ? 0 : 1, x: 1 + Math.floor(random() * 50), w: 5 + random() * 10, y: random() * 100 }));
  const ordered = order ? order.map((i) => rows[i]) : rows;
  return createDataset([
    categoricalColumn(
      'a',
      ordered.map((r) => r.a),
      ['a0', 'a1'],
    ),
    numericColumn(
      'x',
      ordered.map((r) => r.x),
    ),
    numericColumn(
      'w',
      ordered.map((r) => r.w),
    ),
    numericColumn(
      'y',
      ordered.map((r) => r.y),
    ),
  ]);
}
const margins = [{ variable: 'a', population: { a0: 2000, a1: 2000 } }];
const totals = [{ variable: 'x', total: 110_000 }];
const expectCode = (code: string, text?: RegExp) => (error: unknown) => error instanceof StatsError && error.code === code && (!text || text.test(error.message));
const weighted = (values: Float64Array, weights: Float64Array) => values.reduce((s, v, i) => s + v * weights[i], 0);

describe('calibrate', () => {
  const ds = sample(300, 3);
  const design = createDesign(ds, { weights: 'w' });
  const x = (ds.columns.get('x') as { values: Float64Array }).values;
  const a = (ds.columns.get('a') as { codes: Int8Array }).codes;

  it('meets the margins and the numeric totals with every calibration function', () => {
    for (const calfun of ['linear', 'raking', 'logit'] as const) {
      const result = calibrate(design, { margins, totals, calfun, bounds: calfun === 'logit' ? [0.2, 5] : undefined });
      assert.ok(result.converged, calfun);
      assert.ok(Math.abs(weighted(x, result.weights) - 110_000) < 1e-8 * 110_000, `${calfun} total`);
      let a0 = 0;
      for (let i = 0; i < ds.n; i++) if (a[i] === 0) a0 += result.weights[i];
      assert.ok(Math.abs(a0 - 2000) < 1e-8 * 2000, `${calfun} margin`);
      // calibrated on x: the total of x has no sampling error left
      const [total] = estimateTotal(result.design, 'x');
      assert.ok(total.kind !== 'unavailable' && total.se < 1e-6 * total.estimate, `${calfun} se`);
    }
  });

  it('keeps the weight ratios within bounds that bind, for raking and linear', () => {
    const free = calibrate(design, { margins, totals, calfun: 'raking' });
    const freeRatios = free.weights.map((w, i) => w / design.weights[i]);
    const [lo, hi] = [Math.min(...freeRatios), Math.max(...freeRatios)];
    const bounds: [number, number] = [Math.max(0, 1 - (1 - lo) * 0.97), 1 + (hi - 1) * 0.97];
    for (const calfun of ['raking', 'linear'] as const) {
      const result = calibrate(design, { margins, totals, calfun, bounds, allowNonConvergence: true });
      assert.ok(result.converged, `${calfun} ${bounds} ${result.shortfall?.variable}`);
      for (let i = 0; i < ds.n; i++) {
        const g = result.weights[i] / design.weights[i];
        assert.ok(g >= bounds[0] - 1e-12 && g <= bounds[1] + 1e-12, `${calfun} g = ${g}`);
      }
      assert.ok(Math.abs(weighted(x, result.weights) - 110_000) < 1e-8 * 110_000);
    }
  });

  it('refuses bounds no weights can meet, naming the target met worst, or reports it when asked', () => {
    assert.throws(
      () => calibrate(design, { margins, totals, calfun: 'raking', bounds: [0.98, 1.02] }),
      expectCode('NOT_CONVERGED', /(margin "a" level "a[01]"|total "x") cannot be met with weight ratios within \[0\.98, 1\.02\]/),
    );
    const result = calibrate(design, { margins, totals, calfun: 'raking', bounds: [0.98, 1.02], allowNonConvergence: true });
    assert.equal(result.converged, false);
    assert.ok(result.shortfall && Math.abs(result.shortfall.achieved - result.shortfall.target) > 1);
  });

  it('does not depend on the order of the rows', () => {
    const order = Array.from({ length: 300 }, (_, i) => (i * 7) % 300);
    const shuffled = createDesign(sample(300, 3, order), { weights: 'w' });
    const options = { margins, totals, calfun: 'logit' as const, bounds: [0.3, 3] as [number, number] };
    const [m1] = estimateMean(calibrate(design, options).design, 'y');
    const [m2] = estimateMean(calibrate(shuffled, options).design, 'y');
    assert.ok(m1.kind === 'mean' && m2.kind === 'mean');
    assert.ok(Math.abs(m1.estimate - m2.estimate) < 1e-9 * m1.estimate);
    assert.ok(Math.abs(m1.se - m2.se) < 1e-9 * m1.se);
  });

  it('calibrates on a population size and totals alone (an intercept, as R does)', () => {
    const result = calibrate(design, { totals, populationSize: 4000, calfun: 'linear' });
    assert.ok(Math.abs(result.weights.reduce((s, w) => s + w, 0) - 4000) < 1e-8);
    assert.ok(Math.abs(weighted(x, result.weights) - 110_000) < 1e-8 * 110_000);
  });

  it('interprets bounds after R’s rescaling when every total is over 20 times its sample total', () => {
    const small = createDesign(ds, { weights: new Float64Array(ds.n).fill(1) });
    const result = calibrate(small, { margins: [{ variable: 'a', population: { a0: 10000, a1: 10000 } }], calfun: 'raking', bounds: [0.5, 2] });
    // scale = mean of N/Σw (intercept) and N_a1/Σw_a1, both over 20: the weights are that scale times g in [0.5, 2]
    let n1 = 0;
    for (let i = 0; i < ds.n; i++) n1 += a[i];
    const scale = (20000 / ds.n + 10000 / n1) / 2;
    assert.ok(scale > 20);
    for (const w of result.weights) assert.ok(w >= 0.5 * scale - 1e-9 && w <= 2 * scale + 1e-9, `${w} against scale ${scale}`);
    assert.ok(
      result.weights.some((w) => w < 0.9 * scale || w > 1.1 * scale),
      'g moves away from the scale',
    );
  });

  it('refuses what it cannot calibrate on, naming why', () => {
    assert.throws(() => calibrate(design, { calfun: 'linear' }), expectCode('INVALID_ARGUMENT', /no margin, total or population size/));
    assert.throws(() => calibrate(design, { margins, calfun: 'logit' }), expectCode('INVALID_ARGUMENT', /finite bounds/));
    assert.throws(() => calibrate(design, { margins, calfun: 'raking', bounds: [1.1, 2] }), expectCode('INVALID_ARGUMENT', /0 ≤ L < 1 < U/));
    assert.throws(() => calibrate(design, { margins, populationSize: 3999, calfun: 'linear' }), expectCode('INCONSISTENT_MARGINS', /3999/));
    const holes = createDataset([numericColumn('w', [1, 1, 1]), numericColumn('x', [1, Number.NaN, 3])]);
    assert.throws(() => calibrate(createDesign(holes, { weights: 'w' }), { totals, populationSize: 3, calfun: 'linear' }), expectCode('MISSING_VALUE', /"x" is missing at row 2/));
  });
});
