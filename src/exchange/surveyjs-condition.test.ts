import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { surveyJsCondition, type SurveyJsVariable } from './surveyjs-condition.js';

const variables: Record<string, SurveyJsVariable> = {
  gender: {
    variable: 'gender',
    type: 'choice',
    codes: new Map([
      ['male', 1],
      ['female', 2],
      ['other', 3],
    ]),
  },
  channels: {
    variable: 'channels',
    type: 'multiple',
    codes: new Map([
      ['phone', 1],
      ['mail', 2],
      ['shop', 3],
      ['none', 4],
    ]),
  },
  nps: { variable: 'nps', type: 'choice', codes: new Map(Array.from({ length: 11 }, (_, k) => [String(k), k])) },
  customer: {
    variable: 'customer',
    type: 'boolean',
    codes: new Map([
      ['true', 1],
      ['false', 0],
    ]),
  },
  age: { variable: 'age', type: 'number', codes: new Map() },
  remarks: { variable: 'remarks', type: 'text', codes: new Map() },
  quality: {
    variable: 'quality',
    type: 'matrix',
    codes: new Map([
      ['1', 1],
      ['2', 2],
      ['3', 3],
    ]),
    rows: new Map([
      ['speed', 'quality_speed'],
      ['price', 'quality_price'],
    ]),
  },
};
const map = (expression: string) => surveyJsCondition(expression, (name) => variables[name]);
const condition = (expression: string) => {
  const mapped = map(expression);
  assert.ok(mapped.ok, mapped.ok ? '' : mapped.reason);
  return mapped.condition;
};

describe('surveyJsCondition', () => {
  it('maps equality on choices, booleans and numbers, the literal on either side', () => {
    assert.deepEqual(condition("{gender} == 'female'"), { op: 'equals', question: 'gender', value: 2 });
    assert.deepEqual(condition("'female' = {gender}"), { op: 'equals', question: 'gender', value: 2 });
    assert.deepEqual(condition('{customer} = true'), { op: 'equals', question: 'customer', value: 1 });
    assert.deepEqual(condition("{customer} = 'false'"), { op: 'equals', question: 'customer', value: 0 });
    assert.deepEqual(condition('{age} = 30'), {
      op: 'and',
      conditions: [
        { op: 'compare', question: 'age', comparator: '>=', value: 30 },
        { op: 'compare', question: 'age', comparator: '<=', value: 30 },
      ],
    });
    assert.deepEqual(condition("{gender} <> 'male'"), { op: 'compare', question: 'gender', comparator: '!=', value: 1 });
  });

  it('maps orders on numbers to comparisons, and on numeric choices to the codes that satisfy them', () => {
    assert.deepEqual(condition('{age} >= 18'), { op: 'compare', question: 'age', comparator: '>=', value: 18 });
    assert.deepEqual(condition('65 < {age}'), { op: 'compare', question: 'age', comparator: '>', value: 65 });
    assert.deepEqual(condition('{nps} <= 6'), { op: 'in', question: 'nps', values: [0, 1, 2, 3, 4, 5, 6] });
    assert.deepEqual(condition('{nps} > 8'), { op: 'in', question: 'nps', values: [9, 10] });
  });

  it('maps contains, notcontains, anyof, allof and noneof', () => {
    assert.deepEqual(condition("{channels} contains 'shop'"), { op: 'equals', question: 'channels', value: 3 });
    assert.deepEqual(condition("{channels} notcontains 'shop'"), { op: 'not', condition: { op: 'equals', question: 'channels', value: 3 } });
    assert.deepEqual(condition("{gender} anyof ['male', 'other']"), { op: 'in', question: 'gender', values: [1, 3] });
    assert.deepEqual(condition("{channels} allof ['phone', 'mail']"), {
      op: 'and',
      conditions: [
        { op: 'equals', question: 'channels', value: 1 },
        { op: 'equals', question: 'channels', value: 2 },
      ],
    });
    assert.deepEqual(condition("{channels} noneof ['none']"), { op: 'not', condition: { op: 'in', question: 'channels', values: [4] } });
  });

  it('maps emptiness, negation and matrix rows', () => {
    assert.deepEqual(condition('{remarks} notempty'), { op: 'answered', question: 'remarks' });
    assert.deepEqual(condition('not ({remarks} notempty)'), { op: 'empty', question: 'remarks' });
    assert.deepEqual(condition('!({gender} = male) || {age} empty'), {
      op: 'or',
      conditions: [
        { op: 'not', condition: { op: 'equals', question: 'gender', value: 1 } },
        { op: 'empty', question: 'age' },
      ],
    });
    assert.deepEqual(condition('{quality.speed} >= 2'), { op: 'in', question: 'quality_speed', values: [2, 3] });
    assert.deepEqual(condition('{quality} notempty'), {
      op: 'or',
      conditions: [
        { op: 'answered', question: 'quality_speed' },
        { op: 'answered', question: 'quality_price' },
      ],
    });
  });

  it('gives the reason for what cannot be kept', () => {
    for (const [expression, reason] of [
      ['age({birth}) >= 18', /function age\(\) is not kept/],
      ['{age} + 1 > 18', /arithmetic/],
      ["{remarks} = 'x'", /not a choice nor a number/],
      ["{gender} = 'robot'", /"robot" is not a value of \{gender\}/],
      ['{later} = 1', /\{later\} is not an earlier imported question/],
      ['{panel.q} = 1', /dynamic panel/],
      ['{quality.taste} = 1', /not a row of the matrix/],
      ["{gender} contains 'male'", /contains to a single choice/],
      ['{nps} > 10', /holds for no choice/],
      ['{gender} > 1', /not all numbers/],
      ['{gender} = ', /does not parse/],
    ] as const) {
      const mapped = map(expression);
      assert.ok(!mapped.ok, expression);
      assert.match(mapped.reason, reason, expression);
    }
  });
});
