import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogue } from '../../messages/index.js';
import { describeCondition, type ConditionVariable } from './condition-words.js';

const words = (key: string, params: Record<string, string | number> = {}) =>
  (catalogue('en') as Record<string, string>)[`admin.editor.${key}`]!.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

const VARIABLES: ConditionVariable[] = [
  {
    name: 'region',
    text: 'Region',
    kind: 'single',
    codes: [
      { code: 1, label: 'North' },
      { code: 2, label: 'South' },
    ],
  },
  {
    name: 'uses',
    text: 'Uses',
    kind: 'multiple',
    codes: [
      { code: 1, label: 'Bus' },
      { code: 2, label: 'Car' },
    ],
  },
  { name: 'age', text: 'Age', kind: 'number', codes: [] },
];

describe('conditions in words', () => {
  it('words each test with the question text and option labels', () => {
    assert.equal(describeCondition({ op: 'equals', question: 'region', value: 2 }, VARIABLES, words), '“Region” is “South” (2)');
    assert.equal(describeCondition({ op: 'equals', question: 'uses', value: 2 }, VARIABLES, words), '“Car” (2) is chosen at “Uses”');
    assert.equal(describeCondition({ op: 'in', question: 'region', values: [1, 2] }, VARIABLES, words), '“Region” is one of “North” (1), “South” (2)');
    assert.equal(describeCondition({ op: 'compare', question: 'age', comparator: '>=', value: 18 }, VARIABLES, words), '“Age” is at least 18');
    assert.equal(describeCondition({ op: 'compare', question: 'region', comparator: '!=', value: 1 }, VARIABLES, words), '“Region” is not “North” (1)');
    assert.equal(describeCondition({ op: 'empty', question: 'age' }, VARIABLES, words), '“Age” is not answered');
  });

  it('brackets nested groups and negations', () => {
    const condition = {
      op: 'and',
      conditions: [
        { op: 'answered', question: 'age' },
        {
          op: 'or',
          conditions: [
            { op: 'equals', question: 'region', value: 1 },
            { op: 'not', condition: { op: 'compare', question: 'age', comparator: '<', value: 30 } },
          ],
        },
      ],
    };
    assert.equal(describeCondition(condition, VARIABLES, words), '“Age” is answered and (“Region” is “North” (1) or not (“Age” is less than 30))');
  });

  it('names an unknown question by its variable name', () => {
    assert.equal(describeCondition({ op: 'answered', question: 'later' }, VARIABLES, words), 'later is answered');
  });
});
