import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareWaves, sortWaves, type WaveSeriesKey } from './waves-repository.js';

const wave = (id: number, opensAt: string | null, seriesOrder: number | null = null, createdAt = '2026-01-01T00:00:00.000Z'): WaveSeriesKey & { code: string } => ({
  id,
  opensAt,
  seriesOrder,
  createdAt,
  code: `w${id}`,
});

describe('compareWaves', () => {
  it('orders by opening date, whatever the codes', () => {
    const [t2, t4, t1] = [wave(1, '2026-04-01T00:00:00.000Z'), wave(2, '2025-10-01T00:00:00.000Z'), wave(3, '2026-01-01T00:00:00.000Z')];
    assert.deepEqual(
      sortWaves([t2, t4, t1]).map((w) => w.id),
      [2, 3, 1],
    );
  });

  it('puts an explicit place in the series first, then dated waves, then undated ones by creation and id', () => {
    const waves = [
      wave(1, null, null, '2026-02-01T00:00:00.000Z'),
      wave(2, '2020-01-01T00:00:00.000Z'),
      wave(3, null, 2),
      wave(4, '2030-01-01T00:00:00.000Z', 1),
      wave(5, null, null, '2026-01-01T00:00:00.000Z'),
      wave(6, null, null, '2026-01-01T00:00:00.000Z'),
    ];
    assert.deepEqual(
      sortWaves(waves).map((w) => w.id),
      [4, 3, 2, 5, 6, 1],
    );
  });

  it('is a total order: antisymmetric, and the same whatever the input order', () => {
    const waves = [wave(1, null, 3), wave(2, '2024-01-01T00:00:00.000Z'), wave(3, null), wave(4, '2024-01-01T00:00:00.000Z'), wave(5, null, 3)];
    for (const a of waves) for (const b of waves) assert.equal(Math.sign(compareWaves(a, b)) + Math.sign(compareWaves(b, a)), 0);
    const sorted = sortWaves(waves).map((w) => w.id);
    assert.deepEqual(
      sortWaves([...waves].reverse()).map((w) => w.id),
      sorted,
    );
  });
});
