import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalColumn, createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { estimateMean } from './mean.js';
import { StatsError } from './stats-error.js';
import { surveyGlm } from './survey-glm.js';
import { seededRandom } from './test-helpers.js';

function sample(n: number, seed: number) {
  const random = seededRandom(seed);
  const x = Array.from({ length: n }, () => random() * 4);
  const g = Array.from({ length: n }, () => Math.floor(random() * 3));
  return createDataset([
    numericColumn('x', x),
    categoricalColumn('g', g, ['a', 'b', 'c']),
    numericColumn(
      'y',
      x.map((v, i) => 2 + 0.5 * v + g[i] + random()),
    ),
    numericColumn(
      'exact',
      x.map((v) => 2 + 3 * v),
    ),
    numericColumn(
      'yes',
      x.map((v) => (random() < 1 / (1 + Math.exp(1 - 0.6 * v)) ? 1 : 0)),
    ),
    numericColumn(
      'w',
      Array.from({ length: n }, () => 0.5 + 2 * random()),
    ),
    numericColumn(
      'twice',
      x.map((v) => 2 * v),
    ),
  ]);
}
const isCode = (code: string) => (e: unknown) => e instanceof StatsError && e.code === code;

describe('surveyGlm', () => {
  const design = createDesign(sample(300, 1), { weights: 'w' });
  it('with the intercept alone, is the weighted mean with its standard error', () => {
    const [mean] = estimateMean(design, 'y');
    assert.ok(mean.kind === 'mean');
    const [intercept] = surveyGlm(design, { family: 'gaussian', response: 'y' }).coefficients;
    assert.ok(Math.abs(intercept.estimate - mean.estimate) < 1e-12 * mean.estimate);
    assert.ok(Math.abs(intercept.se - mean.se) < 1e-9 * mean.se);
  });
  it('as a logistic model with the intercept alone, is the logit of the share, se(p)/(p(1 − p))', () => {
    const [share] = estimateMean(design, 'yes');
    assert.ok(share.kind === 'mean');
    const [intercept] = surveyGlm(design, { family: 'quasibinomial', response: 'yes' }).coefficients;
    const p = share.estimate;
    assert.ok(Math.abs(intercept.estimate - Math.log(p / (1 - p))) < 1e-12);
    assert.ok(Math.abs(intercept.se - share.se / (p * (1 - p))) < 1e-9 * intercept.se);
  });
  it('recovers an exact linear relation with no error, and names factor dummies as R does', () => {
    const fit = surveyGlm(design, { family: 'gaussian', response: 'exact', predictors: ['x'], factors: ['g'] });
    assert.deepEqual(
      fit.coefficients.map((c) => c.name),
      ['(Intercept)', 'x', 'gb', 'gc'],
    );
    const [a, b, gb, gc] = fit.coefficients;
    assert.ok(Math.abs(a.estimate - 2) < 1e-10 && Math.abs(b.estimate - 3) < 1e-10 && Math.abs(gb.estimate) < 1e-10 && Math.abs(gc.estimate) < 1e-10);
    assert.ok(b.se < 1e-9);
    assert.equal(fit.df, 300 - 1 + 1 - 4);
  });
  it('gives the same logistic and binomial fits', () => {
    const a = surveyGlm(design, { family: 'quasibinomial', response: 'yes', predictors: ['x'] });
    const b = surveyGlm(design, { family: 'binomial', response: 'yes', predictors: ['x'] });
    assert.deepEqual(a.coefficients, b.coefficients);
    assert.ok(a.coefficients[1].estimate > 0);
  });
  it('gives coefficients in the unit of a predictor, however large its values', () => {
    const ds = sample(200, 6);
    const x = ds.columns.get('x') as { values: Float64Array };
    const big = createDataset([
      ...ds.columns.values(),
      numericColumn(
        'euros',
        Array.from(x.values, (v) => v * 1e7 + 3e8),
      ),
    ]);
    const design = createDesign(big, { weights: 'w' });
    const small = surveyGlm(design, { family: 'gaussian', response: 'y', predictors: ['x'] }).coefficients[1];
    const large = surveyGlm(design, { family: 'gaussian', response: 'y', predictors: ['euros'] }).coefficients[1];
    assert.ok(Math.abs(large.estimate * 1e7 - small.estimate) < 1e-8 * Math.abs(small.estimate));
    assert.ok(Math.abs(large.se * 1e7 - small.se) < 1e-8 * small.se);
  });
  it('does not depend on the order of the rows', () => {
    const ds = sample(200, 5);
    const order = Array.from({ length: 200 }, (_, i) => (i * 37) % 200);
    const permuted = createDataset(
      [...ds.columns.values()].map((c) =>
        c.kind === 'numeric'
          ? numericColumn(
              c.name,
              order.map((i) => c.values[i]),
            )
          : categoricalColumn(
              c.name,
              order.map((i) => c.codes[i]),
              c.levels,
            ),
      ),
    );
    const spec = { family: 'quasibinomial', response: 'yes', predictors: ['x'], factors: ['g'] } as const;
    const a = surveyGlm(createDesign(ds, { weights: 'w' }), spec).coefficients;
    const b = surveyGlm(createDesign(permuted, { weights: 'w' }), spec).coefficients;
    a.forEach((c, j) => {
      assert.ok(Math.abs(c.estimate - b[j].estimate) < 1e-10 * Math.max(1, Math.abs(c.estimate)));
      assert.ok(Math.abs(c.se - b[j].se) < 1e-10 * c.se);
    });
  });
  it('refuses collinear predictors, a response outside [0, 1] for the logistic model, and a separated response', () => {
    assert.throws(() => surveyGlm(design, { family: 'gaussian', response: 'y', predictors: ['x', 'twice'] }), isCode('SINGULAR_MATRIX'));
    assert.throws(() => surveyGlm(design, { family: 'quasibinomial', response: 'y', predictors: ['x'] }), isCode('INVALID_ARGUMENT'));
    const separated = createDataset([numericColumn('x', [1, 2, 3, 4, 5, 6]), numericColumn('yes', [0, 0, 0, 1, 1, 1]), numericColumn('w', [1, 1, 1, 1, 1, 1])]);
    assert.throws(() => surveyGlm(createDesign(separated, { weights: 'w' }), { family: 'quasibinomial', response: 'yes', predictors: ['x'] }), isCode('NOT_CONVERGED'));
  });
});
