import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { createDemoPublicId } from './demo-public-id.js';
import { createPrng } from './prng.js';

const SECRET = 'a-test-secret-of-at-least-32-bytes-0123456789';

function ids(secretKey: string, seed: number, year: number, n: number): string[] {
  const next = createDemoPublicId(secretKey, seed, year);
  return Array.from({ length: n }, (_, rank) => next(rank));
}

/** The 10 bytes the seed alone gives for each rank (what the ids' tail was before they were keyed). */
function seededTails(seed: number, year: number, n: number): Buffer[] {
  const prng = createPrng(seed, `ids:${year}`);
  return Array.from({ length: n }, () => {
    const bytes = Buffer.alloc(10);
    bytes.writeUInt32LE(Math.floor(prng.next() * 4294967296), 0);
    bytes.writeUInt32LE(Math.floor(prng.next() * 4294967296), 4);
    bytes.writeUInt16LE(Math.floor(prng.next() * 65536), 8);
    return bytes;
  });
}

describe('createDemoPublicId', () => {
  it('gives 22 base64url characters: the year and the rank, then 10 bytes', () => {
    const list = ids(SECRET, 7, 2017, 300);
    list.forEach((id, rank) => {
      assert.match(id, /^[A-Za-z0-9_-]{22}$/);
      const bytes = Buffer.from(id, 'base64url');
      assert.equal(bytes.length, 16);
      assert.equal(bytes.readUInt16BE(0), 2017);
      assert.equal(bytes.readUInt32BE(2), rank);
    });
    assert.equal(new Set(list).size, list.length);
  });

  it('gives the same ids for the same seed and secret', () => {
    assert.deepEqual(ids(SECRET, 7, 2017, 500), ids(SECRET, 7, 2017, 500));
  });

  it('gives other ids for another secret, another seed or another year', () => {
    const base = ids(SECRET, 7, 2017, 500).map((id) => id.slice(8));
    for (const other of [ids(SECRET + '!', 7, 2017, 500), ids(SECRET, 8, 2017, 500), ids(SECRET, 7, 2016, 500)]) {
      other.forEach((id, rank) => assert.notEqual(id.slice(8), base[rank], `rank ${rank}`));
    }
  });

  it('does not give the bytes the seed alone gives: the tail is the HMAC keyed by the secret', () => {
    const seed = 7, year = 2017, n = 500;
    const tails = seededTails(seed, year, n);
    const key = createHmac('sha256', SECRET).update('demo-public-id').digest();
    ids(SECRET, seed, year, n).forEach((id, rank) => {
      const tail = Buffer.from(id, 'base64url').subarray(6);
      assert.notDeepEqual(tail, tails[rank], `rank ${rank}`);
      const message = Buffer.alloc(16);
      message.writeUInt16BE(year, 0);
      message.writeUInt32BE(rank, 2);
      tails[rank].copy(message, 6);
      assert.deepEqual(tail, createHmac('sha256', key).update(message).digest().subarray(0, 10), `rank ${rank}`);
    });
  });

  it('refuses an empty secret', () => {
    assert.throws(() => createDemoPublicId('', 7, 2017), /secret key is empty/);
  });
});
