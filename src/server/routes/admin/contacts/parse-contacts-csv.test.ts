import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseContactsCsv } from './parse-contacts-csv.js';

describe('parseContactsCsv', () => {
  it('keeps good lines and rejects each bad one with its line number', () => {
    const text = 'email,name,company,company_size\na@x.org,Ann,Acme,2\nnot-an-email,Bob,Beta,1\n"c@y.org","Cy, Jr.",Gamma,3\nd@z.org,Dee\nA@x.org,Ann again,Acme,2\n';
    const result = parseContactsCsv(text);
    assert.deepEqual(
      result.rows.map((r) => [r.line, r.email, r.name]),
      [
        [2, 'a@x.org', 'Ann'],
        [4, 'c@y.org', 'Cy, Jr.'],
      ],
    );
    assert.deepEqual(
      result.rejected.map((r) => [r.line, r.code]),
      [
        [3, 'INVALID_EMAIL'],
        [5, 'FIELD_COUNT'],
        [6, 'DUPLICATE_EMAIL'],
      ],
    );
    assert.deepEqual(result.rows[0]!.profile, { company_size: 2 });
  });
  it('reads semicolon files with French headers, a BOM and CRLF', () => {
    const result = parseContactsCsv('\uFEFFcourriel;nom;entreprise\r\nx@y.fr;Zoé;Société\r\n');
    assert.equal(result.rows[0]!.email, 'x@y.fr');
    assert.equal(result.rows[0]!.company, 'Société');
    assert.equal(result.rejected.length, 0);
  });
  it('counts lines of multi-line quoted fields and refuses a file without an email column', () => {
    const result = parseContactsCsv('email,name\n"a@b.org","two\nlines"\nbad,x\n');
    assert.deepEqual(
      result.rejected.map((r) => r.line),
      [4],
    );
    assert.equal(parseContactsCsv('name\nx\n').rejected[0]!.code, 'NO_EMAIL_COLUMN');
  });
  it('ignores __proto__ columns', () => {
    const result = parseContactsCsv('email,__proto__\na@b.org,{"x":1}\n');
    assert.equal(result.rows[0]!.profile, null);
  });
});
