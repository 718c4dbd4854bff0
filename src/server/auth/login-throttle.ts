import type { Store } from '../../store/index.js';

/**
 * Login throttling per (account, address) and per address, with exponential backoff and no lock-out of the
 * owner: failures from one address never block the account for another address, so the right password from
 * an address with no failures gets in during an attack from elsewhere (the second factor, when enrolled, is
 * what protects an account against many addresses). Each key ("pair:<email>|<ip>", "address:<ip>") counts
 * failures; past its free failures every failure blocks the key for `baseDelayMs·2^(extra failures)`, capped
 * at `maxDelayMs`. Attempts made while blocked are refused without checking the password and without
 * counting, so an attacker cannot lengthen the block. A key's failures are forgotten after `windowMs`
 * without failure, and the pair's on a successful login. The counters are in the database: every node
 * shares them.
 */
export interface ThrottlePolicy {
  /** failures of one account from one address before the backoff starts */
  readonly pairFreeFailures: number;
  /** failures from one address (any account) before the backoff starts */
  readonly addressFreeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = Object.freeze({
  pairFreeFailures: 5,
  addressFreeFailures: 20,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 60 * 60_000,
});

export const pairKey = (email: string, ip: string) => `pair:${email.toLowerCase()}|${ip}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** The time source: injected so that tests move time instead of sleeping. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface LoginThrottle {
  /** milliseconds to wait before the next attempt may be checked (0: go ahead) */
  waitMs(email: string, ip: string): Promise<number>;
  recordFailure(email: string, ip: string): Promise<void>;
  recordSuccess(email: string, ip: string): Promise<void>;
}

export function createLoginThrottle(store: Store, policy: ThrottlePolicy = DEFAULT_THROTTLE, clock: Clock = systemClock): LoginThrottle {
  const keys = (email: string, ip: string) =>
    [
      { key: pairKey(email, ip), free: policy.pairFreeFailures },
      { key: addressKey(ip), free: policy.addressFreeFailures },
    ] as const;

  return {
    async waitMs(email, ip) {
      const now = clock();
      let wait = 0;
      for (const { key } of keys(email, ip)) {
        const attempt = await store.loginAttempts.get(key);
        if (!attempt?.blockedUntil) continue;
        wait = Math.max(wait, Date.parse(attempt.blockedUntil) - now.getTime());
      }
      return Math.max(0, wait);
    },

    async recordFailure(email, ip) {
      const now = clock();
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

    async recordSuccess(email, ip) {
      await store.loginAttempts.clear(pairKey(email, ip));
    },
  };
}
