import { createHmac, timingSafeEqual } from 'node:crypto';
import { hashToken, newToken } from '../../token.js';

/**
 * The respondent side's secrets, all keyed with the server's SECRET_KEY:
 * - invitation tokens: 128 random bits (base64url, 22 characters); the database keeps only
 *   HMAC-SHA256(secret, token) in hex;
 * - the public id of an open-link response: derived from the first page's submission id, so a double post
 *   of the first page creates one response;
 * - the benchmark token: derived from the response's (random) public id, so the thanks page can show it
 *   again to the respondent without the database ever storing it (only its HMAC is stored);
 * - the signed render time of a page, for per-page durations.
 */
export interface RespondSecrets {
  tokenHash(token: string): string;
  responsePublicId(firstSubmissionId: string): string;
  benchmarkToken(publicId: string): string;
  signShownAt(ms: number, submissionId: string): string;
  /** the render time when the signature is right, else undefined */
  readShownAt(value: string | undefined, submissionId: string): number | undefined;
}

/** 128 random bits, base64url: an invitation token (hand it out, store `tokenHash(token)`). */
export const newInvitationToken = newToken;

export function respondSecrets(secretKey: string): RespondSecrets {
  const mac = (purpose: string, value: string) => createHmac('sha256', secretKey).update(`${purpose}\u0000${value}`);
  const signShownAt = (ms: number, submissionId: string) => `${ms}.${mac('shown', `${ms}:${submissionId}`).digest('base64url').slice(0, 22)}`;
  return Object.freeze({
    tokenHash: (token: string) => hashToken(secretKey, token),
    responsePublicId: (submissionId: string) => mac('response', submissionId).digest().subarray(0, 16).toString('base64url'),
    benchmarkToken: (publicId: string) => mac('benchmark', publicId).digest().subarray(0, 16).toString('base64url'),
    signShownAt,
    readShownAt(value: string | undefined, submissionId: string): number | undefined {
      const match = value === undefined ? null : /^(\d{1,15})\.[A-Za-z0-9_-]{22}$/.exec(value);
      if (!match) return undefined;
      const expected = Buffer.from(signShownAt(Number(match[1]), submissionId));
      const given = Buffer.from(value!);
      return expected.length === given.length && timingSafeEqual(expected, given) ? Number(match[1]) : undefined;
    },
  });
}
