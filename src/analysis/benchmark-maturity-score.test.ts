import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreDimension } from './benchmark-maturity-score.js';
import { populationMaturity } from './benchmark-population-maturity.js';

const DIMENSION = {
  scoring: [
    {
      variable: 'a',
      scores: [
        { code: 1, score: 1 },
        { code: 2, score: 0 },
      ],
    },
    {
      variable: 'b',
      scores: [
        { code: 1, score: 0.25 },
        { code: 2, score: 0.75 },
      ],
    },
  ],
};

describe('scoreDimension', () => {
  it('is the mean score of the answered variables, times 100', () => {
    assert.equal(
      scoreDimension(DIMENSION, (v) => (v === 'a' ? 1 : 2)),
      87.5,
    );
    assert.equal(
      scoreDimension(DIMENSION, (v) => (v === 'a' ? 2 : 1)),
      12.5,
    );
  });

  it('leaves out variables not answered or answered with an unscored code (don’t know)', () => {
    assert.equal(
      scoreDimension(DIMENSION, (v) => (v === 'a' ? 1 : -1)),
      100,
    );
    assert.equal(
      scoreDimension(DIMENSION, (v) => (v === 'a' ? 9 : 2)),
      75,
    );
  });

  it('is NaN when nothing is scored', () => {
    assert.ok(Number.isNaN(scoreDimension(DIMENSION, () => -1)));
  });
});

describe('populationMaturity', () => {
  const columns = (weights: number[]) => ({
    n: 4,
    categories: new Map([
      ['a', Int16Array.from([1, 2, 1, -1])],
      ['b', Int16Array.from([1, 2, 2, -1])],
    ]),
    weights: Float64Array.from(weights),
  });

  it('gives the plain mean of the respondents’ scores with equal weights, leaving out the unscored', () => {
    // scores: 62.5, 37.5, 87.5, NaN
    assert.equal(populationMaturity([DIMENSION], columns([1, 1, 1, 1]))[0], (62.5 + 37.5 + 87.5) / 3);
  });

  it('weights each respondent by their weight, and does not change when all weights are scaled', () => {
    const [weighted] = populationMaturity([DIMENSION], columns([2, 1, 1, 5]));
    assert.equal(weighted, (2 * 62.5 + 37.5 + 87.5) / 4);
    assert.equal(populationMaturity([DIMENSION], columns([20, 10, 10, 50]))[0], weighted);
  });

  it('keeps only the rows asked for (companies of one size)', () => {
    assert.equal(populationMaturity([DIMENSION], columns([1, 1, 1, 1]), (row) => row === 1)[0], 37.5);
    assert.ok(Number.isNaN(populationMaturity([DIMENSION], columns([1, 1, 1, 1]), (row) => row === 3)[0]));
  });
});
