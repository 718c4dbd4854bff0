import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPrng } from './prng.js';

describe('createPrng', () => {
  it('repeats the same sequence for the same seed and stream, and differs across seeds and streams', () => {
    const draw = (seed: number, stream: string) => {
      const p = createPrng(seed, stream);
      return Array.from({ length: 8 }, () => p.next());
    };
    assert.deepEqual(draw(7, 'a'), draw(7, 'a'));
    assert.notDeepEqual(draw(7, 'a'), draw(8, 'a'));
    assert.notDeepEqual(draw(7, 'a'), draw(7, 'b'));
  });

  it('draws uniforms in [0, 1) with the right mean and normals with mean 0 and variance 1', () => {
    const p = createPrng(1);
    let sum = 0,
      sumN = 0,
      sumN2 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = p.next();
      assert.ok(u >= 0 && u < 1);
      sum += u;
      const z = p.normal();
      sumN += z;
      sumN2 += z * z;
    }
    assert.ok(Math.abs(sum / n - 0.5) < 0.005);
    assert.ok(Math.abs(sumN / n) < 0.02);
    assert.ok(Math.abs(sumN2 / n - 1) < 0.02);
  });

  it('picks weighted indices in proportion to their weights', () => {
    const p = createPrng(2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[p.weighted([1, 0, 2])]++;
    assert.equal(counts[1], 0);
    assert.ok(Math.abs(counts[2] / counts[0] - 2) < 0.1);
  });
});
