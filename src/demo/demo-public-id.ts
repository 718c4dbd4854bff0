import { createCipheriv, createHmac } from 'node:crypto';

/** What the key of the demo's public ids is derived for, from the installation's secret. */
const PURPOSE = 'demo-public-id';
/** Ids whose keyed bytes one cipher call makes (16 bytes each). */
const CHUNK = 1024;
const ZEROS = Buffer.alloc(16 * CHUNK);

/**
 * The public ids of one demo wave's responses, by rank. A public id is what an open-link respondent resumes
 * with (`?r=…`), so it must not be computable from the (public) seed: each one is 16 bytes, base64url
 * (22 characters), made of the wave's year (2 bytes) and the response's rank (4 bytes), so that a million
 * inserts land at the end of the unique index instead of at random pages, then 10 bytes of
 * AES-256(K, IV + rank), where K = HMAC-SHA256(secretKey, "demo-public-id") and IV is the first 16 bytes of
 * HMAC-SHA256(K, year ‖ seed): a pseudo-random function of (year, seed, rank) keyed by the installation's
 * secret, like an HMAC of them, but computed as an AES-256-CTR keystream, 1,024 ids a call: a million ids
 * take about 0.2 s, as the seeded ids did, where one HMAC an id would cost 2.5 s, a tenth of a
 * million-response wave's generation. Same seed and secret, same ids; without the secret, the last 80
 * bits cannot be guessed. Ranks may come in any order (in order, one cipher call per 1,024).
 * @throws Error when `secretKey` is empty.
 */
export function createDemoPublicId(secretKey: string, seed: number, year: number): (rank: number) => string {
  if (secretKey.length === 0) throw new Error('createDemoPublicId: the secret key is empty');
  const key = createHmac('sha256', secretKey).update(PURPOSE).digest();
  const wave = Buffer.alloc(6);
  wave.writeUInt16BE(year, 0);
  wave.writeUInt32BE(seed >>> 0, 2);
  const iv = BigInt(`0x${createHmac('sha256', key).update(wave).digest().subarray(0, 16).toString('hex')}`);
  const id = Buffer.alloc(16);
  id.writeUInt16BE(year, 0);
  let first = -1;
  let stream = ZEROS;
  return (rank) => {
    const start = rank - (rank % CHUNK);
    if (start !== first) {
      // the counter blocks IV + start … IV + start + CHUNK - 1 (CTR mode adds over all 128 bits)
      const counter = Buffer.from(((iv + BigInt(start)) % (1n << 128n)).toString(16).padStart(32, '0'), 'hex');
      stream = createCipheriv('aes-256-ctr', key, counter).update(ZEROS);
      first = start;
    }
    id.writeUInt32BE(rank, 2);
    stream.copy(id, 6, 16 * (rank - start), 16 * (rank - start) + 10);
    return id.toString('base64url');
  };
}
