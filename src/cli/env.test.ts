import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { readCliEnv } from './env.js';

describe('readCliEnv', () => {
  it('defaults to SQLite in ./data, made absolute', () => {
    assert.deepEqual(readCliEnv({}), { dataDir: resolve('./data'), databaseUrl: undefined });
  });

  it('treats blank variables as unset', () => {
    assert.deepEqual(readCliEnv({ DATA_DIR: ' ', DATABASE_URL: '' }), { dataDir: resolve('./data'), databaseUrl: undefined });
  });

  it('accepts postgres:// and postgresql:// URLs', () => {
    for (const url of ['postgres://root@/db?host=/var/run/postgresql', 'postgresql://u:p@db.example.org:5432/b']) {
      assert.equal(readCliEnv({ DATABASE_URL: url, DATA_DIR: '/srv/b' }).databaseUrl, url);
    }
  });

  it('rejects another URL with an INVALID_INPUT naming DATABASE_URL', () => {
    assert.throws(
      () => readCliEnv({ DATABASE_URL: 'sqlite:///x.sqlite' }),
      (e: { code?: string; message?: string }) => e.code === 'INVALID_INPUT' && /DATABASE_URL/.test(e.message ?? ''),
    );
  });
});
