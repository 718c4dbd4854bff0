import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnExtents, columnGroups, fitColumns, keepNumbersTogether, unbreakablePieces } from './table-layout.js';

/** A monospaced measure: 5 points a character (10 in a header). */
const measure = (text: string, header: boolean) => [...text].length * (header ? 10 : 5);

describe('table layout', () => {
  it('breaks a cell only at ordinary spaces and after hyphens, never inside a number written with no-break spaces', () => {
    assert.deepEqual(unbreakablePieces('Voient la relation'), ['Voient', 'la', 'relation']);
    assert.deepEqual(unbreakablePieces('n\u00A0=\u00A01\u202F012'), ['n\u00A0=\u00A01\u202F012']);
    assert.deepEqual(unbreakablePieces('Île-de-France\n12 %'), ['Île-', 'de-', 'France', '12', '%']);
    assert.equal(keepNumbersTogether('250 à 4 999 salariés'), '250 à 4\u202F999 salariés');
    assert.equal(keepNumbersTogether('en 2015 et 12 345 678'), 'en 2015 et 12\u202F345\u202F678');
  });

  it('makes every column as wide as its widest unbreakable piece', () => {
    const extents = columnExtents(['Indicateur', '%'], [['Ensemble des indicateurs', '93\u00A0%\nn\u00A0=\u00A01\u202F012']], measure, 2);
    // "Indicateur " in the header: 11 characters at 10 points; "n = 1 012 " in the body: 10 at 5
    assert.equal(extents[0].min, 110 + 4.5);
    assert.equal(extents[1].min, 50 + 4.5);
    // it would like the width of its longest body line (24 characters); the header wraps between its words
    assert.equal(extents[0].max, 120 + 4.5);
    assert.equal(extents[1].max, 50 + 4.5);
  });

  it('fills the width, every column at least its minimum, and gives the room first to the columns that would wrap', () => {
    const widths = fitColumns(
      [
        { min: 50, max: 200 },
        { min: 40, max: 40 },
      ],
      200,
    )!;
    assert.deepEqual(widths, [160, 40]);
    const wide = fitColumns(
      [
        { min: 50, max: 100 },
        { min: 40, max: 100 },
      ],
      400,
    )!;
    assert.deepEqual(wide, [200, 200]);
    assert.equal(
      fitColumns(
        [
          { min: 150, max: 150 },
          { min: 100, max: 100 },
        ],
        200,
      ),
      null,
    );
  });

  it('splits a table too wide for the page into groups of columns that repeat the row labels', () => {
    const column = { min: 60, max: 80 };
    const groups = columnGroups([{ min: 100, max: 200 }, column, column, column, column, column], 300, 1);
    assert.deepEqual(groups, [
      [0, 1, 2, 3],
      [0, 4, 5],
    ]);
    for (const group of groups) assert.ok(group.reduce((sum, j) => sum + (j === 0 ? 100 : 60), 0) <= 300);
    assert.deepEqual(
      columnGroups(
        [
          { min: 100, max: 100 },
          { min: 400, max: 400 },
        ],
        300,
        1,
      ),
      [[0, 1]],
      'a column wider than the page stays whole',
    );
  });
});
