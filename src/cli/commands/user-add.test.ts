import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { verifyPassword } from '../../server/auth/password.js';
import { openStore } from '../../store/index.js';
import { main } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'barometre-user-add-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], stdin: string) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  const code = await main(args, { stdout: out, stderr: err, stdin: Readable.from([stdin]), env: { DATA_DIR: dir, SECRET_KEY: 'k'.repeat(40) } });
  return { code, stdout, stderr };
}

describe('barometre user add', () => {
  it('creates an owner whose password comes from standard input, stored as argon2id', async () => {
    const r = await run(['user', 'add', '--role', 'owner', 'Admin@Example.org'], 'correct horse battery staple\nignored\n');
    assert.equal(r.code, 0, r.stderr);
    const store = await openStore({ dataDir: dir });
    try {
      const user = await store.users.getByEmail('admin@example.org');
      assert.equal(user?.role, 'owner');
      assert.match(user!.passwordHash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.equal(await verifyPassword(user!.passwordHash, 'correct horse battery staple'), true);
      assert.equal(await verifyPassword(user!.passwordHash, 'ignored'), false);
    } finally {
      await store.close();
    }
  });
  it('refuses a short or empty password and an unknown role (no default password)', async () => {
    assert.equal((await run(['user', 'add', '--role', 'owner', 'b@example.org'], '')).code, 2);
    assert.equal((await run(['user', 'add', '--role', 'owner', 'b@example.org'], 'short\n')).code, 2);
    assert.equal((await run(['user', 'add', '--role', 'root', 'b@example.org'], 'long enough password\n')).code, 2);
  });
  it('refuses a second account with the same e-mail', async () => {
    const r = await run(['user', 'add', '--role', 'viewer', 'admin@example.org'], 'another long password\n');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already exists/);
  });
});
