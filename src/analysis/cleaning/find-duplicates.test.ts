import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../../stats/test-helpers.js';
import type { CleaningFlag, CleaningInput, IdenticalAnswersFlag } from './cleaning-flag.js';
import { DEFAULT_CLEANING_SETTINGS } from './cleaning-settings.js';
import { findDuplicates } from './find-duplicates.js';

const response = (id: number, answers: Record<string, unknown>): CleaningInput => ({ id, status: 'complete', durationMs: 60_000, answers, company: null, email: null });

/** `n` respondents answering `items` questions of `options` options uniformly at random (seeded). */
function randomWave(n: number, items: number, options: number, seed: number, pick?: (random: () => number) => number): CleaningInput[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const answers: Record<string, number> = {};
    for (let k = 0; k < items; k++) answers[`q${k}`] = pick ? pick(random) : 1 + Math.floor(random() * options);
    return response(i + 1, answers);
  });
}
const identicalIds = (flags: Map<number, readonly CleaningFlag[]>) =>
  [...flags].filter(([, fs]) => fs.some((f) => f.kind === 'duplicate' && f.rule === 'identical-answers')).map(([id]) => id);
const EVERY_MATCH = { identicalAnswers: true, duplicateMinAnswers: 1, duplicateMaxProbability: 1 };

describe('findDuplicates: identical answers, by questionnaire length', () => {
  it('flags almost no one on a short questionnaire answered at random, where any match flags a third', () => {
    const wave = randomWave(301, 5, 3, 19);
    const naive = identicalIds(findDuplicates(wave, EVERY_MATCH));
    assert.ok(naive.length > 80, `identical vectors by chance: ${naive.length}`);
    assert.deepEqual(identicalIds(findDuplicates(wave)), []);
  });

  it('does not flag identical answers that are likely under the answer shares, even on many questions', () => {
    // 12 questions, 97 % of respondents answer 1 to each: identical vectors are the rule, not a copy
    const wave = randomWave(300, 12, 2, 7, (random) => (random() < 0.97 ? 1 : 2));
    assert.ok(identicalIds(findDuplicates(wave, EVERY_MATCH)).length > 50);
    assert.deepEqual(identicalIds(findDuplicates(wave)), []);
  });

  it('flags true copies on a long questionnaire, and only them', () => {
    const wave = randomWave(300, 30, 5, 3);
    const copied = wave[41]!;
    const copies = [response(301, { ...copied.answers }), response(302, { ...copied.answers, empty: '', none: [] })];
    const almost = response(303, { ...wave[9]!.answers, q0: ((wave[9]!.answers.q0 as number) % 5) + 1 });
    const flags = findDuplicates([...wave, ...copies, almost]);
    assert.deepEqual(
      identicalIds(flags).sort((a, b) => a - b),
      [42, 301, 302],
    );
    const [flag] = flags.get(42)! as [IdenticalAnswersFlag];
    assert.deepEqual(flag.with, [301, 302]);
    assert.equal(flag.answers, 30);
    assert.ok(flag.probability < 1e-15, String(flag.probability));
  });

  it('follows the settings: a minimum of answers, a probability threshold, the rule turned off', () => {
    const wave = randomWave(100, 12, 4, 11);
    const withCopy = [...wave, response(101, { ...wave[0]!.answers })];
    assert.deepEqual(identicalIds(findDuplicates(withCopy)), [1, 101]);
    assert.deepEqual(identicalIds(findDuplicates(withCopy, { ...DEFAULT_CLEANING_SETTINGS, duplicateMinAnswers: 13 })), []);
    assert.deepEqual(identicalIds(findDuplicates(withCopy, { ...DEFAULT_CLEANING_SETTINGS, duplicateMaxProbability: 1e-12 })), []);
    assert.deepEqual(identicalIds(findDuplicates(withCopy, { ...DEFAULT_CLEANING_SETTINGS, identicalAnswers: false })), []);
  });

  it('counts only non-empty answers towards the minimum', () => {
    const answers = { a: 1, b: 2, c: '', d: [], e: null };
    const flags = findDuplicates([response(1, answers), response(2, { a: 1, b: 2 })], { ...EVERY_MATCH, duplicateMinAnswers: 3 });
    assert.deepEqual(identicalIds(flags), []);
  });
});
