import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../test/helpers/run-cli.js';

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCli(argv, env);

describe('barometre study validate / export / list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-study-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exports the built-in study and validates it with exit 0', async () => {
    const exported = await run(['study', 'export', 'social-media-barometer']);
    assert.equal(exported.code, 0);
    const file = join(dir, 'study.json');
    writeFileSync(file, exported.stdout);
    const valid = await run(['study', 'validate', file]);
    assert.equal(valid.code, 0, valid.stderr);
    assert.match(valid.stdout, /^ok: social-media-barometer/);
  });

  it('reads a logo from the study file’s folder, prints the branding with its contrast, and refuses a pale accent colour naming the field', async () => {
    const doc = JSON.parse((await run(['study', 'export', 'social-media-barometer'])).stdout);
    writeFileSync(join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>');
    const file = join(dir, 'branded.json');
    writeFileSync(file, JSON.stringify({ ...doc, branding: { logo: 'logo.svg', accentColor: '#1f4e79' } }));
    const valid = await run(['study', 'validate', file]);
    assert.equal(valid.code, 0, valid.stderr);
    assert.match(valid.stdout, /^branding: accent colour #1f4e79, contrast 8\.7:1 against white \(at least 4\.5:1\)$/m);
    assert.match(valid.stdout, /^branding: logo image\/svg\+xml, 0 kB$/m);
    writeFileSync(file, JSON.stringify({ ...doc, branding: { logo: '../outside.svg', accentColor: '#1f4e79' } }));
    const outside = await run(['study', 'validate', file]);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^branding\.logo: "\.\.\/outside\.svg" cannot be read: ENOENT$|^branding\.logo: "\.\.\/outside\.svg" is outside/m);
    writeFileSync(file, JSON.stringify({ ...doc, branding: { accentColor: '#ffd700' } }));
    const pale = await run(['study', 'validate', file]);
    assert.equal(pale.code, 2);
    assert.match(pale.stderr, /^branding\.accentColor: accent colour #ffd700 has a contrast of 1\.\d\d:1 against white; links and buttons need at least 4\.5:1/m);
  });

  it('prints every error of a broken file with its path and exits 2', async () => {
    const doc = JSON.parse((await run(['study', 'export', 'social-media-barometer'])).stdout);
    doc.pages[1].questions[0].options[3].code = 3; // a duplicate option code
    doc.pages[1].questions[1].condition = { op: 'equals', question: 'outlook', value: 1 }; // a later question
    delete doc.pages[2].questions[0].text.en; // a missing English label
    doc.pages[2].questions[1].kind = 'slider'; // an unknown kind
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await run(['study', 'validate', file]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^pages\[1\]\.questions\[0\]\.options\[3\]\.code: duplicate code 3$/m);
    assert.match(result.stderr, /^pages\[1\]\.questions\[1\]\.condition: condition on "outlook", which is not an earlier question$/m);
    assert.match(result.stderr, /^pages\[2\]\.questions\[0\]\.text\.en: missing en text$/m);
    assert.match(result.stderr, /^pages\[2\]\.questions\[1\]\.kind: unknown question kind "slider"/m);
  });

  it('warns, with exit 0, about a study language without an interface catalogue', async () => {
    const exported = (await run(['study', 'export', 'social-media-barometer'])).stdout;
    const doc = JSON.parse(exported.replaceAll('"en":', '"it":'));
    doc.languages = ['fr', 'it'];
    const file = join(dir, 'italian.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await run(['study', 'validate', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^ok: social-media-barometer/);
    assert.match(result.stderr, /^warning: language "it" has no interface catalogue: falls back to English for the interface's words$/m);
    assert.doesNotMatch(result.stderr, /"fr"/);
  });

  it('exits 2 on a missing file, bad JSON and bad usage', async () => {
    assert.equal((await run(['study', 'validate', join(dir, 'nope.json')])).code, 2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    assert.equal((await run(['study', 'validate', bad])).code, 2);
    const usage = await run(['study', 'validate']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /expected exactly one FILE/);
  });

  it('lists the studies of the database, with built-in ones not stored yet', async () => {
    const data = join(dir, 'data');
    const empty = await run(['study', 'list'], { DATA_DIR: data });
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(empty.stdout, /social-media-barometer\tbuilt in, not stored yet/);
    const json = await run(['study', 'list', '--json'], { DATA_DIR: data });
    assert.deepEqual(JSON.parse(json.stdout), { studies: [], builtInNotStored: ['social-media-barometer', 'energy-mobility-barometer'] });
  });

  it('has --help on every command', async () => {
    for (const cmd of [
      ['study', 'validate'],
      ['study', 'export'],
      ['study', 'list'],
    ]) {
      const help = await run([...cmd, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: barometre /);
    }
  });
});
