import type { FastifyInstance } from 'fastify';
import { purgeEvery, sharesCounters } from '../../rate-limit-store.js';

/**
 * Counts invalid links (unknown or used tokens, unknown resume ids) per address, so that guessing tokens is
 * cut short: past `max` failures the address gets 429 until the window has passed.
 * `badLinkLimiter` keeps them in memory (a sliding window, one process); `linkLimiter` picks the database
 * (a fixed window shared by every node) when the installation may run several nodes.
 */
export interface BadLinkLimiter {
  /** true when the address is over its budget */
  blocked(address: string, now?: number): boolean;
  fail(address: string, now?: number): void;
}

/** The limiter the routes use: asynchronous, shared through the database on PostgreSQL. */
export interface SharedBadLinkLimiter {
  blocked(address: string): Promise<boolean>;
  fail(address: string): Promise<void>;
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

/** A bad-link limiter named `name` (one budget per name and address): in the database when shared, else in memory. */
export function linkLimiter(app: FastifyInstance, name: string, options: { max: number; windowMs: number }): SharedBadLinkLimiter {
  if (!sharesCounters(app)) {
    const local = badLinkLimiter(options);
    return {
      blocked: async (address) => local.blocked(address),
      fail: async (address) => local.fail(address),
    };
  }
  const key = (address: string) => `bad-link:${name}:${address}`;
  const purge = purgeEvery(app.store, 100);
  return {
    async blocked(address) {
      return (await app.store.rateCounters.get(key(address))).hits >= options.max;
    },
    async fail(address) {
      purge(new Date());
      await app.store.rateCounters.hit(key(address), options.windowMs);
    },
  };
}
