import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES, columnLayout, validateStudy } from '../study/index.js';
import { indicatorColumn } from './indicator-column.js';

const result = validateStudy(BUILT_IN_STUDIES[0]);
if (!result.ok) throw new Error('built-in study is invalid');
const layout = columnLayout(result.study);
const indicator = (id: string) => result.study.indicators.find((i) => i.id === id)!;

describe('indicatorColumn', () => {
  it('counts the yes codes as 1, other codes as 0, and leaves "don’t know" and missing out of the base', () => {
    const columns = { n: 6, categories: new Map([['importance', Int16Array.of(4, 3, 2, 1, 9, -1)]]) };
    assert.deepEqual([...indicatorColumn(columns, layout, indicator('presence_important'))], [1, 1, 0, 0, -1, -1]);
  });

  it('reads a multiple choice’s dichotomy', () => {
    const columns = { n: 3, categories: new Map([['challenges_1', Int16Array.of(1, 0, -1)]]) };
    assert.deepEqual([...indicatorColumn(columns, layout, indicator('challenge_roi'))], [1, 0, -1]);
  });

  it('throws on a variable that is not a category column', () => {
    assert.throws(() => indicatorColumn({ n: 0, categories: new Map() }, layout, { id: 'x', variable: 'team_size', yes: [1] }), /not a category column/);
  });
});
