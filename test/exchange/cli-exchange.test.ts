import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { csvRecords } from '../../src/analysis/read-csv.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedExchangeWave, type SeededWave } from './fixtures/seed-exchange-wave.js';

const run = (argv: string[], env: NodeJS.ProcessEnv) => runCli(argv, env);

async function records(text: string): Promise<string[][]> {
  const list: string[][] = [];
  for await (const r of csvRecords([text], ',')) list.push(r.cells);
  return list;
}

describe('barometre export and import commands', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let store: Store;
  let seeded: SeededWave;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'barometre-cli-exchange-'));
    env = { DATA_DIR: dir };
    store = await openStore({ dataDir: dir });
    seeded = await seedExchangeWave(store, 60);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports every format to files, Triple-S with its data file aligned to its metadata', async () => {
    const args = ['--study', seeded.study.id, '--wave', '2015'];
    for (const [format, file] of [
      ['csv', 'w.csv'],
      ['codebook', 'w.md'],
      ['sav', 'w.sav'],
      ['jsonl', 'w.jsonl'],
      ['triple-s', 'w.sss'],
    ]) {
      const r = await run(['export', ...args, '--format', format, '--out', join(dir, file)], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^${format}: \\d+ responses, \\d+ variables, weighted`));
    }
    const csv = await records(readFileSync(join(dir, 'w.csv'), 'utf8'));
    // the built-in study flags company_name identifying: left out unless asked for
    assert.ok(!csv[0].includes('company_name'));
    assert.match(readFileSync(join(dir, 'w.md'), 'utf8'), /## Left out: identifying questions[\s\S]*- company_name/);
    const full = await run(['export', ...args, '--format', 'csv', '--include-identifying', '--out', join(dir, 'full.csv')], env);
    assert.equal(full.code, 0, full.stderr);
    assert.ok((await records(readFileSync(join(dir, 'full.csv'), 'utf8')))[0].includes('company_name'));
    assert.equal(readFileSync(join(dir, 'w.sav')).subarray(0, 4).toString(), '$FL2');
    assert.match(readFileSync(join(dir, 'w.md'), 'utf8'), /## company_size/);
    const jsonl = readFileSync(join(dir, 'w.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(jsonl.length, csv.length - 1);
    assert.equal(jsonl[0].company_size, Number(csv[1][csv[0].indexOf('company_size')]));

    const xml = readFileSync(join(dir, 'w.sss'), 'utf8');
    // positions count bytes of UTF-8: cut the lines as bytes
    const bytes = readFileSync(join(dir, 'w.dat'));
    const data: Buffer[] = [];
    for (let at = 0; at < bytes.length; ) {
      const end = bytes.indexOf('\r\n', at);
      data.push(bytes.subarray(at, end));
      at = end + 2;
    }
    assert.equal(data.length, csv.length - 1);
    const positions = [...xml.matchAll(/type="(\w+)">\s*<name>([^<]+)<\/name>\s*<label>[^<]*<\/label>\s*<position start="(\d+)" finish="(\d+)"\/>/g)];
    const width = Number(positions.at(-1)![4]);
    for (const line of data) assert.equal(line.length, width);
    let checked = 0;
    for (const [, type, name, start, finish] of positions) {
      const k = csv[0].indexOf(name);
      if (type !== 'single') continue;
      checked++;
      data.forEach((line, row) =>
        assert.equal(
          line
            .subarray(Number(start) - 1, Number(finish))
            .toString('utf8')
            .trim(),
          csv[row + 1][k],
          `${name} row ${row}`,
        ),
      );
    }
    assert.ok(checked > 10);
    assert.match(xml, /type="multiple">\s*<name>networks<\/name>[\s\S]*?<spread subfields="\d+" width="\d"\/>/);
  });

  it('imports the exported CSV into another wave, and refuses a bad file with its errors', async () => {
    await store.waves.create({ studyId: seeded.study.id, code: 'copy', studyVersionId: seeded.wave.studyVersionId, title: 'Copie' });
    const ok = await run(['import', 'responses', '--study', seeded.study.id, '--wave', 'copy', join(dir, 'w.csv')], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^(\d+) of \1 responses imported/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'response_id,company_size\n1,12\n');
    const refused = await run(['import', 'responses', '--study', seeded.study.id, '--wave', 'copy', bad], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /line 2, column company_size: unknown_code/);
    assert.match(refused.stdout, /^0 of 1 responses imported/);
    const usage = await run(['import', 'responses', '--wave', 'copy', bad], env);
    assert.equal(usage.code, 2);
  });

  it('converts LimeSurvey and SurveyJS questionnaires to study files with their warnings', async () => {
    for (const [command, file] of [
      ['limesurvey', 'digital-uses.lss'],
      ['surveyjs', 'customer-survey.surveyjs.json'],
    ]) {
      const out = join(dir, `${command}.json`);
      const r = await run(['import', command, new URL(`../fixtures/exchange/${file}`, import.meta.url).pathname, '--out', out], env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^warning: /m);
      const validate = await run(['study', 'validate', out], env);
      assert.equal(validate.code, 0, validate.stderr + validate.stdout);
    }
  });
});
