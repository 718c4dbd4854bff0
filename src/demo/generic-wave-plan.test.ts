import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { genericWavePlan } from './generic-wave-plan.js';
import { waveCodePeriod } from './wave-code-dates.js';

describe('waveCodePeriod', () => {
  it('reads quarters, months and years in the usual spellings', () => {
    const start = (code: string) => waveCodePeriod(code)?.start.toISOString().slice(0, 10);
    assert.equal(start('T3-2025'), '2025-07-01');
    assert.equal(start('Q4-2025'), '2025-10-01');
    assert.equal(start('2026-Q1'), '2026-01-01');
    assert.equal(start('2026T2'), '2026-04-01');
    assert.equal(start('2025-09'), '2025-09-01');
    assert.equal(start('11-2025'), '2025-11-01');
    assert.equal(start('2017'), '2017-01-01');
    assert.equal(waveCodePeriod('T1-2026')?.months, 3);
  });

  it('names no period for other codes', () => {
    for (const code of ['T5-2025', 'spring', '2025-13', '', 'Q1']) assert.equal(waveCodePeriod(code), undefined, code);
  });
});

describe('genericWavePlan', () => {
  it('orders the waves by the period their code names, the last in fieldwork and open', () => {
    const plan = genericWavePlan(['T1-2026', 'T3-2025', 'T2-2026', 'T4-2025']);
    assert.deepEqual(
      plan.map((w) => [w.code, w.status]),
      [
        ['T3-2025', 'published'],
        ['T4-2025', 'published'],
        ['T1-2026', 'published'],
        ['T2-2026', 'fieldwork'],
      ],
    );
    for (let i = 1; i < plan.length; i++) assert.ok(plan[i].opensAt > plan[i - 1].opensAt);
    assert.equal(plan[3].closesAt, null);
    for (const w of plan.slice(0, 3)) assert.ok(w.closesAt && w.closesAt > w.opensAt && w.statusAt > w.closesAt && w.createdAt < w.opensAt);
  });

  it('puts as many waves in fieldwork as asked', () => {
    assert.deepEqual(
      genericWavePlan(['2024', '2025', '2026'], 2).map((w) => w.status),
      ['published', 'fieldwork', 'fieldwork'],
    );
  });

  it('refuses a code naming no period, and two codes of one period', () => {
    assert.throws(() => genericWavePlan(['T1-2026', 'next']), /wave code "next" names no period/);
    assert.throws(() => genericWavePlan(['T1-2026', 'Q1-2026']), /name the same period/);
  });
});
