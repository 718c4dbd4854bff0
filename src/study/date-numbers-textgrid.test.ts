import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerErrorMessage } from './answer-error-message.js';
import { answersFromForm } from './answers-from-form.js';
import { columnLayout } from './column-layout.js';
import { diffStudies } from './diff-study.js';
import { packAnswers, unpackInto } from './pack-answers.js';
import { isIsoDate } from './question.js';
import { identifyingVariables } from './study.js';
import { studyLabels } from './study-labels.js';
import { validatePageAnswers, validateResponse, type AnswerError } from './validate-answers.js';
import { validateStudy } from './validate-study.js';

const L = (fr: string, en: string) => ({ fr, en });

/** A small study: a date, a multiple numeric with a total, one without, a grid of texts, then a page of conditions. */
function document(): any {
  return {
    id: 'kinds',
    version: 1,
    title: L('Types', 'Kinds'),
    description: L('d', 'd'),
    languages: ['fr', 'en'],
    estimatedMinutes: 3,
    privacyNotice: L('p', 'p'),
    pages: [
      {
        id: 'one',
        title: L('Un', 'One'),
        questions: [
          { kind: 'date', name: 'visit', text: L('Date', 'Date'), min: '2024-01-01', max: '2026-06-30' },
          {
            kind: 'numbers',
            name: 'budget',
            text: L('Budget', 'Budget'),
            items: [
              { name: 'ads', label: L('Pub', 'Ads') },
              { name: 'staff', label: L('Équipe', 'Staff') },
            ],
            min: 0,
            max: 100,
            total: 100,
            unit: L('%', '%'),
          },
          { kind: 'numbers', name: 'hours', required: false, integer: false, text: L('Heures', 'Hours'), items: [{ name: 'week', label: L('Semaine', 'Week') }], max: 80 },
          {
            kind: 'textgrid',
            name: 'brands',
            text: L('Marques', 'Brands'),
            identifying: true,
            rows: [
              { name: '1', label: L('Première', 'First') },
              { name: '2', label: L('Deuxième', 'Second') },
            ],
            columns: [
              { name: 'name', label: L('Nom', 'Name') },
              { name: 'country', label: L('Pays', 'Country') },
            ],
            maxLength: 10,
          },
        ],
      },
      {
        id: 'two',
        title: L('Deux', 'Two'),
        questions: [
          {
            kind: 'text',
            name: 'why_recent',
            required: false,
            text: L('Pourquoi ?', 'Why?'),
            condition: { op: 'compare', question: 'visit', comparator: '>=', value: '2025-01-01' },
          },
          { kind: 'text', name: 'why_ads', required: false, text: L('Pourquoi ?', 'Why?'), condition: { op: 'compare', question: 'budget_ads', comparator: '>', value: 50 } },
        ],
      },
    ],
  };
}

const parsed = validateStudy(document());
assert.ok(parsed.ok, JSON.stringify(parsed.errors));
const study = parsed.study;
const codes = (errors: readonly AnswerError[]) => errors.map((e) => `${e.field}:${e.code}`);
const grid = { brands_1_name: 'Acme', brands_1_country: 'FR', brands_2_name: 'Bolt', brands_2_country: 'DE' };
const good = { visit: '2025-03-31', budget_ads: 60, budget_staff: 40, ...grid };

describe('date questions', () => {
  it('knows real calendar days', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('2026-02-30'), false);
    assert.equal(isIsoDate('2026-13-01'), false);
    assert.equal(isIsoDate('2026-3-1'), false);
  });

  it('refuses an impossible date and dates out of bounds, with the bound in the message in the respondent language', () => {
    const check = (visit: string) => validatePageAnswers(study, 0, { ...good, visit }, {}).errors;
    assert.deepEqual(codes(check('2026-02-30')), ['visit:invalid_date']);
    const before = check('2023-12-31');
    assert.deepEqual(codes(before), ['visit:date_before_min']);
    assert.equal(answerErrorMessage(before[0], 'fr'), 'Indiquez une date égale ou postérieure au 1 janvier 2024.');
    const after = check('2026-07-01');
    assert.deepEqual(codes(after), ['visit:date_after_max']);
    assert.equal(answerErrorMessage(after[0], 'en'), 'Enter a date on or before 30 June 2026.');
    assert.deepEqual(codes(check('2024-01-01')), []);
    assert.deepEqual(codes(check('2026-06-30')), []);
  });

  it('reads YYYY-MM-DD from the form and refuses anything else as an invalid date', () => {
    const form = (visit: string) => answersFromForm(study, 0, { visit });
    assert.deepEqual(form('2025-03-31').answers, { visit: '2025-03-31' });
    assert.deepEqual(form(' 2025-03-31 ').answers, { visit: '2025-03-31' });
    assert.deepEqual(codes(form('31/03/2025').errors), ['visit:invalid_date']);
    assert.deepEqual(form('').answers, {});
    // an impossible day passes the form and is refused by the validation
    assert.deepEqual(form('2025-02-30').answers, { visit: '2025-02-30' });
  });

  it('shows a question on a date comparison and accepts only dates compared with a date question', () => {
    assert.deepEqual(codes(validateResponse(study, { ...good, why_recent: 'x' }, { complete: true }).errors), []);
    assert.deepEqual(codes(validateResponse(study, { ...good, visit: '2024-05-01', why_recent: 'x' }, { complete: true }).errors), ['why_recent:hidden']);
    const wrong = document();
    wrong.pages[1].questions[0].condition.value = 20250101;
    wrong.pages[1].questions[1].condition = { op: 'compare', question: 'hours_week', comparator: '<', value: '2025-01-01' };
    const errors = validateStudy(wrong).errors.map((e) => `${e.path}: ${e.message}`);
    assert.ok(errors.includes('pages[1].questions[0].condition: "visit" is a date; compare it with a date written YYYY-MM-DD, not the number 20250101'), errors.join('\n'));
    assert.ok(errors.includes('pages[1].questions[1].condition: "hours_week" is not a date; it cannot be compared with 2025-01-01'), errors.join('\n'));
    const impossible = document();
    impossible.pages[1].questions[0].condition.value = '2025-02-30';
    assert.ok(validateStudy(impossible).errors.some((e) => e.message === '2025-02-30 is not a real calendar day'));
  });

  it('refuses bounds that are not real days or in the wrong order', () => {
    const doc = document();
    doc.pages[0].questions[0].min = '2024-02-30';
    assert.ok(validateStudy(doc).errors.some((e) => e.path === 'pages[0].questions[0].min' && e.message === 'not a real calendar day'));
    doc.pages[0].questions[0].min = '2027-01-01';
    assert.ok(validateStudy(doc).errors.some((e) => e.path === 'pages[0].questions[0].min' && e.message.startsWith('minimum 2027-01-01 is above maximum')));
  });
});

describe('multiple numeric questions', () => {
  it('stores each item under <question>_<item> and refuses items that do not add up to the total', () => {
    assert.deepEqual(validatePageAnswers(study, 0, good, {}).answers, good);
    const off = validatePageAnswers(study, 0, { ...good, budget_staff: 30 }, {});
    assert.deepEqual(codes(off.errors), ['budget:total_mismatch']);
    assert.deepEqual(off.errors[0].params, { total: 100, sum: 90 });
    assert.equal(answerErrorMessage(off.errors[0], 'fr'), 'Le total doit être égal à 100\u202F; il est de 90.');
    assert.equal(off.answers.budget_ads, undefined, 'nothing of the question is kept');
  });

  it('checks every item: required, bounds, whole numbers; the total only once each item is right', () => {
    assert.deepEqual(codes(validatePageAnswers(study, 0, { ...good, budget_staff: undefined as never }, {}).errors), ['budget_staff:required']);
    assert.deepEqual(codes(validatePageAnswers(study, 0, { ...good, budget_ads: 120, budget_staff: -20 }, {}).errors), ['budget_ads:above_max', 'budget_staff:below_min']);
    assert.deepEqual(codes(validatePageAnswers(study, 0, { ...good, budget_ads: 59.5, budget_staff: 40.5 }, {}).errors), ['budget_ads:not_integer', 'budget_staff:not_integer']);
    // decimals add up within rounding
    const decimals = validateStudy({ ...document(), pages: [{ ...document().pages[0], questions: [{ ...document().pages[0].questions[1], integer: false }] }] });
    assert.ok(decimals.ok);
    assert.deepEqual(codes(validatePageAnswers(decimals.study, 0, { budget_ads: 33.3, budget_staff: 66.7 }, {}).errors), []);
  });

  it('reads typed numbers per item from the form, a decimal comma included', () => {
    const { answers, errors } = answersFromForm(study, 0, { budget_ads: '60', budget_staff: ' 40 ', hours_week: '12,5' });
    assert.deepEqual(errors, []);
    assert.deepEqual(answers, { budget_ads: 60, budget_staff: 40, hours_week: 12.5 });
    assert.deepEqual(codes(answersFromForm(study, 0, { budget_ads: 'sixty' }).errors), ['budget_ads:wrong_type']);
  });

  it('accepts conditions on an item and refuses them on the question itself, which has no answer of its own', () => {
    const doc = document();
    doc.pages[1].questions[1].condition = { op: 'answered', question: 'budget' };
    assert.ok(validateStudy(doc).errors.some((e) => e.path === 'pages[1].questions[1].condition' && e.message.startsWith('"budget" has no answer of its own')));
    assert.deepEqual(codes(validateResponse(study, { ...good, budget_ads: 70, budget_staff: 30, why_ads: 'x' }, { complete: true }).errors), []);
    assert.deepEqual(codes(validateResponse(study, { ...good, why_ads: 'x' }, { complete: true }).errors), []);
    assert.deepEqual(codes(validateResponse(study, { ...good, budget_ads: 40, budget_staff: 60, why_ads: 'x' }, { complete: true }).errors), ['why_ads:hidden']);
  });

  it('refuses a total that the bounds make impossible', () => {
    const doc = document();
    doc.pages[0].questions[1].total = 250;
    assert.ok(validateStudy(doc).errors.some((e) => e.path === 'pages[0].questions[1].total' && e.message === 'the total 250 is above 2 items of at most 100'));
  });
});

describe('grids of short texts', () => {
  it('stores a text per cell and refuses one over the longest length, naming the cell', () => {
    const result = validatePageAnswers(study, 0, { ...good, brands_2_country: 'Deutschland!' }, {});
    assert.deepEqual(codes(result.errors), ['brands_2_country:too_long']);
    assert.deepEqual(result.errors[0].params, { max: 10 });
    assert.deepEqual(codes(validatePageAnswers(study, 0, { ...good, brands_1_name: '' }, {}).errors), ['brands_1_name:required']);
    assert.deepEqual(answersFromForm(study, 0, { brands_1_name: '  Acme ', brands_2_name: '' }).answers, { brands_1_name: 'Acme' });
  });

  it('checks that cell variables fit in 32 characters and are unique', () => {
    const doc = document();
    doc.pages[0].questions[3].name = 'favourite_brands_this_year';
    doc.pages[0].questions[3].columns[1].name = 'country_of_origin';
    const errors = validateStudy(doc).errors.map((e) => `${e.path}: ${e.message}`);
    assert.ok(
      errors.includes(
        'pages[0].questions[3].rows[0].name: variable name "favourite_brands_this_year_1_country_of_origin" is 46 characters long; at most 32 (shorten the question, item, row or column name)',
      ),
      errors.join('\n'),
    );
    const clash = document();
    clash.pages[0].questions[3].rows = [
      { name: 'a_b', label: L('x', 'x') },
      { name: 'a', label: L('y', 'y') },
    ];
    clash.pages[0].questions[3].columns = [
      { name: 'c', label: L('x', 'x') },
      { name: 'b_c', label: L('y', 'y') },
    ];
    assert.ok(validateStudy(clash).errors.some((e) => e.message === 'duplicate variable name "brands_a_b_c"'));
    const twice = document();
    twice.pages[0].questions[1].items[1].name = 'ads';
    assert.ok(validateStudy(twice).errors.some((e) => e.path === 'pages[0].questions[1].items[1].name' && e.message === 'duplicate item name "ads"'));
    const taken = document();
    taken.pages[1].questions[0].name = 'budget_ads';
    assert.ok(validateStudy(taken).errors.some((e) => e.message === 'duplicate variable name "budget_ads"'));
  });

  it('counts every cell of an identifying grid as identifying', () => {
    assert.deepEqual(identifyingVariables(study), ['brands', 'brands_1_name', 'brands_1_country', 'brands_2_name', 'brands_2_country']);
  });
});

describe('the new kinds in storage, labels and diffs', () => {
  it('packs each numeric item as a number column and leaves dates and texts in the answers (round trip)', () => {
    const layout = columnLayout(study);
    assert.deepEqual(
      layout.numbers.map((c) => c.name),
      ['budget_ads', 'budget_staff', 'hours_week'],
    );
    assert.equal(layout.categories.length, 0);
    const numbers = layout.numbers.map(() => new Float64Array(2));
    unpackInto(layout, packAnswers(layout, { ...good, hours_week: 7.5 }), 0, numbers, []);
    unpackInto(layout, packAnswers(layout, { visit: '2025-01-01' }), 1, numbers, []);
    assert.deepEqual(
      numbers.map((c) => c[0]),
      [60, 40, 7.5],
    );
    assert.ok(numbers.every((c) => Number.isNaN(c[1])));
  });

  it('lists item, row and column labels for translation', () => {
    const paths = studyLabels(study).map((l) => l.path);
    for (const path of ['pages[0].questions[1].items[1].label', 'pages[0].questions[1].unit', 'pages[0].questions[3].rows[1].label', 'pages[0].questions[3].columns[0].label'])
      assert.ok(paths.includes(path), path);
  });

  it('reports changed totals, items and grid columns between versions', () => {
    const after = document();
    after.version = 2;
    after.pages[0].questions[1].total = 1000;
    after.pages[0].questions[1].max = 1000;
    after.pages[0].questions[1].items.push({ name: 'tools', label: L('Outils', 'Tools') });
    after.pages[0].questions[3].columns.push({ name: 'year', label: L('Année', 'Year') });
    const next = validateStudy(after);
    assert.ok(next.ok);
    const changes = diffStudies(study, next.study).changes;
    assert.ok(changes.some((c) => c.kind === 'question.changed' && c.field === 'total' && c.before === '100' && c.after === '1000'));
    assert.ok(changes.some((c) => c.kind === 'item.added' && c.item === 'tools'));
    assert.ok(changes.some((c) => c.kind === 'item.added' && c.item === 'column:year'));
  });
});
