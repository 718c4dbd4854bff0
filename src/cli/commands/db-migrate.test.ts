import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, describe, it } from 'node:test';
import { main } from '../main.js';

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, out, err };
}

describe('barometre db migrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('applies the migrations to an empty SQLite database, then finds it up to date', async () => {
    const first = await run(['db', 'migrate'], { DATA_DIR: dir });
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^applied 0001-initial$/m);
    assert.match(first.out, /migrations? applied/);
    const second = await run(['db', 'migrate'], { DATA_DIR: dir });
    assert.equal(second.code, 0);
    assert.doesNotMatch(second.out, /applied 0001/);
    assert.match(second.out, /up to date/);
  });

  it('prints its help', async () => {
    const help = await run(['db', 'migrate', '--help'], {});
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: barometre db migrate/);
  });

  it('exits 2 on a DATABASE_URL that is not PostgreSQL, naming the variable', async () => {
    const bad = await run(['db', 'migrate'], { DATA_DIR: dir, DATABASE_URL: 'mysql://x' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /DATABASE_URL: expected a postgres/);
  });

  it('exits 2 on an unknown option', async () => {
    const bad = await run(['db', 'migrate', '--force'], { DATA_DIR: dir });
    assert.equal(bad.code, 2);
  });
});
