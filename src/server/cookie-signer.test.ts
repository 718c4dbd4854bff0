import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Signer } from '@fastify/cookie';
import { cookieSigner } from './cookie-signer.js';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes-0123456789';

describe('cookieSigner', () => {
  it("signs exactly as @fastify/cookie's Signer, so each verifies the other's cookies", () => {
    const ours = cookieSigner(SECRET);
    const theirs = new Signer(SECRET, 'sha256');
    for (const value of ['', 'abc', 'rsp-0123456789abcdefghij', 'é=;,. x', 'a'.repeat(300)]) {
      assert.equal(ours.sign(value), theirs.sign(value));
      assert.deepEqual({ ...ours.unsign(theirs.sign(value)) }, { valid: true, renew: false, value });
      assert.equal(theirs.unsign(ours.sign(value)).value, value);
    }
  });

  it('refuses a tampered value or signature, another secret, and malformed input, also after the genuine one was verified', () => {
    const signer = cookieSigner(SECRET);
    const signed = signer.sign('response-42');
    assert.equal(signer.unsign(signed).valid, true);
    assert.equal(signer.unsign(signed).value, 'response-42', 'remembered: the same answer');
    const [value, mac] = [signed.slice(0, signed.lastIndexOf('.')), signed.slice(signed.lastIndexOf('.') + 1)];
    for (const bad of [`response-43.${mac}`, `${value}.${mac.slice(0, -1)}A`, `${value}.${mac}x`, `${value}.`, value, '', '.', cookieSigner(`${SECRET}!`).sign('response-42')]) {
      assert.deepEqual({ ...signer.unsign(bad) }, { valid: false, renew: false, value: null }, bad);
    }
    assert.throws(() => signer.unsign(undefined as unknown as string), TypeError);
    assert.throws(() => signer.sign(42 as unknown as string), TypeError);
  });

  it('remembers a bounded number of verified values and still verifies the ones it forgot', () => {
    const signer = cookieSigner(SECRET, 3);
    const signed = Array.from({ length: 10 }, (_, i) => signer.sign(`v${i}`));
    for (const s of signed) assert.equal(signer.unsign(s).valid, true);
    for (const [i, s] of signed.entries()) assert.equal(signer.unsign(s).value, `v${i}`);
  });
});
