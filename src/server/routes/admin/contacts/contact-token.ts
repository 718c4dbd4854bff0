import { createHmac } from 'node:crypto';

/**
 * A contact's survey token: 128 bits derived from the server secret, the wave and the contact, so that a
 * reminder carries the same link as the invitation while the database keeps only `hashToken(token)`.
 * Without SECRET_KEY nobody can compute it; it changes when the secret changes.
 */
export function contactToken(secret: string, waveId: number, contactId: number): string {
  return createHmac('sha256', secret).update(`invitation\u0000${waveId}\u0000${contactId}`).digest().subarray(0, 16).toString('base64url');
}
