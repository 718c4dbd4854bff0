import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { categoricalFromStrings, createDataset, numericColumn } from './dataset.js';
import { createDesign } from './design.js';
import { panelTrend } from './panel-trend.js';
import { StatsError } from './stats-error.js';
import { seededRandom } from './test-helpers.js';

/** Two waves of n respondents each; `shared`: the same people answer both waves (mostly alike), else new ones. */
function panel(n: number, shared: boolean, seed: number) {
  const random = seededRandom(seed);
  const wave: string[] = [],
    id: string[] = [],
    answer: string[] = [],
    weight: number[] = [];
  const first = Array.from({ length: n }, () => random() < 0.4);
  for (const [k, year] of ['2024', '2025'].entries())
    for (let i = 0; i < n; i++) {
      wave.push(year);
      id.push(shared ? `p${i}` : `p${year}-${i}`);
      answer.push((k === 0 ? first[i] : random() < 0.85 ? first[i] || random() < 0.1 : random() < 0.5) ? 'yes' : 'no');
      weight.push(1 + random());
    }
  return createDataset([categoricalFromStrings('wave', wave), categoricalFromStrings('id', id), categoricalFromStrings('answer', answer), numericColumn('w', weight)]);
}

describe('panelTrend', () => {
  it('has no covariance between waves that share no respondent', () => {
    const t = panelTrend(createDesign(panel(300, false, 1), { weights: 'w', clusters: 'id' }), 'answer', 'yes', 'wave', '2024', '2025');
    assert.ok(Math.abs(t.covariance) < 1e-15);
    assert.ok(Math.abs(t.se - Math.hypot(t.from.se, t.to.se)) < 1e-12);
    assert.ok(Math.abs(t.difference - (t.to.estimate - t.from.estimate)) < 1e-15);
  });
  it('takes the covariance of shared respondents: a smaller error than independent waves', () => {
    const t = panelTrend(createDesign(panel(300, true, 2), { weights: 'w', clusters: 'id' }), 'answer', 'yes', 'wave', '2024', '2025');
    assert.ok(t.covariance > 0);
    assert.ok(t.se < 0.8 * Math.hypot(t.from.se, t.to.se));
    assert.ok(Math.abs(t.se ** 2 - (t.from.se ** 2 + t.to.se ** 2 - 2 * t.covariance)) < 1e-15);
  });
  it('is antisymmetric in the order of the waves', () => {
    const design = createDesign(panel(200, true, 3), { weights: 'w', clusters: 'id' });
    const a = panelTrend(design, 'answer', 'yes', 'wave', '2024', '2025');
    const b = panelTrend(design, 'answer', 'yes', 'wave', '2025', '2024');
    assert.ok(Math.abs(a.difference + b.difference) < 1e-15 && Math.abs(a.se - b.se) < 1e-15 && Math.abs(a.p - b.p) < 1e-12);
  });
  it('refuses a design without the respondent as cluster', () => {
    assert.throws(
      () => panelTrend(createDesign(panel(50, true, 4), { weights: 'w' }), 'answer', 'yes', 'wave', '2024', '2025'),
      (e: unknown) => e instanceof StatsError && e.code === 'INVALID_ARGUMENT' && /respondent id as the cluster/.test(e.message),
    );
  });
});
