import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalColumn, createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { poststratify } from './poststratify.js';
import { estimateMean } from './mean.js';
import { estimateProportions } from './proportions.js';
import { rake, type Margin } from './rake.js';
import { StatsError } from './stats-error.js';
import { seededRandom } from './test-helpers.js';

function sample(n: number, seed: number, order?: Int32Array) {
  const random = seededRandom(seed);
  const rows = Array.from({ length: n }, () => ({
    a: Math.floor(random() * 3),
    b: Math.floor(random() * 4),
    w: 0.5 + random() * 3,
    y: random() * 100,
    q: Math.floor(random() * 3) - (random() < 0.1 ? 1 : 0),
  }));
  const ordered = order ? Array.from(order, (i) => rows[i]) : rows;
  return createDataset([
    categoricalColumn(
      'a',
      ordered.map((r) => r.a),
      ['a0', 'a1', 'a2'],
    ),
    categoricalColumn(
      'b',
      ordered.map((r) => r.b),
      ['b0', 'b1', 'b2', 'b3'],
    ),
    categoricalColumn(
      'q',
      ordered.map((r) => Math.max(-1, r.q)),
      ['no', 'maybe', 'yes'],
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
const margins: Margin[] = [
  { variable: 'a', population: { a0: 500, a1: 300, a2: 200 } },
  { variable: 'b', population: { b0: 100, b1: 200, b2: 300, b3: 400 } },
];
const expectCode = (code: string) => (error: unknown) => error instanceof StatsError && error.code === code;

describe('rake', () => {
  it('makes the weights add up to every margin population', () => {
    const ds = sample(400, 1);
    const result = rake(createDesign(ds, { weights: 'w' }), margins, { tolerance: 1e-12 });
    assert.equal(result.converged, true);
    assert.ok(result.maxDeviation <= 1e-12);
    for (const margin of margins) {
      const column = ds.columns.get(margin.variable);
      assert.ok(column?.kind === 'categorical');
      const totals = new Float64Array(column.levels.length);
      column.codes.forEach((c, i) => {
        totals[c] += result.weights[i];
      });
      column.levels.forEach((level, l) => assert.ok(Math.abs(totals[l] - margin.population[level]) <= 1e-9 * margin.population[level], `${level}: ${totals[l]}`));
    }
  });

  it('on one margin equals post-stratification, weights and standard errors', () => {
    const design = createDesign(sample(300, 2), { weights: 'w' });
    const raked = rake(design, [margins[0]]);
    const post = poststratify(design, margins[0]);
    raked.weights.forEach((w, i) => assert.ok(Math.abs(w - post.weights[i]) <= 1e-12 * w));
    const [m1] = estimateMean(raked.design, 'y');
    const [m2] = estimateMean(post.design, 'y');
    assert.ok(m1.kind === 'mean' && m2.kind === 'mean');
    assert.ok(Math.abs(m1.se - m2.se) <= 1e-10 * m2.se);
  });

  it('does not depend on the order of the rows', () => {
    const n = 250;
    const random = seededRandom(3);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const results = [sample(n, 4), sample(n, 4, order)].map((ds) => {
      const design = rake(createDesign(ds, { weights: 'w' }), margins).design;
      return [...estimateMean(design, 'y', { by: 'a' }), ...estimateProportions(design, 'q', { by: 'b' })];
    });
    results[0].forEach((r, i) => {
      const s = results[1][i];
      assert.ok(r.kind !== 'unavailable' && s.kind !== 'unavailable');
      assert.ok(Math.abs(r.estimate - s.estimate) <= 1e-10 * Math.abs(r.estimate));
      assert.ok(Math.abs(r.se - s.se) <= 1e-9 * r.se);
    });
  });

  it('throws EMPTY_MARGIN_LEVEL naming the margin and the level without respondent', () => {
    const ds = createDataset([categoricalColumn('size', [0, 0, 1, 1], ['PME', 'ETI', 'GE']), numericColumn('w', [1, 1, 1, 1])]);
    assert.throws(
      () => rake(createDesign(ds, { weights: 'w' }), [{ variable: 'size', population: { PME: 10, ETI: 5, GE: 1 } }]),
      (e: unknown) => expectCode('EMPTY_MARGIN_LEVEL')(e) && /rake: margin "size" has no respondent in level "GE"/.test((e as Error).message),
    );
  });

  it('throws ZERO_POPULATION for a margin totalling 0', () => {
    const design = createDesign(sample(50, 5), { weights: 'w' });
    assert.throws(() => rake(design, [{ variable: 'a', population: { a0: 0, a1: 0, a2: 0 } }]), expectCode('ZERO_POPULATION'));
  });

  it('throws NOT_CONVERGED when the margins cannot be met, or reports it when allowed', () => {
    // only the cells (x0, y0) and (x1, y1) are observed: the x and y margins cannot both hold
    const ds = createDataset([categoricalColumn('x', [0, 0, 1, 1], ['x0', 'x1']), categoricalColumn('y', [0, 0, 1, 1], ['y0', 'y1']), numericColumn('w', [1, 1, 1, 1])]);
    const bad: Margin[] = [
      { variable: 'x', population: { x0: 60, x1: 40 } },
      { variable: 'y', population: { y0: 50, y1: 50 } },
    ];
    assert.throws(() => rake(createDesign(ds, { weights: 'w' }), bad, { maxIterations: 50 }), expectCode('NOT_CONVERGED'));
    const result = rake(createDesign(ds, { weights: 'w' }), bad, { maxIterations: 50, allowNonConvergence: true });
    assert.equal(result.converged, false);
    assert.equal(result.iterations, 50);
    assert.ok(result.maxDeviation > 0.01);
  });

  it('throws INCONSISTENT_MARGINS when margins total differently', () => {
    const design = createDesign(sample(50, 6), { weights: 'w' });
    assert.throws(() => rake(design, [margins[0], { variable: 'b', population: { b0: 1, b1: 1, b2: 1, b3: 1 } }]), expectCode('INCONSISTENT_MARGINS'));
  });
});

describe('createDesign', () => {
  it('rejects negative, missing and all-zero weights, naming the 1-based row', () => {
    for (const [weights, code, row] of [
      [[1, -2, 2], 'NEGATIVE_WEIGHT', 2],
      [[1, 2, NaN], 'MISSING_VALUE', 3],
      [[0, 0, 0], 'EMPTY_SAMPLE', null],
    ] as const) {
      const ds = createDataset([numericColumn('w', [...weights])]);
      assert.throws(
        () => createDesign(ds, { weights: 'w' }),
        (e: unknown) => expectCode(code)(e) && (row === null || (new RegExp(`at row ${row}\\b`).test((e as Error).message) && (e as { row?: number }).row === row - 1)),
      );
    }
  });

  it('accepts zero weights: the rows stay units of the variance but leave the degrees of freedom and the bases', () => {
    const ds = createDataset([numericColumn('w', [1, 0, 2, 0, 1]), numericColumn('y', [1, 5, 3, 7, 2])]);
    const design = createDesign(ds, { weights: 'w' });
    assert.equal(design.degreesOfFreedom, 3 - 1);
    assert.equal(design.nPsu, 5);
    const [mean] = estimateMean(design, 'y');
    assert.ok(mean.kind === 'mean');
    assert.equal(mean.estimate, (1 + 6 + 2) / 4);
    assert.equal(mean.n, 3);
  });

  it('rejects a stratum with a single cluster unless asked to treat it as certain', () => {
    const ds = createDataset([
      categoricalColumn('h', [0, 0, 0, 1, 1], ['h0', 'h1']),
      numericColumn('psu', [1, 2, 3, 4, 4]),
      numericColumn('w', [1, 1, 1, 1, 1]),
      numericColumn('y', [1, 2, 3, 4, 5]),
    ]);
    assert.throws(
      () => createDesign(ds, { weights: 'w', strata: 'h', clusters: 'psu' }),
      (e: unknown) => expectCode('LONELY_PSU')(e) && /"h1"/.test((e as Error).message),
    );
    const design = createDesign(ds, { weights: 'w', strata: 'h', clusters: 'psu', lonelyPsu: 'certainty' });
    assert.equal(design.degreesOfFreedom, 4 - 2);
  });

  it('names an unknown column', () => {
    const ds = createDataset([numericColumn('w', [1, 2])]);
    assert.throws(
      () => createDesign(ds, { weights: 'weight' }),
      (e: unknown) => expectCode('UNKNOWN_COLUMN')(e) && /"weight"/.test((e as Error).message),
    );
  });
});

describe('calibrateMargins', () => {
  it('meets every margin; logit keeps each weight ratio inside its bounds, linear does not need to', async () => {
    const { calibrateMargins } = await import('./calibrate.js');
    const random = seededRandom(11);
    const n = 400;
    const a = Int8Array.from({ length: n }, () => (random() < 0.7 ? 0 : 1));
    const b = Int8Array.from({ length: n }, () => (random() < 0.5 ? 0 : random() < 0.5 ? 1 : 2));
    const ds = createDataset([categoricalColumn('a', a, ['a0', 'a1']), categoricalColumn('b', b, ['b0', 'b1', 'b2']), numericColumn('w', new Float64Array(n).fill(10))]);
    const margins: Margin[] = [
      { variable: 'a', population: { a0: 2000, a1: 2000 } },
      { variable: 'b', population: { b0: 1500, b1: 1500, b2: 1000 } },
    ];
    const design = createDesign(ds, { weights: 'w' });
    for (const method of ['linear', 'logit'] as const) {
      const result = calibrateMargins(design, margins, { method, bounds: method === 'logit' ? [0.3, 3] : undefined });
      assert.ok(result.converged);
      const totals = { a0: 0, a1: 0, b0: 0, b1: 0, b2: 0 } as Record<string, number>;
      for (let i = 0; i < n; i++) {
        totals[`a${a[i]}`] += result.weights[i];
        totals[`b${b[i]}`] += result.weights[i];
      }
      for (const m of margins) for (const [level, target] of Object.entries(m.population)) assert.ok(Math.abs(totals[level] - target) < 1e-8, `${method} ${level}`);
      const ratios = Array.from(result.weights, (w) => w / 10);
      if (method === 'logit') assert.ok(Math.min(...ratios) > 0.3 && Math.max(...ratios) < 3, `${Math.min(...ratios)} ${Math.max(...ratios)}`);
    }
    assert.throws(() => calibrateMargins(design, margins, { method: 'logit', bounds: [1.2, 2] }), /L < 1 < U/);
    // a1 needs a ratio of about 1.67: bounds of 1.5 cannot meet the margin, and say so
    assert.throws(() => calibrateMargins(design, margins, { method: 'logit', bounds: [0.6, 1.5] }), expectCode('NOT_CONVERGED'));
  });
});
