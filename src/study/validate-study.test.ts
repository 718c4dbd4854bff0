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
    assert.ok(errorsOf(doc).includes('pages[2].questions[1].text.en: missing en text'));
  });

  it('accepts a study in any declared languages and refuses a text in an undeclared one', () => {
    const doc = builtIn();
    const retag = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(retag);
      if (node && typeof node === 'object') {
        const entries = Object.entries(node);
        if (entries.length === 2 && 'fr' in node && 'en' in node && !('one' in (node as object))) return { de: (node as { en: string }).en };
        return Object.fromEntries(entries.map(([k, v]) => [k, retag(v)]));
      }
      return node;
    };
    const german = retag(doc) as typeof doc;
    german.languages = ['de'];
    german.unit = { de: { one: 'Unternehmen', other: 'Unternehmen' } };
    assert.deepEqual(validateStudy(german).errors, []);
    german.pages[0].title.it = 'Il vostro accordo';
    assert.ok(errorsOf(german).includes('pages[0].title.it: "it" is not one of the study\'s languages (de)'));
    german.defaultLanguage = 'fr';
    assert.ok(errorsOf(german).includes('defaultLanguage: "fr" is not one of the study\'s languages (de)'));
  });

  it('refuses cuts, margins and peer groups that are not single-choice questions', () => {
    const doc = builtIn();
    doc.cuts = [{ variable: 'networks' }, { variable: 'nope' }];
    doc.margins = ['sector', 'sector'];
    const errors = errorsOf(doc);
    assert.ok(errors.includes('cuts[0]: "networks" is not a single-choice question of the questionnaire'), errors.join('\n'));
    assert.ok(errors.includes('cuts[1]: "nope" is not a single-choice question of the questionnaire'));
    assert.ok(errors.includes('margins[1]: "sector" is listed twice'));
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
