import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES } from './built-in-studies.js';
import { validateStudy } from './validate-study.js';

const clone = <T>(v: T): T => structuredClone(v);
const builtIn = () => clone(BUILT_IN_STUDIES[0]) as any;

function errorsOf(doc: unknown): string[] {
  const result = validateStudy(doc);
  assert.equal(result.ok, false);
  return result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('validateStudy', () => {
  it('accepts the built-in social-media barometer', () => {
    const result = validateStudy(BUILT_IN_STUDIES[0]);
    assert.deepEqual(result.errors, []);
    assert.equal(result.ok, true);
  });

  it('names a duplicate option code with its path', () => {
    const doc = builtIn();
    doc.pages[1].questions[0].options[3].code = 3;
    assert.ok(errorsOf(doc).includes('pages[1].questions[0].options[3].code: duplicate code 3'));
  });

  it('rejects a condition on a later question', () => {
    const doc = builtIn();
    doc.pages[1].questions[0].condition = { op: 'equals', question: 'challenges', value: 1 };
    assert.ok(errorsOf(doc).some((e) => e.startsWith('pages[1].questions[0].condition: condition on "challenges"')));
  });

  it('rejects a missing English label', () => {
    const doc = builtIn();
    delete doc.pages[2].questions[1].text.en;
    assert.ok(errorsOf(doc).includes('pages[2].questions[1].text.en: missing English label'));
  });

  it('rejects an unknown question kind', () => {
    const doc = builtIn();
    doc.pages[2].questions[1].kind = 'slider';
    assert.ok(errorsOf(doc).some((e) => e.startsWith('pages[2].questions[1].kind: unknown question kind "slider"')));
  });

  it('rejects duplicate variable names and indicators on unknown codes', () => {
    const doc = builtIn();
    doc.pages[2].questions[1].name = 'uses_social';
    doc.indicators[0].yes = [7];
    const errors = errorsOf(doc);
    assert.ok(errors.includes('pages[2].questions[1].name: duplicate variable name "uses_social"'));
    assert.ok(errors.includes('indicators[0].yes[0]: "uses_social" has no code 7'));
  });
});
