import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvTextCell, neutraliseCell, quoteCell, unneutraliseCell } from './csv-cell.js';
import { csvRecords } from '../analysis/read-csv.js';

const SAMPLES = ['=1+1', '+33 6', '-2', '@SUM(A1)', '\tx', '\rx', 'a;=1+1', 'a,+1', 'say "=1"', "'=x", "''=x", "'", 'plain', '', "l'été", '1;2', '  edge  ', 'a\nb'];

describe('CSV cells', () => {
  it('prefixes a single quote to a cell that starts a formula or breaks out into one', () => {
    assert.equal(neutraliseCell('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
    assert.equal(neutraliseCell('a;=1+1'), `'a;=1+1`);
    assert.equal(neutraliseCell('plain text'), 'plain text');
    for (const s of SAMPLES) assert.doesNotMatch(neutraliseCell(s), /^[=+\-@\t\r]/, s);
  });

  it('gives every text back exactly through unneutraliseCell', () => {
    for (const s of SAMPLES) assert.equal(unneutraliseCell(neutraliseCell(s)), s, JSON.stringify(s));
  });

  it('quotes per RFC 4180 and reads back the same cells', async () => {
    assert.equal(quoteCell('a,b', ','), '"a,b"');
    assert.equal(quoteCell('a;b', ','), 'a;b');
    assert.equal(quoteCell('say "hi"', ';'), '"say ""hi"""');
    for (const separator of [',', ';']) {
      const line = SAMPLES.map((s) => csvTextCell(s, separator)).join(separator) + '\r\n';
      const records = [];
      for await (const r of csvRecords([line.slice(0, 7), line.slice(7)], separator)) records.push(r.cells);
      assert.deepEqual(records[0].map(unneutraliseCell), SAMPLES);
    }
  });

  it('makes the same cell as neutralising then quoting, texts without special characters included', () => {
    const texts = [...SAMPLES, 'Société Générale', 'Jean-Pierre', 'a b', ' a', 'a ', 'x=1', 'x@y', 'tab\tin', 'é👍', 'ok'];
    for (let k = 0; k < 2000; k++) {
      let text = '';
      for (let c = 0; c < 1 + (k % 7); c++) text += 'ab =+-@,;"\'\r\n\té'[(k * 7 + c * 13) % 17];
      texts.push(text);
    }
    for (const separator of [',', ';', '\t']) {
      for (const text of texts) assert.equal(csvTextCell(text, separator), quoteCell(neutraliseCell(text), separator), JSON.stringify(text));
    }
  });

  it('reports a quote left open with its line', async () => {
    await assert.rejects(async () => {
      for await (const _ of csvRecords(['a,b\n"open,\n'], ',')) void _;
    }, /line 2: a quoted cell is not closed/);
  });
});
