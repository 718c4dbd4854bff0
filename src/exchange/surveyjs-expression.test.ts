import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExpressionSyntaxError, expressionText, parseExpression, tokenizeExpression } from './surveyjs-expression.js';

const text = (source: string) => expressionText(parseExpression(source));

describe('parseExpression', () => {
  it('reads every spelling of equality and inequality as one operator', () => {
    for (const source of ['{q} = 1', '{q} == 1', '{q} equal 1']) assert.equal(text(source), '{q} = 1');
    for (const source of ['{q} != 1', '{q} <> 1', '{q} notequal 1']) assert.equal(text(source), '{q} != 1');
  });

  it('gives "and" precedence over "or", and parentheses over both', () => {
    assert.deepEqual(parseExpression('{a} = 1 or {b} = 2 and {c} = 3'), {
      kind: 'or',
      operands: [
        { kind: 'compare', operator: '=', left: { kind: 'variable', name: 'a' }, right: { kind: 'literal', value: 1 } },
        {
          kind: 'and',
          operands: [
            { kind: 'compare', operator: '=', left: { kind: 'variable', name: 'b' }, right: { kind: 'literal', value: 2 } },
            { kind: 'compare', operator: '=', left: { kind: 'variable', name: 'c' }, right: { kind: 'literal', value: 3 } },
          ],
        },
      ],
    });
    assert.equal(text('({a} = 1 || {b} = 2) && {c} = 3'), '({a} = 1 or {b} = 2) and {c} = 3');
  });

  it('reads comparisons, set operators with arrays, emptiness and negation', () => {
    assert.equal(text('{q} anyof [\'a\', "b", 3]'), "{q} anyof ['a', 'b', 3]");
    assert.equal(text("{q} ALLOF ['x']"), "{q} allof ['x']");
    assert.equal(text("{q} notcontains 'x'"), "{q} notcontains 'x'");
    assert.equal(text('{q} <= -2.5'), '{q} <= -2.5');
    assert.equal(text('{q} notempty and {r} empty'), '{q} notempty and {r} empty');
    assert.equal(text('not {q} = 1 and !({r} > 2)'), 'not ({q} = 1) and not ({r} > 2)');
    assert.equal(text('{matrix.row 1} = 2'), '{matrix.row 1} = 2');
  });

  it('reads a bare word as a string, booleans as booleans, and keeps escaped quotes', () => {
    assert.deepEqual(parseExpression('{q} = yes').kind === 'compare' && (parseExpression('{q} = yes') as { right: unknown }).right, { kind: 'literal', value: 'yes' });
    assert.equal(text('{q} = true'), '{q} = true');
    assert.equal(text("{q} = 'l\\'eau'"), "{q} = 'l'eau'");
  });

  it('parses functions and arithmetic so that callers can name them', () => {
    assert.equal(text('age({birth}) >= 18'), 'age({birth}) >= 18');
    assert.equal(text('{a} + {b} * 2 > 10'), '({a} + ({b} * 2)) > 10');
  });

  it('refuses what does not parse, with the offset where it stops', () => {
    for (const [source, offset] of [
      ['{q} = ', 6],
      ['({q} = 1', 8],
      ['{q} = 1 1', 8],
      ["{q} = 'open", 6],
      ['{q = 1', 0],
      ['{q} # 1', 4],
      ['', 0],
      ['{} = 1', 0],
    ] as const) {
      assert.throws(
        () => parseExpression(source),
        (error: unknown) => error instanceof ExpressionSyntaxError && error.offset === offset,
        source,
      );
    }
  });

  it('tokenizes "<=" and "<>" as one symbol each', () => {
    assert.deepEqual(
      tokenizeExpression('{a}<={b}<>1').map((t) => (t.type === 'symbol' ? t.text : t.type)),
      ['variable', '<=', 'variable', '<>', 'number', 'end'],
    );
  });
});
