import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/** As @fastify/cookie's UnsignResult. */
export type UnsignResult = { readonly valid: true; readonly renew: boolean; readonly value: string } | { readonly valid: false; readonly renew: false; readonly value: null };

const INVALID: UnsignResult = Object.freeze({ valid: false, renew: false, value: null } as const);

/**
 * The cookie signer given to @fastify/cookie (its `secret` option takes any object with sign and unsign):
 * HMAC-SHA256 in @fastify/cookie's own format (`value.` + base64 without padding), so cookies signed by
 * either verify with the other. The key object is made once instead of on every call, and the last
 * `remember` signed values that verified are kept: a respondent sends the same signed cookies with every
 * page, and each page verified two of them (the response cookie and the CSRF secret).
 */
export function cookieSigner(secret: string, remember = 10_000) {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const mac = (value: string) => createHmac('sha256', key).update(value).digest('base64').replace(/=+$/, '');
  const verified = new Map<string, UnsignResult>();
  return Object.freeze({
    sign(value: string): string {
      if (typeof value !== 'string') throw new TypeError('Cookie value must be provided as a string.');
      return `${value}.${mac(value)}`;
    },
    unsign(signed: string): UnsignResult {
      if (typeof signed !== 'string') throw new TypeError('Signed cookie string must be provided.');
      const known = verified.get(signed);
      if (known !== undefined) return known;
      const dot = signed.lastIndexOf('.');
      if (dot === -1 || dot === signed.length - 1) return INVALID;
      const value = signed.slice(0, dot);
      const expected = Buffer.from(mac(value));
      const actual = Buffer.from(signed.slice(dot + 1));
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return INVALID;
      const result: UnsignResult = Object.freeze({ valid: true, renew: false, value } as const);
      verified.set(signed, result);
      if (verified.size > remember) verified.delete(verified.keys().next().value!);
      return result;
    },
  });
}
