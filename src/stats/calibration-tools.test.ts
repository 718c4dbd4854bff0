import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { columnLetters } from './column-letters.js';
import { trimWeights } from './trim.js';
import { weightDiagnostics } from './weight-diagnostics.js';
import { waveDifference } from './wave-difference.js';
import { StatsError } from './stats-error.js';

describe('trimWeights', () => {
  it('holds weights within bounds and keeps their total', () => {
    const weights = Float64Array.of(1, 1, 1, 1, 2, 3, 10, 20);
    const result = trimWeights(weights, { lower: 0.8, upper: 6 });
    const total = result.weights.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 39) < 1e-12);
    for (const w of result.weights) assert.ok(w >= 0.8 - 1e-12 && w <= 6 + 1e-12, String(w));
    assert.equal(result.trimmed, 2 + result.weights.filter((w, i) => w === 6 && weights[i] < 6).length);
  });
  it('refuses bounds that cannot hold the total', () => {
    assert.throws(
      () => trimWeights(Float64Array.of(1, 9), { upper: 4 }),
      (e: unknown) => e instanceof StatsError && e.code === 'INVALID_ARGUMENT',
    );
  });
});

describe('weightDiagnostics', () => {
  it('computes the Kish design effect, effective size and efficiency', () => {
    const d = weightDiagnostics(Float64Array.of(1, 1, 2));
    assert.equal(d.kishDeff, (3 * 6) / 16);
    assert.equal(d.effectiveSampleSize, 16 / 6);
    assert.ok(Math.abs(d.efficiency - 16 / 18) < 1e-15);
    assert.equal(weightDiagnostics(Float64Array.of(3, 3, 3)).kishDeff, 1);
  });
});

describe('columnLetters', () => {
  const cov = Float64Array.of(1e-4, 0, 0, 0, 1e-4, 0, 0, 0, 1e-4);
  it('gives a column the letters of the columns it significantly exceeds', () => {
    assert.deepEqual(columnLetters([0.6, 0.5, 0.59], cov), ['B', '', 'B']);
    assert.deepEqual(columnLetters([0.6, null, 0.5], cov), ['C', '', '']);
  });
  it('takes the covariance of the columns into account', () => {
    // a positive covariance shrinks the variance of the difference: 0.52 vs 0.5 becomes significant
    const correlated = Float64Array.of(1e-4, 0.9e-4, 0.9e-4, 1e-4);
    assert.deepEqual(columnLetters([0.52, 0.5], Float64Array.of(1e-4, 0, 0, 1e-4)), ['', '']);
    assert.deepEqual(columnLetters([0.52, 0.5], correlated), ['B', '']);
  });
  it('applies Bonferroni and Holm corrections', () => {
    // p of A vs B ≈ 0.0253, A vs C ≈ 0.0005: only the second survives Bonferroni over 3 pairs
    const estimates = [0.6, 0.5684, 0.55];
    assert.deepEqual(columnLetters(estimates, cov), ['BC', '', '']);
    assert.deepEqual(columnLetters(estimates, cov, { correction: 'bonferroni' }), ['C', '', '']);
    assert.deepEqual(columnLetters(estimates, cov, { correction: 'holm' }), ['C', '', '']);
    assert.deepEqual(columnLetters(estimates, cov, { alpha: 0.1, correction: 'holm' }), ['BC', '', '']);
  });
});

describe('waveDifference', () => {
  it('tests the change between independent waves', () => {
    // se = √(0.03² + 0.04²) = 0.05 and z = 1.959963984540054: p = 0.05
    const d = waveDifference({ estimate: 0.5 + 1.959963984540054 * 0.05, se: 0.03 }, { estimate: 0.5, se: 0.04 });
    assert.ok(Math.abs(d.se - 0.05) < 1e-15);
    assert.ok(Math.abs(d.p - 0.05) < 1e-12);
    const larger = waveDifference({ estimate: 0.62, se: 0.012 }, { estimate: 0.58, se: 0.013 });
    assert.equal(larger.significant, true);
    assert.ok(larger.p < 0.05 && larger.p > 0.01);
  });
});
