import { createHmac } from 'node:crypto';
import { AppError } from '../app-error.js';
import type { Store } from '../store/index.js';

const SETTING = 'secret_key_fingerprint';
const LABEL = 'barometre secret fingerprint v1';

/** An HMAC of a fixed label under the secret: equal for equal secrets, and it does not reveal the secret. */
export function secretFingerprint(secretKey: string): string {
  return createHmac('sha256', secretKey).update(LABEL).digest('hex');
}

/**
 * Makes every node of an installation use the same secret: the first start stores the secret's fingerprint in
 * the database; a later start with another secret is refused before it serves anything (signed cookies, token
 * hashes and benchmark links would otherwise fail silently on the nodes that disagree).
 * @throws AppError INVALID_INPUT naming SECRET_KEY when the fingerprint differs
 */
export async function checkSecretFingerprint(store: Store, secretKey: string): Promise<void> {
  const mine = secretFingerprint(secretKey);
  const stored = await store.instanceSettings.getOrInsert(SETTING, mine);
  if (stored !== mine) {
    throw new AppError(
      'INVALID_INPUT',
      'SECRET_KEY differs from the one this database was first served with: every node of an installation must use the same SECRET_KEY ' +
        "(set it to the other nodes' value; without SECRET_KEY, each node generates its own DATA_DIR/secret.key)",
      { variable: 'SECRET_KEY' },
    );
  }
}
