import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shownQuestion } from './carry-forward.js';
import { LOGIC_STUDY_DOCUMENT, logicStudy } from './logic-study.test-helper.js';
import { findQuestion } from './study.js';
import { isVisible, validatePageAnswers, validateResponse } from './validate-answers.js';
import { validateStudy } from './validate-study.js';

const study = logicStudy();
const BRANDS = study.pages.findIndex((p) => p.id === 'brands_page');
const q = (name: string) => findQuestion(study, name)!;
const codesOf = (question: ReturnType<typeof shownQuestion>) =>
  question === undefined
    ? undefined
    : question.kind === 'matrix'
      ? question.items.map((i) => i.name)
      : question.kind === 'single' || question.kind === 'multiple'
        ? question.options.map((o) => o.code)
        : [];
const errorsOf = (doc: unknown) => {
  const r = validateStudy(doc);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('carry forward', () => {
  it('keeps the options chosen earlier, or those not chosen', () => {
    assert.deepEqual(codesOf(shownQuestion(study, q('favourite'), { brands: [1, 3] })), [1, 3]);
    assert.deepEqual(codesOf(shownQuestion(study, q('others'), { brands: [1, 3] })), [2]);
    assert.deepEqual(codesOf(shownQuestion(study, q('others'), {})), [1, 2, 3], 'nothing chosen: every option is not chosen');
  });

  it('keeps the matrix items whose export code is a chosen option', () => {
    assert.deepEqual(codesOf(shownQuestion(study, q('rating'), { brands: [2] })), ['rating_beta']);
  });

  it('matches matrix items by position when they have no export codes', () => {
    const doc = structuredClone(LOGIC_STUDY_DOCUMENT) as any;
    for (const item of doc.pages[2].questions[1].items) delete item.exportCode;
    const r = validateStudy(doc);
    assert.ok(r.ok);
    const rating = findQuestion(r.study, 'rating')!;
    assert.deepEqual(codesOf(shownQuestion(r.study, rating, { brands: [3] })), ['rating_gamma']);
  });

  it('hides a question left with nothing to show', () => {
    assert.equal(shownQuestion(study, q('favourite'), { brands: [] }), undefined);
    assert.equal(isVisible(q('favourite'), {}, study), false);
    assert.equal(isVisible(q('rating'), { brands: [1] }, study), true);
    assert.equal(isVisible(q('others'), { brands: [1, 2, 3] }, study), false);
  });

  it('refuses an answer outside the kept options and items, and requires only what is shown', () => {
    const previous = { age: 30, brands: [1] };
    const ok = validatePageAnswers(study, BRANDS, { favourite: 1, rating_alpha: 2, others: [2, 3] }, previous);
    assert.deepEqual(ok.errors, []);
    assert.deepEqual(ok.answers, { favourite: 1, rating_alpha: 2, others: [2, 3] });
    const bad = validatePageAnswers(study, BRANDS, { favourite: 2, rating_alpha: 2, rating_beta: 1, others: [1] }, previous);
    assert.deepEqual(
      bad.errors.map((e) => `${e.field}:${e.code}`),
      ['favourite:unknown_code', 'rating_beta:hidden', 'others:unknown_code'],
    );
    const none = validateResponse(study, { age: 30, brands: [1, 2, 3], favourite: 3, rating_alpha: 1, rating_beta: 1, rating_gamma: 2 }, { complete: true });
    assert.deepEqual(none.errors, [], 'every brand chosen: "others" is hidden and not required');
  });

  it('is checked by validateStudy: an earlier multiple choice, codes that line up', () => {
    const sameOrLater = structuredClone(LOGIC_STUDY_DOCUMENT) as any;
    sameOrLater.pages[2].questions[0].filter = { question: 'others', keep: 'chosen' };
    assert.ok(errorsOf(sameOrLater).includes('pages[2].questions[0].filter.question: "others" is not a multiple choice on an earlier page'));
    const single = structuredClone(LOGIC_STUDY_DOCUMENT) as any;
    single.pages[2].questions[0].filter = { question: 'member', keep: 'chosen' };
    assert.ok(errorsOf(single).includes('pages[2].questions[0].filter.question: "member" is not a multiple choice on an earlier page'));
    const codes = structuredClone(LOGIC_STUDY_DOCUMENT) as any;
    codes.pages[2].questions[0].options[2].code = 9;
    assert.ok(errorsOf(codes).includes('pages[2].questions[0].filter.question: "brands" has no code 9: this option would never be shown'));
    const items = structuredClone(LOGIC_STUDY_DOCUMENT) as any;
    items.pages[2].questions[1].items[1].exportCode = 'B2';
    assert.ok(errorsOf(items).includes('pages[2].questions[1].items[1].exportCode: "brands" has no option with export code "B2"'));
    const count = structuredClone(LOGIC_STUDY_DOCUMENT) as any;
    delete count.pages[2].questions[1].items[2].exportCode;
    count.pages[2].questions[1].items.pop();
    delete count.pages[2].questions[1].items[0].exportCode;
    assert.ok(errorsOf(count).some((e) => e.startsWith('pages[2].questions[1].filter.question: the 2 items do not stand for the 3 options of "brands"')));
  });
});

describe('page conditions', () => {
  const ADULTS = study.pages.findIndex((p) => p.id === 'adults');

  it('hide every question of a page whose condition fails: none required, answers refused', () => {
    assert.equal(isVisible(q('income'), { age: 12 }, study), false);
    assert.equal(isVisible(q('income'), { age: 18 }, study), true);
    assert.equal(isVisible(q('income'), {}, study), false, 'an unanswered age compares false');
    const refused = validatePageAnswers(study, ADULTS, { income: 1000 }, { age: 12 });
    assert.deepEqual(
      refused.errors.map((e) => `${e.field}:${e.code}`),
      ['income:hidden'],
    );
    assert.deepEqual(validatePageAnswers(study, ADULTS, { income: 1000 }, { age: 40 }).answers, { income: 1000 });
  });

  it('are read in a whole response: a child’s response needs no adult page', () => {
    const child = validateResponse(study, { age: 12, brands: [1], favourite: 1, rating_alpha: 1 }, { complete: true });
    assert.deepEqual(child.errors, []);
    const smuggled = validateResponse(study, { age: 12, brands: [1], favourite: 1, rating_alpha: 1, income: 5 }, { complete: true });
    assert.deepEqual(
      smuggled.errors.map((e) => `${e.field}:${e.code}`),
      ['income:hidden'],
    );
  });

  it('!= holds on an unanswered question, and on a multiple choice means the code is not selected', () => {
    assert.equal(isVisible(q('comment'), {}, study), true, 'member unanswered: empty, and != 1 holds');
    assert.equal(isVisible(q('comment'), { member: 1 }, study), false);
    assert.equal(isVisible(q('comment'), { member: 2 }, study), true);
  });
});
