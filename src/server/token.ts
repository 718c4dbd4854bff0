import { createHmac, randomBytes } from 'node:crypto';

/** A new secret token for a URL: 128 random bits, base64url (22 characters). */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * What the database keeps instead of a token: HMAC-SHA256 with the server secret, hex. A stolen database
 * alone gives no usable link; the same token always gives the same hash, so it is looked up by equality.
 */
export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token, 'utf8').digest('hex');
}
