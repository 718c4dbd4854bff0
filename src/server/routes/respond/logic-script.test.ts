import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import { evaluateCondition, type Condition } from '../../../study/index.js';
import { logicScript } from './logic-script.js';

describe('comparisons and empty', () => {
  it('compare numbers and dates; unanswered makes every comparison false but != true', () => {
    const ge18: Condition = { op: 'compare', question: 'n', comparator: '>=', value: 18 };
    assert.equal(evaluateCondition(ge18, { n: 18 }), true);
    assert.equal(evaluateCondition(ge18, { n: 17.9 }), false);
    assert.equal(evaluateCondition(ge18, {}), false);
    assert.equal(evaluateCondition({ op: 'compare', question: 'n', comparator: '<', value: 18 }, {}), false);
    assert.equal(evaluateCondition({ op: 'compare', question: 'n', comparator: '!=', value: 18 }, {}), true);
    assert.equal(evaluateCondition({ op: 'compare', question: 'd', comparator: '<', value: '2024-01-01' }, { d: '2023-12-31' }), true);
    assert.equal(evaluateCondition({ op: 'compare', question: 'd', comparator: '>', value: '2024-01-01' }, { d: '2023-12-31' }), false);
  });

  it('!= on a multiple choice: the code is not among those selected', () => {
    const not2: Condition = { op: 'compare', question: 'm', comparator: '!=', value: 2 };
    assert.equal(evaluateCondition(not2, { m: [1, 3] }), true);
    assert.equal(evaluateCondition(not2, { m: [2, 3] }), false);
    assert.equal(evaluateCondition(not2, { m: [] }), true);
    assert.equal(evaluateCondition({ op: 'compare', question: 'm', comparator: '>', value: 1 }, { m: [2] }), false, 'no order on selections');
  });

  it('empty: nothing given (an empty text or an empty selection is empty)', () => {
    const empty = (answers: Record<string, unknown>) => evaluateCondition({ op: 'empty', question: 'x' }, answers);
    assert.deepEqual([empty({}), empty({ x: '' }), empty({ x: [] }), empty({ x: 0 }), empty({ x: 'a' }), empty({ x: [1] })], [true, true, true, false, false, false]);
  });
});

describe('the display-logic script served to browsers', () => {
  it('is the server function: same verdicts on the same conditions', () => {
    const window: { BarometreLogic?: { evaluateCondition: typeof evaluateCondition } } = {};
    runInNewContext(`${logicScript()}\nwindow.BarometreLogic = BarometreLogic;`, { window });
    const browser = window.BarometreLogic!.evaluateCondition;
    const conditions: Condition[] = [
      { op: 'equals', question: 'a', value: 1 },
      { op: 'in', question: 'b', values: [2, 3] },
      { op: 'answered', question: 'c' },
      { op: 'not', condition: { op: 'equals', question: 'a', value: 2 } },
      {
        op: 'and',
        conditions: [
          { op: 'equals', question: 'a', value: 1 },
          { op: 'in', question: 'b', values: [3] },
        ],
      },
      {
        op: 'or',
        conditions: [
          { op: 'answered', question: 'z' },
          { op: 'equals', question: 'b', value: 2 },
        ],
      },
      // comparisons on numbers, dates, codes and multiple choices; empty
      ...(['<', '<=', '>', '>=', '!='] as const).flatMap((comparator): Condition[] => [
        { op: 'compare', question: 'n', comparator, value: 18 },
        { op: 'compare', question: 'n', comparator, value: -0.5 },
        { op: 'compare', question: 'd', comparator, value: '2024-03-01' },
        { op: 'compare', question: 'a', comparator, value: 1 },
        { op: 'compare', question: 'b', comparator, value: 2 },
      ]),
      { op: 'empty', question: 'n' },
      { op: 'empty', question: 'b' },
      { op: 'empty', question: 'c' },
      {
        op: 'and',
        conditions: [
          { op: 'not', condition: { op: 'empty', question: 'd' } },
          {
            op: 'or',
            conditions: [
              { op: 'compare', question: 'n', comparator: '>=', value: 18 },
              { op: 'in', question: 'b', values: [2] },
            ],
          },
        ],
      },
    ];
    const answerSets = [
      {},
      { a: 1 },
      { a: 2, b: [3] },
      { a: 1, b: [2, 3], c: 'x' },
      { c: '' },
      { n: 18, d: '2024-03-01', b: [] },
      { n: 17.5, d: '2023-12-31', b: [2] },
      { n: 40, d: '2024-03-02' },
      { n: -1, a: 3 },
      { n: 'x', d: '' },
    ];
    const verdicts = new Set<boolean>();
    for (const condition of conditions) {
      for (const answers of answerSets) {
        const verdict = evaluateCondition(condition, answers);
        verdicts.add(verdict);
        assert.equal(browser(condition, answers), verdict, JSON.stringify({ condition, answers }));
      }
    }
    assert.equal(verdicts.size, 2, 'the cases reach both verdicts');
    assert.doesNotMatch(logicScript(), /: (number|string|boolean|unknown)\b/, 'types are stripped');
  });
});
