import { hash, verify } from '@node-rs/argon2';

/** OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane (Password Storage Cheat Sheet). */
export const ARGON2_OPTIONS = Object.freeze({ algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** A PHC string `$argon2id$v=19$m=19456,t=2,p=1$…` with a random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** A hash of a random password: verified against when the account does not exist, so timing says nothing. */
let dummyHash: Promise<string> | undefined;

/** Checks a password; `passwordHash` undefined (unknown account) costs the same time and returns false. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  const stored = passwordHash ?? (await (dummyHash ??= hashPassword(`no account ${Math.random()}`)));
  try {
    const ok = await verify(stored, password.slice(0, MAX_PASSWORD_LENGTH));
    return ok && passwordHash !== undefined;
  } catch {
    return false;
  }
}

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password has at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password has at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}
