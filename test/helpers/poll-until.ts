import { setTimeout as sleep } from 'node:timers/promises';

/** How long a test waits for something outside its control (a server starting, another session blocking) before it fails. */
export const DEFAULT_DEADLINE_MS = 10_000;

/**
 * Asks `probe` every `intervalMs` until it returns something other than `undefined`, and returns it. Past
 * `timeoutMs` it throws an error naming `what` it waited for, so a regression fails the test with a reason
 * instead of hanging the run. For waiting on another process or session, where no clock can be injected.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = DEFAULT_DEADLINE_MS, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** `promise`, or an error naming `what` when it has not settled within `timeoutMs`. */
export async function withDeadline<T>(what: string, promise: Promise<T>, timeoutMs = DEFAULT_DEADLINE_MS): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      promise,
      sleep(timeoutMs, undefined, { signal: timeout.signal }).then(() => Promise.reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
    ]);
  } finally {
    timeout.abort();
  }
}
