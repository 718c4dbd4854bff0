import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../test/helpers/run-cli.js';

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCli(argv, env);

describe('barometre db migrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('applies the migrations to an empty SQLite database, then finds it up to date', async () => {
    const first = await run(['db', 'migrate'], { DATA_DIR: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^applied 0001-initial$/m);
    assert.match(first.stdout, /migrations? applied/);
    const second = await run(['db', 'migrate'], { DATA_DIR: dir });
    assert.equal(second.code, 0);
    assert.doesNotMatch(second.stdout, /applied 0001/);
    assert.match(second.stdout, /up to date/);
  });

  it('prints its help', async () => {
    const help = await run(['db', 'migrate', '--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: barometre db migrate/);
  });

  it('exits 2 on a DATABASE_URL that is not PostgreSQL, naming the variable', async () => {
    const bad = await run(['db', 'migrate'], { DATA_DIR: dir, DATABASE_URL: 'mysql://x' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /DATABASE_URL: expected a postgres/);
  });

  it('exits 2 on an unknown option', async () => {
    const bad = await run(['db', 'migrate', '--force'], { DATA_DIR: dir });
    assert.equal(bad.code, 2);
  });
});
