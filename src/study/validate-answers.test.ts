import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answersFromForm } from './answers-from-form.js';
import { BUILT_IN_STUDIES } from './built-in-studies.js';
import { columnLayout } from './column-layout.js';
import { evaluateCondition } from './evaluate-condition.js';
import { packAnswers, unpackInto } from './pack-answers.js';
import { validatePageAnswers, validateResponse } from './validate-answers.js';
import { validateStudy } from './validate-study.js';

const validation = validateStudy(BUILT_IN_STUDIES[0]);
assert.ok(validation.ok);
const study = validation.study;
const page = (id: string) => study.pages.findIndex((p) => p.id === id);
const codes = (errors: readonly { field: string; code: string }[]) => errors.map((e) => `${e.field}:${e.code}`);

describe('evaluateCondition', () => {
  it('evaluates equals, in, answered, not, and, or on single and multiple answers', () => {
    const answers = { a: 2, m: [1, 3], t: 'x' };
    assert.equal(evaluateCondition({ op: 'equals', question: 'a', value: 2 }, answers), true);
    assert.equal(evaluateCondition({ op: 'equals', question: 'm', value: 3 }, answers), true);
    assert.equal(evaluateCondition({ op: 'in', question: 'm', values: [2, 4] }, answers), false);
    assert.equal(evaluateCondition({ op: 'answered', question: 't' }, answers), true);
    assert.equal(evaluateCondition({ op: 'answered', question: 'z' }, answers), false);
    assert.equal(evaluateCondition({ op: 'not', condition: { op: 'answered', question: 'z' } }, answers), true);
    assert.equal(
      evaluateCondition(
        {
          op: 'and',
          conditions: [
            { op: 'equals', question: 'a', value: 2 },
            { op: 'equals', question: 'a', value: 3 },
          ],
        },
        answers,
      ),
      false,
    );
    assert.equal(
      evaluateCondition(
        {
          op: 'or',
          conditions: [
            { op: 'equals', question: 'a', value: 2 },
            { op: 'equals', question: 'a', value: 3 },
          ],
        },
        answers,
      ),
      true,
    );
    assert.equal(evaluateCondition(undefined, answers), true);
  });
});

describe('validatePageAnswers', () => {
  it('accepts a valid page and returns the clean answers', () => {
    const r = validatePageAnswers(study, page('company'), { company_size: 2, sector: 3, region: 1, respondent_function: 2 }, {});
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.answers, { company_size: 2, sector: 3, region: 1, respondent_function: 2 });
  });

  it('rejects unknown codes, missing answers and unknown fields', () => {
    const r = validatePageAnswers(study, page('company'), { company_size: 7, sector: 3, region: 1, hacker: 1 }, {});
    assert.deepEqual(codes(r.errors).sort(), ['company_size:unknown_code', 'hacker:unknown_field', 'respondent_function:required']);
  });

  it('rejects numbers out of bounds and non-integers where integers are asked', () => {
    const previous = { uses_social: 1 };
    const base = { objectives: [1], managed_by: 1, budget_trend: 1 };
    assert.deepEqual(codes(validatePageAnswers(study, page('organisation'), { ...base, team_size: 501 }, previous).errors), ['team_size:above_max']);
    assert.deepEqual(codes(validatePageAnswers(study, page('organisation'), { ...base, team_size: 1.5, budget_share: 12.5 }, previous).errors), ['budget_share:not_integer']);
  });

  it('rejects too many selections, an exclusive option with another, and answers to hidden questions', () => {
    const previous = { uses_social: 1 };
    const r = validatePageAnswers(study, page('organisation'), { objectives: [1, 2, 3, 4], team_size: 2, managed_by: 1, budget_trend: 1 }, previous);
    assert.deepEqual(codes(r.errors), ['objectives:too_many']);
    assert.deepEqual(codes(validatePageAnswers(study, page('challenges'), { challenges: [1, 98] }, {}).errors), ['challenges:exclusive']);
    const hidden = validatePageAnswers(study, page('networks'), { networks: [1], no_use_reasons: [1] }, { uses_social: 2 });
    assert.deepEqual(codes(hidden.errors), ['networks:hidden']);
  });

  it('asks for the "other" text and limits text lengths', () => {
    const r = validatePageAnswers(study, page('networks'), { networks: [1, 97], main_network: 1, presence_years: 2 }, { uses_social: 1 });
    assert.deepEqual(codes(r.errors), ['networks_other:other_required']);
    const long = validatePageAnswers(study, page('outlook'), { outlook: 4, comments: 'x'.repeat(2001) }, {});
    assert.deepEqual(codes(long.errors), ['comments:too_long']);
  });
});

describe('answersFromForm', () => {
  it('reads codes, repeated fields, French decimals and consent boxes', () => {
    const { answers, errors } = answersFromForm(study, page('organisation'), { objectives: ['1', '3'], team_size: '1,5', managed_by: '2', budget_trend: '9', budget_share: '' });
    assert.deepEqual(errors, []);
    assert.deepEqual(answers, { objectives: [1, 3], team_size: 1.5, managed_by: 2, budget_trend: 9 });
    assert.deepEqual(answersFromForm(study, 0, { consent: 'on' }).answers, { consent: true });
  });

  it('reports what it cannot read instead of guessing', () => {
    const { errors } = answersFromForm(study, page('organisation'), { team_size: 'deux', managed_by: '1 OR 1=1' });
    assert.deepEqual(codes(errors).sort(), ['managed_by:wrong_type', 'team_size:wrong_type']);
  });
});

describe('validateResponse and packAnswers', () => {
  const complete = {
    consent: true,
    company_size: 3,
    sector: 2,
    region: 1,
    respondent_function: 2,
    uses_social: 2,
    importance: 9,
    no_use_reasons: [2, 3],
    budget_trend: 2,
    ereputation: 3,
    relation_strengthens: 2,
    relation_service: 1,
    relation_sales: 9,
    relation_loyalty: 2,
    relation_advocacy: 1,
    crm_enrich: 4,
    social_selling: 4,
    social_ads: 2,
    measures_results: 3,
    challenges: [2, 6],
    internal_communication: 1,
    internal_training: 3,
    internal_leadership: 4,
    internal_advocacy: 1,
    internal_skills: 2,
    social_policy: 3,
    outlook: 3,
  };

  it('accepts a whole response that follows the display logic', () => {
    assert.deepEqual(validateResponse(study, complete, { complete: true }).errors, []);
  });

  it('requires every visible question of a complete response', () => {
    const { outlook: _dropped, ...partial } = complete;
    assert.deepEqual(codes(validateResponse(study, partial, { complete: true }).errors), ['outlook:required']);
  });

  it('packs answers into columns and back', () => {
    const layout = columnLayout(study);
    const bytes = packAnswers(layout, { ...complete, team_size: 2.5 });
    const numbers = layout.numbers.map(() => new Float64Array(2));
    const categories = layout.categories.map(() => new Int16Array(2));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    unpackInto(layout, shifted.subarray(1), 1, numbers, categories);
    const at = (name: string) => categories[layout.categories.findIndex((c) => c.name === name)][1];
    assert.equal(at('company_size'), 3);
    assert.equal(at('challenges_2'), 1);
    assert.equal(at('challenges_1'), 0);
    assert.equal(at('networks_1'), -1);
    assert.equal(at('consent'), 1);
    assert.equal(at('relation_sales'), 9);
    assert.equal(numbers[layout.numbers.findIndex((c) => c.name === 'team_size')][1], 2.5);
    assert.ok(Number.isNaN(numbers[layout.numbers.findIndex((c) => c.name === 'budget_share')][1]));
  });
});
