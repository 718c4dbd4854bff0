import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanModule } from '../../../test/helpers/scan-module.js';
import { PassThrough } from 'node:stream';
import { main } from '../main.js';

function io() {
  const stdout = new PassThrough(),
    stderr = new PassThrough();
  let out = '',
    err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdout, stderr, stdin: new PassThrough(), env: {} }, out: () => out, err: () => err };
}

describe('barometre stats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stats-cli-'));
  writeFileSync(join(dir, 'd.csv'), 'y,w\n1,1\n3,1\n');
  const cases = {
    cases: [
      { id: 'ok', data: 'd.csv', design: { weights: 'w' }, estimate: { kind: 'mean', variable: 'y' } },
      { id: 'bad', data: 'd.csv', design: { weights: 'w' }, estimate: { kind: 'mean', variable: 'z' } },
    ],
  };
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(cases));

  it('prints the cases with results, an error field for a broken case, and exits 1', async () => {
    const t = io();
    const code = await main(['stats', join(dir, 'cases.json')], t.io);
    assert.equal(code, 1);
    const doc = JSON.parse(t.out());
    assert.deepEqual(doc.cases[0].result, [{ level: 'y', estimate: 2, se: 1 }]);
    assert.match(doc.cases[1].error, /UNKNOWN_COLUMN/);
    assert.match(t.err(), /case bad/);
  });

  it('writes --out and reads data from --data-dir', async () => {
    writeFileSync(join(dir, 'only-ok.json'), JSON.stringify({ cases: [cases.cases[0]] }));
    const t = io();
    const out = join(dir, 'out.json');
    assert.equal(await main(['stats', join(dir, 'only-ok.json'), '--data-dir', dir, '--out', out], t.io), 0);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).cases[0].result[0].estimate, 2);
  });

  it('names the case and the 1-based line of the data file; refuses an option it does not compute', async () => {
    writeFileSync(join(dir, 'e.csv'), 'y,w,g\n1,1,a\n\n"x\ny",1,b\n3,-1,a\n');
    writeFileSync(
      join(dir, 'errors.json'),
      JSON.stringify({
        cases: [
          { id: 'text', data: 'e.csv', design: { weights: 'w' }, estimate: { kind: 'mean', variable: 'y' } },
          { id: 'wald', data: 'e.csv', design: { weights: 'w' }, estimate: { kind: 'chisq', rows: 'g', cols: 'g', statistic: 'Wald' } },
          { id: 'nodesign', data: 'e.csv', estimate: { kind: 'proportion', variable: 'g' } },
        ],
      }),
    );
    const t = io();
    assert.equal(await main(['stats', join(dir, 'errors.json')], t.io), 1);
    const doc = JSON.parse(t.out());
    assert.match(doc.cases[0].error, /^NEGATIVE_WEIGHT: case "text": .* \(e\.csv line 6\)$/);
    assert.match(doc.cases[1].error, /^INVALID_CASE: case "wald": estimate\.statistic: "Wald" is not computed/);
    assert.match(doc.cases[2].error, /^INVALID_CASE: case "nodesign": design: required/);
    assert.match(t.err(), /3 of 3 cases failed/);
  });

  it('exits 2 on bad usage', async () => {
    const t = io();
    assert.equal(await main(['stats'], t.io), 2);
    assert.equal(await main(['stats', join(dir, 'missing.json')], t.io), 2);
  });
});

describe('the stats command module', () => {
  it('loads only statistics, the case format and the CSV reader: no server, store, report, PDF or charts', () => {
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const ref of scanModule(readFileSync(file, 'utf8')).references) {
        if (ref.typeOnly || !ref.specifier) continue;
        if (ref.specifier.startsWith('.')) visit(resolve(dirname(file), ref.specifier.replace(/\.js$/, '.ts')));
        else if (!ref.specifier.startsWith('node:')) packages.add(ref.specifier);
      }
    };
    visit(join(src, 'cli/commands/stats.ts'));
    const parts = new Set([...seen].map((f) => relative(src, f).split('/')[0]));
    assert.deepEqual([...parts].sort(), ['analysis', 'cli', 'stats']);
    assert.deepEqual([...packages].sort(), ['csv-parse', 'csv-parse/sync', 'zod'], 'the one CSV reader is on csv-parse');
    for (const f of seen)
      assert.doesNotMatch(
        relative(src, f),
        /^analysis\/(?!read-csv|reference-cases|reference-estimator-results)/,
        'analysis modules beyond the case format, its estimators and the CSV reader',
      );
  });
});
