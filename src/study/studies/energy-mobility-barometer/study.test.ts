import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES } from '../../built-in-studies.js';
import { columnLayout } from '../../column-layout.js';
import { QUESTION_KINDS } from '../../question.js';
import { studyLabels } from '../../study-labels.js';
import { identifyingVariables, marginQuestions, studyCuts, unitIn } from '../../study.js';
import { validateStudy } from '../../validate-study.js';
import { ENERGY_MOBILITY_BAROMETER } from './study.js';

describe('the built-in energy and mobility barometer', () => {
  const result = validateStudy(ENERGY_MOBILITY_BAROMETER);
  if (!result.ok) assert.fail(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  const study = result.study;
  const questions = study.pages.flatMap((p) => p.questions);

  it('is a built-in study, in French, English and German, French by default', () => {
    assert.ok(BUILT_IN_STUDIES.some((s) => s.id === study.id));
    assert.deepEqual(study.languages, ['fr', 'en', 'de']);
    assert.equal(study.defaultLanguage, 'fr');
    assert.deepEqual(unitIn(study, 'de'), { one: 'Person', other: 'Personen' });
    assert.deepEqual(unitIn(study, 'en'), { one: 'person', other: 'people' });
    assert.deepEqual(unitIn(study, 'fr'), { one: 'personne', other: 'personnes' });
  });

  it('has 15 to 30 questions over 4 to 6 pages, using every question kind', () => {
    assert.ok(questions.length >= 15 && questions.length <= 30, `${questions.length} questions`);
    assert.ok(study.pages.length >= 4 && study.pages.length <= 6, `${study.pages.length} pages`);
    assert.deepEqual([...new Set(questions.map((q) => q.kind))].sort(), [...QUESTION_KINDS].sort());
    const multiple = questions.filter((q) => q.kind === 'multiple');
    assert.ok(
      multiple.some((q) => q.exclusive.length > 0),
      'a multiple choice with an exclusive "none"',
    );
    assert.ok(
      questions.some((q) => q.kind === 'scale' && q.dontKnow),
      'a scale with "don’t know"',
    );
    assert.ok(questions.filter((q) => q.condition).length >= 2, 'two display conditions or more');
  });

  it('cuts and weights by age band, sex and region, single choices all, with no benchmark and no lead form', () => {
    assert.deepEqual(
      studyCuts(study).map((c) => c.variable),
      ['age_band', 'sex', 'region'],
    );
    assert.deepEqual(
      marginQuestions(study).map((q) => q.name),
      ['age_band', 'sex', 'region'],
    );
    assert.equal(study.benchmark, undefined);
    assert.deepEqual(study.leadForm, []);
  });

  it('flags the follow-up e-mail, and only it, as identifying', () => {
    assert.deepEqual(identifyingVariables(study), ['panel_email']);
  });

  it('defines a dozen indicators or more, on existing categorical columns and codes, each in a declared theme', () => {
    assert.ok(study.indicators.length >= 12, `${study.indicators.length} indicators`);
    const layout = columnLayout(study);
    const themes = new Set(study.themes.map((t) => t.id));
    for (const indicator of study.indicators) {
      assert.ok(themes.has(indicator.theme), `${indicator.id}: theme ${indicator.theme}`);
      const column = layout.byName.get(indicator.variable);
      assert.ok(column && column.kind === 'category', `${indicator.id} reads a categorical variable`);
      for (const code of indicator.yes)
        assert.ok(
          column.levels.some((l) => l.code === code),
          `${indicator.id}: code ${code} exists`,
        );
    }
  });

  it('writes French with its typography and German quotations with „…“', () => {
    const labels = studyLabels(study);
    const french = labels.map((l) => l.label.fr).filter((t) => t.endsWith('?'));
    assert.ok(french.length > 5);
    for (const t of french) assert.ok(/\u202f\?$/.test(t), t);
    const german = labels.map((l) => l.label.de);
    assert.ok(german.some((t) => /„[^“]+“/.test(t)));
    for (const t of german) assert.doesNotMatch(t, /[«»]|"/, t);
  });
});
