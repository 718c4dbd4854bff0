import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BenchmarkSource } from '../../analysis/benchmark-source.js';
import type { IndicatorResult, WaveResults } from '../../analysis/wave-results-types.js';
import type { MaturityDimension } from '../../study/index.js';
import { benchmarkModel, pickRecommendations } from './benchmark-model.js';

const L = (fr: string, en = fr) => ({ fr, en });
const dimension = (id: string, recommendations: number): MaturityDimension => ({
  id,
  label: L(id),
  definition: L(`${id} def`),
  scoring: [{ variable: id, scores: [{ code: 1, score: 1 }] }],
  recommendations: Array.from({ length: recommendations }, (_, k) => L(`${id} rec ${k + 1}`)),
});

describe('pickRecommendations', () => {
  it('takes two recommendations from each of the two weakest dimensions', () => {
    const dims = [dimension('a', 2), dimension('b', 3), dimension('c', 2)];
    const picked = pickRecommendations(dims, [80, 10, 40]);
    assert.deepEqual(
      picked.map((p) => p.text.fr),
      ['b rec 1', 'b rec 2', 'c rec 1', 'c rec 2'],
    );
  });

  it('always gives two to four, unscored dimensions last', () => {
    const dims = [dimension('a', 2), dimension('b', 2), dimension('c', 2)];
    for (const scores of [
      [NaN, NaN, NaN],
      [0, 0, 0],
      [100, NaN, 5],
      [50, 50, 49],
    ]) {
      const picked = pickRecommendations(dims, scores);
      assert.ok(picked.length >= 2 && picked.length <= 4, `${picked.length} for ${scores}`);
    }
    assert.equal(pickRecommendations(dims, [100, NaN, 5])[0].dimension, 'c');
  });
});

describe('benchmarkModel', () => {
  const cut = (code: number, estimate: number, n: number, suppressed = false) => ({
    code,
    letter: String.fromCharCode(64 + code),
    label: L(`size ${code}`),
    n,
    nEffective: n,
    estimate: suppressed ? null : estimate,
    se: 0.01,
    ci: suppressed ? null : ([estimate - 0.05, estimate + 0.05] as const),
    letters: '',
    lowBase: n < 30,
    suppressed,
  });
  const indicator: IndicatorResult = {
    id: 'uses',
    theme: 'adoption',
    group: null,
    label: L('Use'),
    variable: 'uses_social',
    estimate: 0.9,
    se: 0.01,
    ci: [0.85, 0.95],
    n: 500,
    nEffective: 400,
    deff: 1.2,
    trend: null,
    history: [],
    cuts: { size: [cut(1, 0.8, 100), cut(2, 0.95, 8, true)] },
  };
  const results = {
    kind: 'waveResults',
    wave: { code: '2016', title: 'Édition 2016' },
    n: 500,
    themes: [{ id: 'adoption', label: L('Adoption') }],
    banners: [
      {
        id: 'size',
        variable: 'company_size',
        label: L('Size'),
        levels: [
          { code: 1, letter: 'A', label: L('small') },
          { code: 2, letter: 'B', label: L('large') },
        ],
      },
    ],
    indicators: [indicator],
  } as unknown as WaveResults;
  const source = (codes: Record<string, number>): BenchmarkSource => ({
    kind: 'benchmark-source',
    study: { id: 's', title: L('S'), producers: [], languages: ['fr', 'en'] },
    results,
    codes,
    variables: {
      uses_social: {
        levels: [
          { code: 1, label: L('Oui', 'Yes') },
          { code: 2, label: L('Non', 'No') },
        ],
        outOfBase: [],
      },
    },
    yes: { uses: [1] },
    company: null,
    maturity: [dimension('a', 2), dimension('b', 2)],
    peerVariable: 'company_size',
    peerLabel: L('peers of the same band'),
    unit: null,
    scores: { respondent: [20, 90], all: [50, 50], sameSize: [40, 60] },
  });

  it('gives the respondent’s answer with the figures of all companies and of their size', () => {
    const model = benchmarkModel(source({ uses_social: 2, company_size: 1 }));
    const [i] = model.indicators;
    assert.deepEqual(i.answer, L('Non', 'No'));
    assert.equal(i.counted, false);
    assert.equal(i.all.estimate, 0.9);
    assert.equal(i.all.n, 500);
    assert.equal(i.sameSize!.estimate, 0.8);
    assert.equal(i.sameSize!.n, 100);
    assert.deepEqual(model.size, { code: 1, label: L('small') });
    assert.deepEqual(
      model.dimensions.map((d) => [d.id, d.respondent, d.all, d.sameSize]),
      [
        ['a', 20, 50, 40],
        ['b', 90, 50, 60],
      ],
    );
    assert.equal(model.recommendations[0].dimension, 'a');
  });

  it('marks a suppressed size column and an unanswered question', () => {
    const model = benchmarkModel(source({ uses_social: -1, company_size: 2 }));
    assert.equal(model.indicators[0].answer, null);
    assert.equal(model.indicators[0].counted, null);
    assert.equal(model.indicators[0].sameSize!.suppressed, true);
    assert.equal(benchmarkModel(source({ uses_social: 1 })).indicators[0].sameSize, null);
  });
});
