import type { Store } from '../../store/index.js';

/**
 * Login throttling per account and per address, with exponential backoff and no permanent lock-out.
 * Each key ("account:<email>", "address:<ip>") counts failures; past `freeFailures` every failure blocks
 * the key for `baseDelayMs·2^(extra failures)`, capped at `maxDelayMs`. Attempts made while blocked are
 * refused without checking the password and without counting, so an attacker cannot lengthen the block,
 * and the real user gets in once it has passed. A key's failures are forgotten after `windowMs` without
 * failure, and the account's on a successful login.
 */
export interface ThrottlePolicy {
  readonly accountFreeFailures: number;
  readonly addressFreeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = Object.freeze({
  accountFreeFailures: 5,
  addressFreeFailures: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
});

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

export interface LoginThrottle {
  /** milliseconds to wait before the next attempt may be checked (0: go ahead) */
  waitMs(email: string, ip: string, now?: Date): Promise<number>;
  recordFailure(email: string, ip: string, now?: Date): Promise<void>;
  recordSuccess(email: string, ip: string): Promise<void>;
}

export function createLoginThrottle(store: Store, policy: ThrottlePolicy = DEFAULT_THROTTLE): LoginThrottle {
  const keys = (email: string, ip: string) =>
    [
      { key: accountKey(email), free: policy.accountFreeFailures },
      { key: addressKey(ip), free: policy.addressFreeFailures },
    ] as const;

  return {
    async waitMs(email, ip, now = new Date()) {
      let wait = 0;
      for (const { key } of keys(email, ip)) {
        const attempt = await store.loginAttempts.get(key);
        if (!attempt?.blockedUntil) continue;
        wait = Math.max(wait, Date.parse(attempt.blockedUntil) - now.getTime());
      }
      return Math.max(0, wait);
    },

    async recordFailure(email, ip, now = new Date()) {
      for (const { key, free } of keys(email, ip)) {
        const previous = await store.loginAttempts.get(key);
        if (previous && now.getTime() - Date.parse(previous.firstFailureAt) > policy.windowMs) await store.loginAttempts.clear(key);
        const attempt = await store.loginAttempts.recordFailure(key, now);
        const extra = attempt.failures - free;
        if (extra < 0) continue;
        const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(extra, 30));
        await store.loginAttempts.block(key, new Date(now.getTime() + delay).toISOString());
      }
    },

    async recordSuccess(email) {
      await store.loginAttempts.clear(accountKey(email));
    },
  };
}
