import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importSurveyJs } from '../../src/exchange/import-surveyjs.js';
import { columnLayout, findQuestion, type Question } from '../../src/study/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/exchange/${name}`, import.meta.url), 'utf8');
const kinds = (questions: Question[]) => questions.map((q) => `${q.name}:${q.kind}`);

describe('SurveyJS JSON import', () => {
  const result = importSurveyJs(fixture('customer-survey.surveyjs.json'));

  it('gives a study that validateStudy accepts, in fr and en', () => {
    assert.deepEqual(result.errors, []);
    assert.ok(result.ok && result.study);
    assert.deepEqual(result.study.title, { fr: 'Enquête expérience client', en: 'Customer experience survey' });
    assert.ok(columnLayout(result.study).categories.length > 0);
  });

  it('maps pages, panels and each supported element type', () => {
    const study = result.study!;
    assert.deepEqual(
      study.pages.map((p) => kinds(p.questions)),
      [
        ['company_size:single', 'region:single', 'employees:number', 'email:text'],
        ['is_customer:single', 'channels:multiple', 'nps:scale', 'quality:matrix'],
        ['suggestions:text'],
      ],
    );
    const channels = findQuestion(study, 'channels')!;
    assert.ok(channels.kind === 'multiple');
    assert.deepEqual(
      channels.options.map((o) => [o.code, o.label.fr]),
      [
        [1, 'Téléphone'],
        [2, 'E-mail'],
        [3, 'En magasin'],
        [5, 'Aucun de ceux-ci'],
      ],
    );
    assert.deepEqual(channels.other, { code: 4, label: { fr: 'Autre', en: 'Other' }, maxLength: 200 });
    assert.deepEqual(channels.exclusive, [5]);
    assert.equal(channels.maxSelections, 2);
    const nps = findQuestion(study, 'nps')!;
    assert.ok(nps.kind === 'scale');
    assert.deepEqual(
      nps.points.map((p) => p.code),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.equal(nps.points[0].label.fr, '0 — Pas du tout probable');
    const quality = findQuestion(study, 'quality')!;
    assert.ok(quality.kind === 'matrix' && quality.required);
    assert.deepEqual(
      quality.items.map((i) => i.name),
      ['quality_speed', 'quality_courtesy'],
    );
    const employees = findQuestion(study, 'employees')!;
    assert.ok(employees.kind === 'number' && employees.min === 1 && employees.max === 500000);
  });

  it('maps visibleIf expressions of the common subset to display conditions', () => {
    const study = result.study!;
    assert.deepEqual(findQuestion(study, 'employees')!.condition, { op: 'equals', question: 'company_size', value: 3 });
    assert.deepEqual(findQuestion(study, 'channels')!.condition, { op: 'equals', question: 'is_customer', value: 1 });
    assert.deepEqual(findQuestion(study, 'quality')!.condition, {
      op: 'or',
      conditions: [
        { op: 'equals', question: 'channels', value: 1 },
        { op: 'equals', question: 'channels', value: 3 },
      ],
    });
  });

  it('lists every construct left out as a warning', () => {
    const text = result.warnings.join('\n');
    for (const expected of [
      /triggers: left out/,
      /calculatedValues: left out/,
      /"email": validators are left out/,
      /ranking "priorities": element type "ranking" is left out/,
      /html "thanks": element type "html" is left out/,
      /signaturepad "signature"/,
      /panel "satisfaction_panel": the panel is flattened/,
      /visibleIf "\{nps\} <= 6" is left out/,
      /region.*idf, ara, other are renumbered/,
    ])
      assert.match(text, expected);
  });

  it('refuses what is not a SurveyJS survey', () => {
    assert.throws(() => importSurveyJs({ title: 'x' }), /no "pages" array/);
  });
});
