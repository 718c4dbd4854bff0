import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/run-cli.js';

const file = (name: string) => new URL(`./fixtures/surveyjs/${name}`, import.meta.url).pathname;

describe('barometre import surveyjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-import-surveyjs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a loss that changes who sees what, printing the losses grouped by construct', async () => {
    const r = await runCli(['import', 'surveyjs', file('covid-screening.json')], { DATA_DIR: dir });
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /^lost: complete trigger \(1\), changes who sees what\n {2}survey \(\{consent\} = false\): the survey does not end early; every later question is asked$/m,
    );
    assert.match(r.stderr, /^lost: hidden question \(1\), changes who sees what\n {2}visitor_id: the question, hidden in SurveyJS, is shown to everyone$/m);
    assert.match(r.stderr, /^error: \(import\): visitor_id: hidden question left out: .*--accept-losses/m);
    assert.equal((r.stderr.match(/^lost: /gm) ?? []).length, 6, 'each construct once (the html text is now an information text)');
  });

  it('writes the study with --accept-losses, every language of the file in it', async () => {
    const out = join(dir, 'covid.json');
    const r = await runCli(['import', 'surveyjs', file('covid-screening.json'), '--accept-losses', '--out', out], { DATA_DIR: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^lost: validators \(1\)$/m);
    assert.doesNotMatch(r.stderr, /^error:/m);
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')).languages, ['en', 'fr']);
    const validate = await runCli(['study', 'validate', out], { DATA_DIR: dir });
    assert.equal(validate.code, 0, validate.stderr + validate.stdout);
  });

  it('documents --accept-losses in its help', async () => {
    const r = await runCli(['import', 'surveyjs', '--help'], { DATA_DIR: dir });
    assert.equal(r.code, 0);
    assert.match(r.stdout + r.stderr, /--accept-losses/);
  });
});
