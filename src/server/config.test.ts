import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppError } from '../app-error.js';
import { loadConfig } from './config.js';

const SECRET = 'x'.repeat(32);

function withDataDir(fn: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-config-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('loadConfig', () => {
  it('applies the defaults', () => {
    const config = loadConfig({ SECRET_KEY: SECRET });
    assert.equal(config.port, 3000);
    assert.equal(config.host, '0.0.0.0');
    assert.match(config.dataDir, /\/data$/);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.lowBase, 30);
    assert.equal(config.suppressBase, 10);
    assert.equal(config.trustProxy, false);
    assert.equal(config.secureCookies, false);
  });

  it('reads the variables', () => {
    const config = loadConfig({
      SECRET_KEY: SECRET,
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@h/db',
      SMTP_URL: 'smtp://localhost:2525',
      PUBLIC_URL: 'https://barometre.example.org/',
      TRUST_PROXY: '1',
      LOW_BASE: '50',
      SUPPRESS_BASE: '20',
    });
    assert.equal(config.port, 8080);
    assert.equal(config.publicUrl, 'https://barometre.example.org');
    assert.equal(config.secureCookies, true);
    assert.equal(config.trustProxy, 1);
    assert.equal(config.lowBase, 50);
    assert.equal(config.smtpUrl, 'smtp://localhost:2525');
  });

  it('names the variable in its error', () => {
    assert.throws(
      () => loadConfig({ SECRET_KEY: SECRET, PORT: 'abc' }),
      (e: Error) => /PORT: expected a number \(got "abc"\)/.test(e.message),
    );
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, PORT: '70000' }), /PORT: expected at most 65535/);
    assert.throws(
      () => loadConfig({ SECRET_KEY: 'short' }),
      (e: Error) => /SECRET_KEY: expected at least 32 bytes/.test(e.message) && !e.message.includes('short'),
    );
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, PUBLIC_URL: 'javascript:alert(1)' }), /PUBLIC_URL/);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, SMTP_URL: 'http://x' }), /SMTP_URL/);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, TRUST_PROXY: 'maybe' }), /TRUST_PROXY/);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, LOW_BASE: '5', SUPPRESS_BASE: '10' }), /SUPPRESS_BASE/);
  });

  it('reads the publication threshold, 30 by default, and refuses one that is not a positive integer', () => {
    assert.equal(loadConfig({ SECRET_KEY: SECRET }).publishMinCompletes, 30);
    assert.equal(loadConfig({ SECRET_KEY: SECRET, PUBLISH_MIN_COMPLETES: '100' }).publishMinCompletes, 100);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, PUBLISH_MIN_COMPLETES: '0' }), /PUBLISH_MIN_COMPLETES: expected at least 1/);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, PUBLISH_MIN_COMPLETES: 'many' }), /PUBLISH_MIN_COMPLETES: expected a number/);
  });

  it('takes TRUST_PROXY as a hop count or a list of proxy addresses and CIDRs, and refuses true naming the variable', () => {
    assert.equal(loadConfig({ SECRET_KEY: SECRET, TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(loadConfig({ SECRET_KEY: SECRET, TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }).trustProxy, '10.0.0.5,10.0.1.0/24,::1');
    assert.equal(loadConfig({ SECRET_KEY: SECRET, TRUST_PROXY: 'false' }).trustProxy, false);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, TRUST_PROXY: 'true' }), /TRUST_PROXY: true is refused/);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, TRUST_PROXY: '10.0.0.0/33' }), /TRUST_PROXY: .*prefix length/);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, TRUST_PROXY: '10.0.0.300' }), /TRUST_PROXY: .*not an IP address/);
  });

  it('refuses to send mail without PUBLIC_URL unless the server listens on localhost only', () => {
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, SMTP_URL: 'smtp://localhost:2525' }), /PUBLIC_URL is required to send e-mail/);
    assert.throws(() => loadConfig({ SECRET_KEY: SECRET, SMTP_URL: 'smtp://localhost:2525', HOST: '0.0.0.0' }), /PUBLIC_URL/);
    assert.equal(loadConfig({ SECRET_KEY: SECRET, SMTP_URL: 'smtp://localhost:2525', HOST: '127.0.0.1' }).publicUrl, undefined);
    assert.equal(loadConfig({ SECRET_KEY: SECRET, SMTP_URL: 'smtp://x:25', PUBLIC_URL: 'https://a.example' }).publicUrl, 'https://a.example');
  });

  it('generates a secret once, keeps it in DATA_DIR/secret.key with mode 0600 and reuses it', () => {
    withDataDir((dir) => {
      const first = loadConfig({ DATA_DIR: dir });
      assert.ok(Buffer.byteLength(first.secretKey) >= 32);
      const file = join(dir, 'secret.key');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(readFileSync(file, 'utf8').trim(), first.secretKey);
      assert.equal(loadConfig({ DATA_DIR: dir }).secretKey, first.secretKey);
    });
  });

  it('prefers SECRET_KEY and then writes no file', () => {
    withDataDir((dir) => {
      assert.equal(loadConfig({ DATA_DIR: dir, SECRET_KEY: SECRET }).secretKey, SECRET);
      assert.throws(() => statSync(join(dir, 'secret.key')));
    });
  });

  it('refuses BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1 unless NODE_ENV=test, naming the variable and the reason', () => {
    for (const NODE_ENV of [undefined, 'production', 'development', '']) {
      assert.throws(
        () => loadConfig({ SECRET_KEY: SECRET, BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: '1', NODE_ENV }),
        (e: AppError) =>
          e.code === 'INVALID_INPUT' &&
          e.details.variable === 'BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT' &&
          /BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1 is refused unless NODE_ENV=test: .*before .*committed/.test(e.message),
      );
    }
    assert.throws(
      () => loadConfig({ SECRET_KEY: SECRET, BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: 'yes', NODE_ENV: 'test' }),
      /BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: expected 1 or 0 \(got "yes"\)/,
    );
  });

  it('honours BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1 under NODE_ENV=test, and leaves it off otherwise', () => {
    assert.equal(loadConfig({ SECRET_KEY: SECRET, BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: '1', NODE_ENV: 'test' }).unsafeAckBeforeCommit, true);
    assert.equal(loadConfig({ SECRET_KEY: SECRET, NODE_ENV: 'test' }).unsafeAckBeforeCommit, false);
    assert.equal(loadConfig({ SECRET_KEY: SECRET, BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: '0' }).unsafeAckBeforeCommit, false);
    assert.equal(loadConfig({ SECRET_KEY: SECRET, BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: '' }).unsafeAckBeforeCommit, false);
  });
});
