import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scanModule } from './helpers/scan-module.js';

// One CSV reader for the whole project: src/analysis/read-csv.ts, on csv-parse. No other module imports
// csv-parse, and none reads CSV by hand (a module about CSV that compares a character with a double quote,
// as a hand-written CSV parser must; writers quote with replace() and never compare).
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const READER = 'src/analysis/read-csv.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'fixtures' ? [] : sources(path);
    return /\.(ts|mts|js|mjs)$/.test(name) ? [path] : [];
  });
}

const QUOTE_COMPARISON = /(?:===|!==|==|!=)\s*(?:34\b|'"'|"\\"")|(?:34|'"'|"\\"")\s*(?:===|!==)/;

/** Why a module's text looks like a hand-written CSV reader, or null. */
export function handWrittenCsv(path: string, text: string): string | null {
  if (!/csv/i.test(path) && !/csv/i.test(text)) return null;
  const line = text.split('\n').findIndex((l) => QUOTE_COMPARISON.test(l));
  return line < 0 ? null : `${path}:${line + 1} compares a character with a double quote`;
}

describe('one CSV reader', () => {
  const files = ['src', 'bench', 'scripts', 'bin', 'test'].flatMap((d) => sources(join(ROOT, d))).map((f) => relative(ROOT, f).split('\\').join('/'));

  it('lets only src/analysis/read-csv.ts import csv-parse', () => {
    const importers = files.filter((f) => scanModule(readFileSync(join(ROOT, f), 'utf8')).references.some((r) => r.specifier?.startsWith('csv-parse')));
    assert.deepEqual(importers, [READER]);
  });

  it('finds no CSV parsed by hand anywhere else', () => {
    const found = files.filter((f) => f !== READER && f !== 'test/architecture-csv.test.ts').map((f) => handWrittenCsv(f, readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(
      found.filter((x) => x !== null),
      [],
    );
  });

  it('recognises the hand-written readers it replaced', () => {
    assert.match(handWrittenCsv('src/x/parse-contacts-csv.ts', `if (ch === '"' && text[i + 1] === '"') field += '"';`) ?? '', /:1 compares a character/);
    assert.match(handWrittenCsv('src/x/csv-records.ts', 'if (text.charCodeAt(i) === 34 /* " */) quoted = true;') ?? '', /compares a character/);
    assert.equal(handWrittenCsv('src/x/write-csv.ts', `return '"' + text.replace(/"/g, '""') + '"';`), null);
  });
});
