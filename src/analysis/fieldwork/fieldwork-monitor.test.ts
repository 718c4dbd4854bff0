import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResponseRecord } from '../../store/index.js';
import type { Study } from '../../study/index.js';
import { fieldworkMonitor } from './fieldwork-monitor.js';

const L = (s: string) => ({ fr: s, en: s });
const options = [1, 2].map((code) => ({ code, label: L(String(code)) }));
const study = {
  pages: [
    { questions: [{ kind: 'single', name: 'size', options, text: L('s') }] },
    {
      questions: [
        { kind: 'single', name: 'q2', options, text: L('q2') },
        { kind: 'text', name: 'q3', text: L('q3') },
      ],
    },
  ],
} as unknown as Study;

const r = (id: number, status: 'partial' | 'complete', currentPage: number, answers: Record<string, unknown>, at: string, durationMs: number | null = null, excluded = false) =>
  ({ id, status, currentPage, answers, startedAt: at, updatedAt: at, completedAt: status === 'complete' ? at : null, durationMs, excluded }) as unknown as ResponseRecord;

describe('fieldworkMonitor', () => {
  const responses = [
    r(1, 'complete', 1, { size: 1, q2: 1, q3: 'x' }, '2030-03-01T10:00:00Z', 300_000),
    r(2, 'complete', 1, { size: 2, q2: 2 }, '2030-03-01T23:30:00Z', 500_000),
    r(3, 'complete', 1, { size: 1, q2: 2 }, '2030-03-02T09:00:00Z', 100_000, true),
    r(4, 'partial', 1, { size: 1, q2: 1 }, '2030-03-02T09:00:00Z'),
    r(5, 'partial', 0, { size: 2 }, '2030-03-02T09:00:00Z'),
  ];
  const m = fieldworkMonitor(study, responses, {
    segments: [
      { variable: 'size', code: 1, target: 10 },
      { variable: 'size', code: 2, target: 5 },
    ],
  });

  it('counts completes and partials per Paris calendar day', () => {
    assert.deepEqual(m.days, [
      { date: '2030-03-01', completes: 1, partials: 0 },
      { date: '2030-03-02', completes: 2, partials: 2 },
    ]);
    assert.equal(m.completes + m.partials, responses.length);
  });
  it('gives the page funnel and the question where partial responses stopped', () => {
    assert.deepEqual(m.funnel, [
      { page: 0, reached: 5 },
      { page: 1, reached: 4 },
    ]);
    assert.deepEqual(
      m.questions.map((q) => [q.name, q.answered, q.abandonedAfter]),
      [
        ['size', 5, 1],
        ['q2', 4, 1],
        ['q3', 1, 0],
      ],
    );
  });
  it('takes the median duration of complete responses and counts kept completes against quotas', () => {
    assert.equal(m.medianDurationMs, 300_000);
    assert.deepEqual(
      m.quotas.map((q) => q.achieved),
      [1, 1],
    );
  });
});
