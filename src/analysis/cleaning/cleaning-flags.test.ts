import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Study } from '../../study/index.js';
import type { CleaningInput, IdenticalAnswersFlag } from './cleaning-flag.js';
import { cleaningFlags } from './cleaning-flags.js';
import { DEFAULT_CLEANING_SETTINGS } from './cleaning-settings.js';

const L = (s: string) => ({ fr: s, en: s });
const points = [1, 2, 3, 4, 5].map((code) => ({ code, label: L(String(code)) }));
const study = {
  pages: [
    {
      questions: [
        { kind: 'matrix', name: 'big', items: ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `big_${n}`, label: L(n) })), points },
        { kind: 'matrix', name: 'small', items: ['a', 'b', 'c', 'd'].map((n) => ({ name: `small_${n}`, label: L(n) })), points },
      ],
    },
  ],
} as unknown as Study;

const response = (id: number, durationMs: number, answers: Record<string, unknown>, company: string | null = null, email: string | null = null): CleaningInput => ({
  id,
  status: 'complete',
  durationMs,
  answers,
  company,
  email,
});
const varied = (seed: number) => ({ big_a: 1, big_b: 2, big_c: 3, big_d: 4, big_e: (seed % 5) + 1, small_a: (seed % 5) + 1 });

describe('cleaningFlags', () => {
  it('flags a response under a third of the median duration as a speeder, not one just above', () => {
    const rs = [
      response(1, 600_000, varied(1)),
      response(2, 600_000, varied(2)),
      response(3, 600_000, varied(3)),
      response(4, 199_000, varied(4)),
      response(5, 201_000, varied(0)),
    ];
    const flags = cleaningFlags(study, rs);
    assert.deepEqual([...flags.byResponse.keys()], [4]);
    assert.equal(flags.byResponse.get(4)![0]!.kind, 'speeder');
    assert.equal(flags.counts.speeder, 1);
  });
  it('flags speeders and straight-liners by the wave’s thresholds', () => {
    const rs = [
      response(1, 600_000, varied(1)),
      response(2, 600_000, varied(2)),
      response(3, 600_000, varied(3)),
      response(4, 199_000, varied(4)),
      response(5, 290_000, { ...varied(0), small_a: 2, small_b: 2, small_c: 2, small_d: 2 }),
    ];
    const defaults = cleaningFlags(study, rs);
    assert.deepEqual([...defaults.byResponse.keys()], [4]);
    const half = cleaningFlags(study, rs, { ...DEFAULT_CLEANING_SETTINGS, speederFraction: 0.5, straightLinerMinItems: 4 });
    assert.deepEqual(half.byResponse.get(5), [
      { kind: 'speeder', durationMs: 290_000, medianMs: 600_000, fraction: 0.5 },
      { kind: 'straight-liner', question: 'small', items: 4, code: 2 },
    ]);
    assert.deepEqual([half.counts.speeder, half.counts.straightLiner], [2, 1]);
  });
  it('flags one answer across a matrix of five items, not across four', () => {
    const same5 = { big_a: 3, big_b: 3, big_c: 3, big_d: 3, big_e: 3 };
    const same4 = { small_a: 2, small_b: 2, small_c: 2, small_d: 2, big_a: 1, big_b: 2, big_c: 1, big_d: 1, big_e: 1 };
    const flags = cleaningFlags(study, [response(1, 1000, same5), response(2, 1000, same4)]);
    assert.deepEqual(flags.byResponse.get(1), [{ kind: 'straight-liner', question: 'big', items: 5, code: 3 }]);
    assert.equal(flags.byResponse.has(2), false);
  });
  it('flags the same company and e-mail domain, and identical answers, whatever the key order', () => {
    const rs = [
      response(1, 1000, { big_a: 1, small_a: 2 }, 'ACME S.A.', 'ann@acme.fr'),
      response(2, 1000, { big_a: 2 }, 'Acme SA', 'bob@ACME.fr'),
      response(3, 1000, { small_a: 2, big_a: 1 }, 'Other', 'x@other.org'),
      response(4, 1000, { big_a: 5 }, 'Acme SA', 'c@gmail.com'),
    ];
    const flags = cleaningFlags(study, rs, { ...DEFAULT_CLEANING_SETTINGS, identicalAnswers: true, duplicateMinAnswers: 2, duplicateMaxProbability: 1 });
    assert.deepEqual(flags.byResponse.get(2), [{ kind: 'duplicate', rule: 'company-domain', with: [1] }]);
    const [identical] = flags.byResponse.get(3) as [IdenticalAnswersFlag];
    assert.deepEqual({ ...identical, probability: 0 }, { kind: 'duplicate', rule: 'identical-answers', with: [1], answers: 2, probability: 0 });
    // each of the two answers has a share of 1/2: one of the 3 others gives both by chance with 1 − (1 − 1/4)³
    assert.ok(Math.abs(identical.probability - (1 - 0.75 ** 3)) < 1e-12);
    assert.equal(flags.byResponse.get(1)!.length, 2);
    assert.equal(flags.byResponse.has(4), false);
  });
});
