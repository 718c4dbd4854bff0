import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { describe, it } from 'node:test';
import { evaluateCondition, type Condition } from '../../../study/index.js';
import { logicScript } from './logic-script.js';

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
    ];
    const answerSets = [{}, { a: 1 }, { a: 2, b: [3] }, { a: 1, b: [2, 3], c: 'x' }, { c: '' }];
    for (const condition of conditions) {
      for (const answers of answerSets) assert.equal(browser(condition, answers), evaluateCondition(condition, answers), JSON.stringify({ condition, answers }));
    }
    assert.doesNotMatch(logicScript(), /: (number|string|boolean|unknown)\b/, 'types are stripped');
  });
});
