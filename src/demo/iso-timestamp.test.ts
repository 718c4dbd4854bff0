import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIsoTimestamp } from './iso-timestamp.js';
import { createPrng } from './prng.js';

describe('createIsoTimestamp', () => {
  it('formats like Date#toISOString across days, years and the edges of a day', () => {
    const iso = createIsoTimestamp();
    const prng = createPrng(1, 'iso');
    const edges = [0, 1, 999, 1000, 86_399_999, 86_400_000, Date.UTC(2016, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
    const random = Array.from({ length: 20_000 }, () => Math.floor(prng.next() * Date.UTC(2100, 0, 1)));
    // runs of the same day, then jumps back and forth, as the demo's fieldwork does
    const sameDays = Array.from({ length: 2_000 }, (_, i) => Date.UTC(2015, 2, 9 + (i % 3)) + Math.floor(prng.next() * 86_400_000));
    for (const ms of [...edges, ...random, ...sameDays]) assert.equal(iso(ms), new Date(ms).toISOString(), String(ms));
  });

  it('falls back to Date for negative, fractional and out-of-range times', () => {
    const iso = createIsoTimestamp();
    for (const ms of [-1, -86_400_001, 1.5, Date.UTC(10000, 0, 1)]) assert.equal(iso(ms), new Date(ms).toISOString());
  });
});
