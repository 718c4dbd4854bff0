/**
 * Counts invalid questionnaire links (unknown or used tokens, unknown resume ids) per address over a
 * sliding minute, so that guessing tokens is cut short: past `max` failures the address gets 429 until
 * the window has passed. In memory, per process (a restart forgets it, which only helps a guesser for a minute).
 */
export interface BadLinkLimiter {
  /** true when the address is over its budget */
  blocked(address: string, now?: number): boolean;
  fail(address: string, now?: number): void;
}

export function badLinkLimiter(options: { max: number; windowMs: number; maxAddresses?: number }): BadLinkLimiter {
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number) => (failures.get(address) ?? []).filter((at) => now - at < options.windowMs);
  return {
    blocked(address, now = Date.now()) {
      return recent(address, now).length >= options.max;
    },
    fail(address, now = Date.now()) {
      const list = recent(address, now);
      list.push(now);
      failures.delete(address);
      failures.set(address, list.slice(-options.max));
      // forget the oldest addresses first when an attacker rotates through many
      if (failures.size > (options.maxAddresses ?? 10_000)) failures.delete(failures.keys().next().value!);
    },
  };
}
