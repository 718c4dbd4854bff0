import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv } from './read-csv.js';
import { readCsvColumns } from './read-csv-columns.js';
import { seededRandom } from '../stats/test-helpers.js';

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
  it('reads random files as readCsv does: quotes, "" escapes, CRLF, empty lines, NA, UTF-8, long first rows', () => {
    const random = seededRandom(11);
    const pieces = ['a', 'b', 'Plutôt', 'NA', '', '12', '-3.5', '1e2', 'x y', '€'];
    for (let round = 0; round < 40; round++) {
      const cols = 1 + Math.floor(random() * 4);
      const rows = Math.floor(random() * 600);
      const eol = random() < 0.5 ? '\n' : '\r\n';
      const lines = [Array.from({ length: cols }, (_, c) => `c${c}`).join(',')];
      for (let r = 0; r < rows; r++) {
        const fields = Array.from({ length: cols }, () => {
          const v = r < 200 && random() < 0.3 ? 'long'.repeat(20) : pieces[Math.floor(random() * pieces.length)];
          const u = random();
          // (a quoted empty field alone on its line is a row here, an empty line for readCsv)
          if (cols === 1 && v === '') return v;
          return u < 0.15 ? `"${v}"` : u < 0.2 ? `"${v}""q""\n${v}"` : u < 0.22 ? `"${v},${v}"` : v;
        });
        lines.push(fields.join(','));
        if (random() < 0.05) lines.push('');
      }
      const text = lines.join(eol) + (random() < 0.5 ? eol : '');
      const table = readCsv(text);
      const columns = readCsvColumns(bytes(text));
      assert.equal(columns.rowCount, table.rowCount, `round ${round}`);
      assert.deepEqual([...columns.lines], [...table.lines]);
      table.header.forEach((name, c) => {
        const { codes, values } = columns.codes(c);
        const read = columns.numbers(c);
        table.columns.get(name)!.forEach((v, r) => {
          const missing = v === '' || v === 'NA';
          assert.equal(codes[r] < 0 ? null : values[codes[r]], missing ? null : v, `round ${round} ${name} row ${r}`);
          if (read.numbers) assert.ok(Object.is(read.numbers[r], missing ? NaN : Number(v)), `round ${round} ${name} row ${r} number`);
        });
        if (!read.numbers) assert.equal(table.columns.get(name)![read.row], read.text);
        assert.equal(new Set(values).size, values.length, 'each value once');
      });
    }
  });
});
