import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeReferenceCases, type ReferenceCase } from './reference-cases.js';
import { csvCodes, csvField, csvNumbers, indexCsv, readCsv } from './read-csv.js';
import { seededRandom } from '../stats/test-helpers.js';

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

describe('indexCsv', () => {
  const fail = (k: number, text: string): never => {
    throw new Error(`bad ${k} ${text}`);
  };
  it('reads the same fields as readCsv, with the same file lines, and typed columns straight from the text', () => {
    const text = '\ufeffg,x,t\r\n"a",1.5,"say ""hi"""\r\n\r\nb,-0.25,"two\nlines"\nNA,NA,\n"a",1e3,x\n';
    const table = readCsv(text);
    const index = indexCsv(text);
    assert.deepEqual(index.header, table.header);
    assert.equal(index.rowCount, table.rowCount);
    assert.deepEqual([...index.lines], [...table.lines]);
    table.header.forEach((name, c) => table.columns.get(name)!.forEach((v, r) => assert.equal(csvField(index, r, c), v, `${name} row ${r}`)));
    const all = Int32Array.of(0, 1, 2, 3);
    assert.deepEqual([...csvNumbers(index, 1, all, fail)], [1.5, -0.25, NaN, 1000]);
    assert.deepEqual(csvCodes(index, 0, all), { codes: Int32Array.of(0, 1, -1, 0), values: ['a', 'b'] });
    assert.throws(() => csvNumbers(index, 0, all, fail), /bad 0 a/);
    assert.throws(() => indexCsv('a,b\n1,2\n3\n'), /line 3 has 1 fields/);
  });
  it('parses numbers to the same double as Number()', () => {
    const random = seededRandom(5);
    const values = Array.from({ length: 20000 }, (_, i) => {
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 12 - 4);
      return i % 3 === 0 ? x.toPrecision(1 + Math.floor(random() * 17)) : i % 3 === 1 ? String(x) : x.toFixed(Math.floor(random() * 8));
    });
    const index = indexCsv(`v\n${values.join('\n')}\n`);
    const parsed = csvNumbers(
      index,
      0,
      Int32Array.from(values, (_, i) => i),
      fail,
    );
    values.forEach((v, i) => assert.ok(Object.is(parsed[i], Number(v)), `${v}: ${parsed[i]} vs ${Number(v)}`));
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
});
