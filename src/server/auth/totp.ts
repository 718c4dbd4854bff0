import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Store } from '../../store/index.js';

/**
 * The owners' optional TOTP second factor (RFC 6238 through otplib: SHA-1, 6 digits, 30 s, one step of drift
 * either way). The secret must be readable to check codes, so it is stored encrypted (AES-256-GCM under a
 * key derived from SECRET_KEY), never in clear; a code's time step is accepted once (no replay, on any node).
 */
export const TOTP_ISSUER = 'Baromètre';
const ENCRYPTION_LABEL = 'barometre totp secret encryption v1';
const PENDING_LABEL = 'barometre login second step v1';
/** how long the code page of a login stays valid after the right password */
export const PENDING_LOGIN_MS = 5 * 60_000;

const keyOf = (secretKey: string, label: string) => createHmac('sha256', secretKey).update(label).digest();

export function encryptTotpSecret(secretKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretKey, ENCRYPTION_LABEL), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decryptTotpSecret(secretKey: string, stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('totp: unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretKey, ENCRYPTION_LABEL), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** A new random secret (base32, 160 bits) and its otpauth:// URI for the authenticator app. */
export function newTotpSecret(email: string): { secret: string; uri: string } {
  const secret = generateSecret();
  return { secret, uri: generateURI({ issuer: TOTP_ISSUER, label: email, secret }) };
}

/**
 * Checks a user's code at `now` and, when it is right and its time step has not been used, records the step
 * (`confirm`: also completes a pending enrolment). False for a wrong, replayed or malformed code.
 */
export async function checkTotpCode(store: Store, secretKey: string, userId: number, code: string, now: Date, confirm = false): Promise<boolean> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  const totp = await store.users.getTotp(userId);
  if (!totp || (!confirm && !totp.enabled)) return false;
  const result = await verify({ secret: decryptTotpSecret(secretKey, totp.encryptedSecret), token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: 30 });
  if (!result.valid || !('timeStep' in result)) return false;
  return store.users.acceptTotpStep(userId, result.timeStep, confirm, now);
}

/** The signed proof, carried by the code page, that `userId` gave the right password until `expiresAt`. */
export function pendingLoginToken(secretKey: string, userId: number, expiresAt: number): string {
  const payload = `${userId}.${expiresAt}`;
  return `${payload}.${createHmac('sha256', keyOf(secretKey, PENDING_LABEL)).update(payload).digest('base64url')}`;
}

/** The user id of a valid, unexpired pending-login token; undefined otherwise. */
export function readPendingLogin(secretKey: string, token: string | undefined, now: Date): number | undefined {
  const match = /^(\d{1,9})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return undefined;
  const expected = Buffer.from(pendingLoginToken(secretKey, Number(match[1]), Number(match[2])).split('.')[2]!);
  const given = Buffer.from(match[3]!);
  if (!timingSafeEqual(expected, given) || Number(match[2]) < now.getTime()) return undefined;
  return Number(match[1]);
}
