import { createHmac } from 'node:crypto';
import { createPrng } from './prng.js';

/** What the key of the demo's public ids is derived for, from the installation's secret. */
const PURPOSE = 'demo-public-id';

/**
 * The public ids of one demo wave's responses, for ranks 0, 1, 2… in that order. A public id is what an
 * open-link respondent resumes with (`?r=…`), so it must not be computable from the (public) seed: each one
 * is 16 bytes, base64url (22 characters), made of the wave's year (2 bytes) and the response's rank
 * (4 bytes), so that a million inserts land at the end of the unique index instead of at random pages,
 * then the first 10 bytes of HMAC-SHA256(K, year ‖ rank ‖ 10 bytes drawn from the seed's `ids:YEAR`
 * stream), where K = HMAC-SHA256(secretKey, "demo-public-id"). Same seed and secret, same ids; without the
 * secret, the last 80 bits cannot be guessed. About 2 µs an id (one HMAC; K is derived once).
 * @throws Error when `secretKey` is empty.
 */
export function createDemoPublicId(secretKey: string, seed: number, year: number): (rank: number) => string {
  if (secretKey.length === 0) throw new Error('createDemoPublicId: the secret key is empty');
  const key = createHmac('sha256', secretKey).update(PURPOSE).digest();
  const prng = createPrng(seed, `ids:${year}`);
  // scratch buffers reused for every id: the HMAC's message, then the id itself
  const message = Buffer.alloc(16);
  const id = Buffer.alloc(16);
  message.writeUInt16BE(year, 0);
  id.writeUInt16BE(year, 0);
  return (rank) => {
    message.writeUInt32BE(rank, 2);
    message.writeUInt32LE(Math.floor(prng.next() * 4294967296), 6);
    message.writeUInt32LE(Math.floor(prng.next() * 4294967296), 10);
    message.writeUInt16LE(Math.floor(prng.next() * 65536), 14);
    id.writeUInt32BE(rank, 2);
    createHmac('sha256', key).update(message).digest().copy(id, 6, 0, 10);
    return id.toString('base64url');
  };
}
