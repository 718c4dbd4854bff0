import assert from 'node:assert/strict';
import { createCipheriv, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { createDemoPublicId } from './demo-public-id.js';
import { createPrng } from './prng.js';

const SECRET = 'a-test-secret-of-at-least-32-bytes-0123456789';

function ids(secretKey: string, seed: number, year: number, n: number): string[] {
  const next = createDemoPublicId(secretKey, seed, year);
  return Array.from({ length: n }, (_, rank) => next(rank));
}

/** The 10 bytes the seed alone gave for each rank (the ids' tail before they were keyed by the secret). */
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

  it('does not give the bytes the seed alone gives: the tail is AES-256(K, IV + rank), K and IV keyed by the secret', () => {
    const seed = 7,
      year = 2017,
      n = 2500; // three cipher calls of 1,024 ids
    const tails = seededTails(seed, year, n);
    const key = createHmac('sha256', SECRET).update('demo-public-id').digest();
    const wave = Buffer.alloc(6);
    wave.writeUInt16BE(year, 0);
    wave.writeUInt32BE(seed, 2);
    const iv = BigInt(`0x${createHmac('sha256', key).update(wave).digest().subarray(0, 16).toString('hex')}`);
    const block = (rank: number) => {
      const counter = Buffer.from(((iv + BigInt(rank)) % (1n << 128n)).toString(16).padStart(32, '0'), 'hex');
      const aes = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
      return Buffer.concat([aes.update(counter), aes.final()]);
    };
    ids(SECRET, seed, year, n).forEach((id, rank) => {
      const tail = Buffer.from(id, 'base64url').subarray(6);
      assert.notDeepEqual(tail, tails[rank], `rank ${rank}`);
      assert.deepEqual(tail, block(rank).subarray(0, 10), `rank ${rank}`);
    });
  });

  it('gives each rank its id whatever the order of the calls', () => {
    const inOrder = ids(SECRET, 7, 2017, 3000);
    const next = createDemoPublicId(SECRET, 7, 2017);
    for (const rank of [2999, 0, 1024, 1023, 2048, 5, 2047]) assert.equal(next(rank), inOrder[rank], `rank ${rank}`);
  });

  it('refuses an empty secret', () => {
    assert.throws(() => createDemoPublicId('', 7, 2017), /secret key is empty/);
  });
});
