import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importSurveyJs } from '../../src/exchange/import-surveyjs.js';
import { columnLayout, findQuestion, type Question } from '../../src/study/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/exchange/${name}`, import.meta.url), 'utf8');
const kinds = (questions: Question[]) => questions.map((q) => `${q.name}:${q.kind}`);

describe('SurveyJS JSON import', () => {
  const result = importSurveyJs(fixture('customer-survey.surveyjs.json'));

  it('gives a study that validateStudy accepts, in the languages of the file, the default first', () => {
    assert.deepEqual(result.errors, []);
    assert.ok(result.ok && result.study);
    assert.deepEqual(result.study.languages, ['en', 'fr']);
    assert.deepEqual(result.study.title, { fr: 'Enquête expérience client', en: 'Customer experience survey' });
    assert.ok(columnLayout(result.study).categories.length > 0);
  });

  it('maps pages, panels and each supported element type, keeping the source values as export codes', () => {
    const study = result.study!;
    assert.deepEqual(
      study.pages.map((p) => kinds(p.questions)),
      [
        ['company_size:single', 'region:single', 'employees:number', 'email:text'],
        ['is_customer:single', 'channels:multiple', 'nps:scale', 'quality:matrix', 'priorities:ranking'],
        ['suggestions:text', 'thanks:info'],
      ],
    );
    const channels = findQuestion(study, 'channels')!;
    assert.ok(channels.kind === 'multiple');
    assert.deepEqual(
      channels.options.map((o) => [o.code, o.exportCode, o.label.fr]),
      [
        [1, 'phone', 'Téléphone'],
        [2, 'email', 'E-mail'],
        [3, 'shop', 'En magasin'],
        [5, 'none', 'Aucun de ceux-ci'],
      ],
    );
    assert.deepEqual(channels.other, { code: 4, label: { fr: 'Autre', en: 'Other' }, maxLength: 200 });
    assert.deepEqual(channels.exclusive, [5]);
    assert.equal(channels.maxSelections, 2);
    const company = findQuestion(study, 'company_size')!;
    assert.ok(company.kind === 'single');
    assert.deepEqual(
      company.options.map((o) => [o.code, o.exportCode]),
      [
        [1, undefined],
        [2, undefined],
        [3, undefined],
      ],
    );
    const region = findQuestion(study, 'region')!;
    assert.ok(region.kind === 'single');
    assert.deepEqual(
      region.options.map((o) => [o.code, o.exportCode, o.label.fr, o.label.en]),
      [
        [1, 'idf', 'Île-de-France', 'Île-de-France'],
        [2, 'ara', 'Auvergne-Rhône-Alpes', 'Auvergne-Rhône-Alpes'],
        [3, 'other', 'Une autre région', 'Another region'],
      ],
    );
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

  it('maps every visibleIf, comparisons on ratings included', () => {
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
    assert.deepEqual(findQuestion(study, 'suggestions')!.condition, { op: 'in', question: 'nps', values: [0, 1, 2, 3, 4, 5, 6] });
  });

  it('lists every construct left out once, and only the privacy notice as a warning', () => {
    assert.deepEqual(
      result.losses.map((l) => [l.construct, l.where, l.changesWhoSees]),
      [
        ['setvalue trigger', 'survey ({is_customer} = false)', false],
        ['calculated values', 'survey', false],
        ['closing text', 'survey', false],
        ['validators', 'email', false],
        ['panel title', 'panel satisfaction_panel', false],
        ['signaturepad element', 'signature', false],
      ],
    );
    assert.deepEqual(result.warnings, ['privacy notice: a SurveyJS survey has none; a placeholder is set']);
  });

  it('keeps as losses what the new kinds cannot carry, and refuses conditions on questions without an answer of their own', () => {
    const r = importSurveyJs(
      {
        pages: [
          {
            name: 'p1',
            elements: [
              { type: 'checkbox', name: 'tools', choices: ['a', 'b', 'c'] },
              { type: 'dropdown', name: 'same_page', choicesFromQuestion: 'tools', choicesFromQuestionMode: 'selected' },
              { type: 'ranking', name: 'rank', choices: ['a', 'b', 'c'], maxSelectedChoices: 2 },
              { type: 'text', name: 'day', inputType: 'date', min: 'today', max: '2025-02-30' },
              { type: 'multipletext', name: 'mixed', items: [{ name: 'Age', inputType: 'number' }, { name: 'city' }] },
              { type: 'radiogroup', name: 'after', choices: ['y', 'n'], visibleIf: '{mixed} notempty' },
            ],
          },
          { name: 'p2', elements: [{ type: 'radiogroup', name: 'kept', choicesFromQuestion: 'tools', choicesFromQuestionMode: 'unselected', choicesOrder: 'random' }] },
        ],
      },
      { acceptLosses: true },
    );
    assert.deepEqual(
      r.losses.map((l) => `${l.construct} | ${l.where}`),
      [
        'choices from another question | same_page',
        'choice question without choices | same_page',
        'minimum or maximum ranked | rank',
        'date min | day',
        'date max | day',
        'number item | mixed',
        'visibleIf | after',
      ],
    );
    const study = r.study!;
    const rank = findQuestion(study, 'rank')!;
    assert.ok(rank.kind === 'ranking');
    assert.equal(rank.maxRanked, undefined);
    const mixed = findQuestion(study, 'mixed')!;
    assert.ok(mixed.kind === 'textgrid');
    assert.deepEqual(
      mixed.rows.map((row) => [row.name, row.exportCode]),
      [
        ['age', 'Age'],
        ['city', undefined],
      ],
    );
    const kept = findQuestion(study, 'kept')!;
    assert.ok(kept.kind === 'single');
    assert.deepEqual(kept.filter, { question: 'tools', keep: 'notChosen' });
    assert.equal(kept.randomize, true);
    assert.deepEqual(
      kept.options.map((o) => o.exportCode),
      ['a', 'b', 'c'],
    );
  });

  it('refuses what is not a SurveyJS survey', () => {
    assert.throws(() => importSurveyJs({ title: 'x' }), /no "pages" nor "elements" array/);
    assert.throws(() => importSurveyJs('[1, 2]'), /not a JSON object/);
  });
});
