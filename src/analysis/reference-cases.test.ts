import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeReferenceCases, type ReferenceCase } from './reference-cases.js';
import { readCsv } from './read-csv.js';
import { readCsvColumns } from './read-csv-columns.js';
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

describe('readCsvColumns', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('reads the same fields as readCsv, with the same file lines, straight into typed columns', () => {
    const text = '\ufeffg,x,t\r\n"a",1.5,"say ""hi"""\r\n\r\nb,-0.25,"two\nlines"\nNA,NA,\n"a",1e3,x\n';
    const table = readCsv(text);
    const columns = readCsvColumns(bytes(text));
    assert.deepEqual(columns.header, table.header);
    assert.equal(columns.rowCount, table.rowCount);
    assert.deepEqual([...columns.lines], [...table.lines]);
    table.header.forEach((name, c) => {
      const { codes, values } = columns.codes(c);
      table.columns.get(name)!.forEach((v, r) => assert.equal(codes[r] < 0 ? (v === 'NA' ? 'NA' : '') : values[codes[r]], v, `${name} row ${r}`));
    });
    assert.deepEqual([...columns.numbers(1).numbers!], [1.5, -0.25, NaN, 1000]);
    assert.deepEqual(columns.codes(0), { codes: Int32Array.of(0, 1, -1, 0), values: ['a', 'b'] });
    assert.deepEqual(columns.numbers(0), { numbers: null, row: 0, text: 'a' });
    assert.throws(() => readCsvColumns(bytes('a,b\n1,2\n3\n')), /line 3 has 1 fields/);
    assert.throws(() => readCsvColumns(bytes('a,b\n"1,2\n')), /quoted field opened on line 2 is never closed/);
  });
  it('reads UTF-8 values, quoted or not, as one level, and CR line ends', () => {
    const columns = readCsvColumns(bytes('q\rPlutôt\r"Plutôt"\r"Plut""ôt"\rNon\r'));
    assert.deepEqual(columns.codes(0), { codes: Int32Array.of(0, 0, 1, 2), values: ['Plutôt', 'Plut"ôt', 'Non'] });
    assert.deepEqual([...columns.lines], [2, 3, 4, 5]);
  });
  it('keeps the numbers of a column with many distinct values, and its codes when asked', () => {
    const values = Array.from({ length: 5000 }, (_, i) => String(i / 8));
    const columns = readCsvColumns(bytes(`w,g\n${values.map((v, i) => `${v},${i % 3}`).join('\n')}\n`));
    assert.deepEqual([...columns.numbers(0).numbers!], values.map(Number));
    const { codes, values: distinct } = columns.codes(0);
    assert.equal(distinct.length, 5000);
    assert.deepEqual([...codes].slice(0, 3), [0, 1, 2]);
    assert.deepEqual(columns.codes(1).values, ['0', '1', '2']);
    // a text value after many numbers: no numbers, and the codes from a second pass
    const mixed = readCsvColumns(bytes(`w\n${values.join('\n')}\nabc\n`));
    assert.deepEqual(mixed.numbers(0), { numbers: null, row: 5000, text: 'abc' });
    assert.equal(mixed.codes(0).values[5000], 'abc');
  });
  it('parses numbers to the same double as Number()', () => {
    const random = seededRandom(5);
    const values = Array.from({ length: 20000 }, (_, i) => {
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 12 - 4);
      return i % 3 === 0 ? x.toPrecision(1 + Math.floor(random() * 17)) : i % 3 === 1 ? String(x) : x.toFixed(Math.floor(random() * 8));
    });
    const parsed = readCsvColumns(bytes(`v\n${values.join('\n')}\n`)).numbers(0).numbers!;
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
