import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExpression } from './lss-expression.js';

describe('parseExpression', () => {
  it('reads the condition designer’s SGQA form with its doubled parentheses', () => {
    assert.deepEqual(parseExpression('((123X4X56.NAOK == "Y"))'), {
      type: 'compare',
      comparator: '==',
      left: { type: 'name', name: '123X4X56', suffix: 'NAOK' },
      right: { type: 'string', value: 'Y' },
    });
  });

  it('gives and precedence over or, and reads word operators', () => {
    assert.deepEqual(parseExpression("A eq 'x' or not B ne 2 and is_empty(C)"), {
      type: 'or',
      terms: [
        { type: 'compare', comparator: '==', left: { type: 'name', name: 'A', suffix: '' }, right: { type: 'string', value: 'x' } },
        {
          type: 'and',
          terms: [
            { type: 'not', term: { type: 'compare', comparator: '!=', left: { type: 'name', name: 'B', suffix: '' }, right: { type: 'number', value: 2 } } },
            { type: 'call', name: 'is_empty', args: [{ type: 'name', name: 'C', suffix: '' }] },
          ],
        },
      ],
    });
  });

  it('returns null on arithmetic, assignments and unbalanced parentheses', () => {
    for (const source of ['Q1 + 1 > 2', 'Q1 = 3', '(Q1 == 1', 'Q1 == 1)', '"open', '']) assert.equal(parseExpression(source), null, source);
  });
});
