import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOUSEHOLD_STUDY, householdStudy } from '../../test/fixtures/household-study.js';
import { BUILT_IN_STUDIES } from './built-in-studies.js';
import { defaultIndicators, topBox, withDefaultIndicators } from './default-indicators.js';
import { validateStudy } from './validate-study.js';

describe('defaultIndicators', () => {
  const study = householdStudy();
  const { themes, indicators } = defaultIndicators(study);

  it('gives each option of a single or multiple choice its share, grouped by question', () => {
    const tenure = indicators.filter((i) => i.group === 'tenure');
    assert.deepEqual(
      tenure.map((i) => [i.id, i.variable, i.yes]),
      [
        ['tenure_1', 'tenure', [1]],
        ['tenure_2', 'tenure', [2]],
        ['tenure_3', 'tenure', [3]],
      ],
    );
    assert.deepEqual(tenure[1].label, { fr: 'Locataire', en: 'Tenant' });
    const heating = indicators.filter((i) => i.group === 'heating');
    assert.deepEqual(
      heating.map((i) => [i.variable, i.yes]),
      [
        ['heating_1', [1]],
        ['heating_2', [1]],
        ['heating_3', [1]],
      ],
    );
  });

  it('gives a scale its top box, named with the points it counts', () => {
    const satisfaction = indicators.find((i) => i.variable === 'satisfaction')!;
    assert.deepEqual(satisfaction.yes, [3, 4]);
    assert.equal(satisfaction.id, 'satisfaction_top');
    assert.equal(satisfaction.group, undefined);
    assert.equal(satisfaction.label.en, 'Satisfaction with your supplier — Satisfied / Very satisfied');
    assert.deepEqual(topBox([1, 2, 3, 4, 5].map((code) => ({ code, label: { en: String(code) } }))), [4, 5]);
  });

  it('leaves out identifying questions and texts, and makes themes of the pages that give indicators', () => {
    assert.ok(!indicators.some((i) => i.variable === 'household_contact'));
    assert.deepEqual(
      themes.map((t) => t.id),
      ['home', 'travel'],
    );
    assert.deepEqual(themes[1].label, { fr: 'Vos déplacements', en: 'How you travel' });
  });

  it("gives indicators that validate as the study's own", () => {
    const result = validateStudy({ ...HOUSEHOLD_STUDY, themes, indicators });
    assert.deepEqual(result.errors, []);
    assert.equal(new Set(indicators.map((i) => i.id)).size, indicators.length);
  });

  it("keeps a study's own indicators: they replace the defaults", () => {
    const builtIn = validateStudy(BUILT_IN_STUDIES[0]);
    assert.ok(builtIn.ok);
    assert.equal(withDefaultIndicators(builtIn.study), builtIn.study);
    const defaulted = withDefaultIndicators(study);
    assert.deepEqual(defaulted.indicators, indicators);
    assert.deepEqual(defaulted.themes, themes);
  });

  it('covers each item of a matrix with the question as the group', () => {
    const builtIn = validateStudy(BUILT_IN_STUDIES[0]);
    assert.ok(builtIn.ok);
    const matrix = builtIn.study.pages.flatMap((p) => p.questions).find((q) => q.kind === 'matrix')!;
    assert.equal(matrix.kind, 'matrix');
    const own = defaultIndicators(builtIn.study).indicators.filter((i) => i.group === matrix.name);
    assert.deepEqual(
      own.map((i) => i.variable),
      matrix.kind === 'matrix' ? matrix.items.map((item) => item.name) : [],
    );
    assert.ok(own.every((i) => i.id.endsWith('_top')));
  });
});
