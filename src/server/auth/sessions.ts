import { createHash, randomBytes } from 'node:crypto';
import type { Store, User } from '../../store/index.js';

/** A workspace session ends after this much inactivity… */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** …and in any case this long after login. */
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;

/** The session cookie holds 128 random bits; the database only their SHA-256. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

export function sessionIdHash(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** Starts a session for a user; returns the id for the cookie (never stored). */
export async function startSession(store: Store, userId: number, now = new Date()): Promise<string> {
  const id = newSessionId();
  await store.sessions.create({ idHash: sessionIdHash(id), userId, expiresAt: new Date(now.getTime() + IDLE_TIMEOUT_MS).toISOString() }, now);
  return id;
}

/**
 * The signed-in user of a session id, or undefined when the session is unknown, idle too long, older
 * than the absolute timeout, or its user is disabled. A live session's idle expiry slides forward.
 */
export async function resumeSession(store: Store, id: string | undefined, now = new Date()): Promise<User | undefined> {
  if (!id || id.length > 64) return undefined;
  const idHash = sessionIdHash(id);
  const session = await store.sessions.get(idHash, now);
  if (!session) return undefined;
  const hardEnd = Date.parse(session.createdAt) + ABSOLUTE_TIMEOUT_MS;
  const user = await store.users.get(session.userId);
  if (now.getTime() >= hardEnd || !user || user.disabled) {
    await store.sessions.delete(idHash);
    return undefined;
  }
  // write at most once a minute
  if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
    const expiresAt = new Date(Math.min(hardEnd, now.getTime() + IDLE_TIMEOUT_MS)).toISOString();
    await store.sessions.touch(idHash, { expiresAt, now });
  }
  return user;
}

/** Ends a session on the server: its cookie is worthless afterwards. */
export async function endSession(store: Store, id: string | undefined): Promise<void> {
  if (id) await store.sessions.delete(sessionIdHash(id));
}
