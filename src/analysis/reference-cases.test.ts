import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeReferenceCases, type ReferenceCase } from './reference-cases.js';
import { readCsv } from './read-csv.js';

const CSV = 'g,y,w,wave\n"a",1,2,"2015"\n"a",3,2,"2015"\n"b",5,1,"2015"\n"b",7,1,"2015"\n"b",NA,1,"2016"\n';
const base: ReferenceCase = { id: 'x', data: 'd.csv', design: { weights: 'w', filter: { wave: '2015' } }, estimate: { kind: 'mean', variable: 'y' } };

describe('readCsv', () => {
  it('reads quoted fields, "" escapes and CRLF line ends into text columns', () => {
    const table = readCsv('a,b\r\n"x, ""y""",2\r\n3,\r\n');
    assert.deepEqual(table.header, ['a', 'b']);
    assert.deepEqual(table.columns.get('a'), ['x, "y"', '3']);
    assert.deepEqual(table.columns.get('b'), ['2', '']);
  });
  it('names the row with a wrong number of fields', () => {
    assert.throws(() => readCsv('a,b\n1\n'), /line 2 has 1 fields/);
    assert.deepEqual([...readCsv('a,b\n"x\ny",1\n\n2,3\n').lines], [2, 5], 'file lines of the rows');
  });
});

describe('computeReferenceCases', () => {
  it('computes each case with the reference field names, reading each data file once', () => {
    let reads = 0;
    const doc = computeReferenceCases(
      {
        cases: [base, { ...base, id: 'by', estimate: { kind: 'proportion', variable: 'g' } }, { ...base, id: 'w', estimate: { kind: 'weights' } }],
      },
      () => {
        reads++;
        return CSV;
      },
    );
    assert.equal(reads, 1);
    assert.deepEqual(
      (doc.cases[0].result as { level: string; estimate: number }[]).map((r) => [r.level, r.estimate]),
      [['y', (2 + 6 + 5 + 7) / 6]],
    );
    assert.deepEqual(
      (doc.cases[1].result as { level: string }[]).map((r) => r.level),
      ['ga', 'gb'],
    );
    assert.deepEqual(doc.cases[2].result, [{ sum: 6, min: 1, max: 2, kish_deff: (4 * 10) / 36 }]);
  });
  it('gives a broken case an error field and still computes the others', () => {
    const doc = computeReferenceCases(
      {
        cases: [
          { ...base, id: 'unknown', estimate: { kind: 'mean', variable: 'nope' } },
          { ...base, id: 'text', estimate: { kind: 'mean', variable: 'g' } },
          { ...base, id: 'missing-file', data: 'absent.csv' },
          base,
        ],
      },
      (name) => {
        if (name === 'absent.csv') throw new Error('ENOENT absent.csv');
        return CSV;
      },
    );
    assert.match(String(doc.cases[0].error), /UNKNOWN_COLUMN: .*"nope"/);
    assert.match(String(doc.cases[1].error), /NOT_NUMERIC: .*"g"/);
    assert.match(String(doc.cases[2].error), /ENOENT/);
    assert.equal(doc.cases[3].error, undefined);
    assert.ok(Array.isArray(doc.cases[3].result));
  });
  it('reads a numeric column whose only text value is in a row the filter leaves out, and names the line of a kept one', () => {
    const csv = 'y,w,wave\n1,1,a\n3,1,a\nn/a,1,b\n5,1,b\n';
    const doc = computeReferenceCases(
      {
        cases: [
          { id: 'a', data: 'd.csv', design: { weights: 'w', filter: { wave: 'a' } }, estimate: { kind: 'mean', variable: 'y' } },
          { id: 'b', data: 'd.csv', design: { weights: 'w', filter: { wave: 'b' } }, estimate: { kind: 'mean', variable: 'y' } },
        ],
      },
      () => csv,
    );
    assert.deepEqual(doc.cases[0].result, [{ level: 'y', estimate: 2, se: 1 }]);
    assert.equal(doc.cases[1].error, 'NOT_NUMERIC: case "b": mean: column "y" is not numeric (value "n/a") (d.csv line 4)');
  });
});
