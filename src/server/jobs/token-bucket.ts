/**
 * A token bucket on an injected clock: `take()` returns once a token is available, waiting with the injected
 * `sleep` otherwise. `perMinute` tokens are added per minute, and the bucket holds about one second's worth
 * (at least one), so that no minute sees much more than `perMinute` takes even after an idle spell.
 * `perMinute` 0 or less: no limit.
 */
export interface TokenBucket {
  /** waits for a token; `beforeWait(ms)` runs first when it must wait (the worker extends its lease there) */
  take(beforeWait?: (ms: number) => Promise<void>): Promise<void>;
}

export function createTokenBucket(perMinute: number, now: () => Date, sleep: (ms: number) => Promise<void>): TokenBucket {
  if (!(perMinute > 0)) return { take: async () => {} };
  const capacity = Math.max(1, Math.ceil(perMinute / 60));
  const perMs = perMinute / 60_000;
  let tokens = capacity;
  let last = now().getTime();
  const refill = () => {
    const t = now().getTime();
    tokens = Math.min(capacity, tokens + Math.max(0, t - last) * perMs);
    last = t;
  };
  return {
    async take(beforeWait) {
      refill();
      while (tokens < 1) {
        const wait = Math.ceil((1 - tokens) / perMs);
        await beforeWait?.(wait);
        await sleep(wait);
        refill();
      }
      tokens -= 1;
    },
  };
}
