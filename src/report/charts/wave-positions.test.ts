import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wavePositions } from './wave-positions.js';

describe('wavePositions', () => {
  it('spaces yearly waves by their years', () => {
    assert.deepEqual(wavePositions(['2015', '2016', '2018']), [2015, 2016, 2018]);
  });

  it('ranks waves whose codes are not all increasing years', () => {
    assert.deepEqual(wavePositions(['T4-2025', 'T1-2026', 'T2-2026']), [1, 2, 3]);
    assert.deepEqual(wavePositions(['2015', 'vague 3']), [1, 2]);
    // a series order that puts a later year first: ranks, never an x axis going backwards
    assert.deepEqual(wavePositions(['2016', '2015']), [1, 2]);
  });
});
