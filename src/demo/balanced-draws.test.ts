import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBalancedDraws } from './balanced-draws.js';
import { createPrng } from './prng.js';

describe('createBalancedDraws', () => {
  it('keeps each stratum’s number of yes within one of the sum of probabilities', () => {
    const prng = createPrng(5);
    const draws = createBalancedDraws(prng, 3, 2);
    const sums = new Float64Array(6),
      yes = new Float64Array(6);
    for (let i = 0; i < 5000; i++) {
      const stratum = i % 3,
        item = (i >> 1) % 2,
        p = prng.next() * 0.8;
      sums[stratum * 2 + item] += p;
      if (draws.draw(stratum, item, p)) yes[stratum * 2 + item]++;
    }
    for (let k = 0; k < 6; k++) assert.ok(Math.abs(yes[k] - sums[k]) < 1, `${yes[k]} vs ${sums[k]}`);
  });

  it('makes up for forced outcomes with later draws', () => {
    const draws = createBalancedDraws(createPrng(6), 1, 1);
    let yes = 0;
    for (let i = 0; i < 50; i++) draws.force(0, 0, 0.2, true);
    for (let i = 0; i < 950; i++) if (draws.draw(0, 0, 0.2)) yes++;
    assert.ok(Math.abs(yes + 50 - 200) <= 1, `${yes}`);
  });
});
