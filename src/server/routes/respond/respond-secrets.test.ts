import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { badLinkLimiter } from './bad-link-limiter.js';
import { newInvitationToken, respondSecrets } from './respond-secrets.js';

describe('respondent secrets', () => {
  const secrets = respondSecrets('k'.repeat(64));

  it('makes 128-bit tokens and stores only their keyed hash', () => {
    const token = newInvitationToken();
    assert.match(token, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(Buffer.from(token, 'base64url').length, 16);
    assert.notEqual(newInvitationToken(), token);
    assert.match(secrets.tokenHash(token), /^[0-9a-f]{64}$/);
    assert.notEqual(respondSecrets('j'.repeat(64)).tokenHash(token), secrets.tokenHash(token), 'the hash depends on the server secret');
  });

  it('derives the same public id from the same first submission id (a double post creates one response)', () => {
    assert.equal(secrets.responsePublicId('abcdefghijklmnop'), secrets.responsePublicId('abcdefghijklmnop'));
    assert.notEqual(secrets.responsePublicId('abcdefghijklmnop'), secrets.responsePublicId('abcdefghijklmnoq'));
    assert.match(secrets.benchmarkToken('x'), /^[A-Za-z0-9_-]{22}$/);
  });

  it('reads back a signed render time and refuses a forged one', () => {
    const signed = secrets.signShownAt(1_700_000_000_000, 'sid-one-0123456789');
    assert.equal(secrets.readShownAt(signed, 'sid-one-0123456789'), 1_700_000_000_000);
    assert.equal(secrets.readShownAt(signed, 'sid-two-0123456789'), undefined);
    assert.equal(secrets.readShownAt(signed.replace(/^\d/, '2'), 'sid-one-0123456789'), undefined);
    assert.equal(secrets.readShownAt(undefined, 'sid-one-0123456789'), undefined);
  });
});

describe('bad link limiter', () => {
  it('blocks an address past its failures in the window, and only that address', () => {
    const limiter = badLinkLimiter({ max: 3, windowMs: 1000 });
    for (let i = 0; i < 3; i++) {
      assert.equal(limiter.blocked('a', 100), false);
      limiter.fail('a', 100 + i);
    }
    assert.equal(limiter.blocked('a', 200), true);
    assert.equal(limiter.blocked('b', 200), false);
    assert.equal(limiter.blocked('a', 1200), false, 'the window slides');
  });
});
