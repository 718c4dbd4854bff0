import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANSWERS_SEPARATOR, answerString, scanAnswerStrings } from './iterate-answer-strings.js';

const KEYS = ['open', 'other', 'n', 'x_other'];

/** What JSON.parse finds: per row, the strings under the keys (null otherwise). */
const parsed = (answers: readonly string[]) =>
  answers.map((json) => {
    const object = JSON.parse(json) as Record<string, unknown>;
    return KEYS.map((key) => (typeof object[key] === 'string' ? (object[key] as string) : null));
  });

const scanned = (answers: readonly string[]) => {
  const bytes = Buffer.from(answers.join(String.fromCharCode(ANSWERS_SEPARATOR)), 'utf8');
  const out = answers.map(() => KEYS.map((): string | null => null));
  const lengths = answers.map(() => KEYS.map(() => -1));
  scanAnswerStrings(bytes, answers.length, KEYS, (found) => {
    out[found.row][found.key] = answerString(bytes, found);
    if (!found.escaped) lengths[found.row][found.key] = found.to - found.from;
  });
  return { out, lengths };
};

describe('scanAnswerStrings', () => {
  it('finds the same strings as JSON.parse, escapes, emoji, look-alike keys inside texts and non-strings included', () => {
    const answers = [
      JSON.stringify({ q: 1, open: 'plain', n: 3 }),
      JSON.stringify({ open: 'say "open": "x", then \\ back\nslash\t', other: '', x_other: 'é 👍 « »' }),
      JSON.stringify({ n: 'not "n": a number', open: 5, other: [1, 2] }),
      JSON.stringify({ comment: '"open":"fake"', other: 'ends with a backslash \\' }),
      JSON.stringify({}),
      '{"open" : "spaced", "n": 1, "other":\t"tab"}',
      JSON.stringify({ x: 'open', y: ['open'], open: 'the member, after a value "open"' }),
      JSON.stringify({ open: '\u0001 control \ud83d lone surrogate', x_other: 'x_other' }),
      JSON.stringify({ other_more: 'not other', x_other_2: 'no' }),
    ];
    const { out, lengths } = scanned(answers);
    assert.deepEqual(out, parsed(answers));
    // unescaped strings come with their exact UTF-8 byte length
    assert.equal(lengths[1][3], Buffer.byteLength('é 👍 « »'));
    assert.equal(lengths[0][0], 5);
  });

  it('reads one row, no row, and refuses answers that do not match the count', () => {
    assert.deepEqual(scanned([JSON.stringify({ open: 'a' })]).out, [['a', null, null, null]]);
    assert.deepEqual(scanned([]).out, []);
    const bytes = Buffer.from(`{}${String.fromCharCode(ANSWERS_SEPARATOR)}{}`);
    assert.throws(() => scanAnswerStrings(bytes, 3, KEYS, () => {}), /2 answers instead of 3/);
    assert.throws(() => scanAnswerStrings(bytes, 1, KEYS, () => {}), /more answers than 1/);
  });
});
