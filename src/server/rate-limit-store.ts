import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/index.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

interface RouteParams {
  readonly routeInfo?: { readonly method?: string | readonly string[]; readonly url?: string };
  readonly groupId?: string;
}

/** Ended windows are deleted by the node that counts the n-th hit, so the table stays as small as the live windows. */
const PURGE_EVERY_HITS = 1000;

/** A function that, every `n` calls, deletes the ended counters (in the background; a failure is retried later). */
export function purgeEvery(store: Store, n: number): (now: Date) => void {
  let hits = 0;
  return (now) => {
    if (++hits % n !== 0) return;
    store.rateCounters.purgeExpired(now).catch(() => {
      // the next purge retries; a counter row left over is harmless (its window has ended)
    });
  };
}

/**
 * A store for @fastify/rate-limit that counts in the database (`rate_counters`), so that every node of an
 * installation shares one budget per address and route: behind a round-robin balancer, N nodes allow the
 * budget once, not N times. Each hit is one upsert (fixed window). Plug it in with
 * `app.register(rateLimit, { store: databaseRateLimitStore(store) })`.
 */
export function databaseRateLimitStore(store: Store): FastifyRateLimitStoreCtor {
  const purge = purgeEvery(store, PURGE_EVERY_HITS);
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly prefix: string;

    constructor(options: unknown = {}) {
      const params = options as RouteParams;
      const method = [params.routeInfo?.method ?? ''].flat().join(',');
      this.prefix = `rl:${params.groupId ?? `${method} ${params.routeInfo?.url ?? ''}`}:`;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      const now = new Date();
      purge(now);
      store.rateCounters.hit(this.prefix + key, timeWindow, now).then(
        (count) => callback(null, { current: count.hits, ttl: Math.max(0, count.resetsAt.getTime() - now.getTime()) }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      const now = new Date();
      store.rateCounters.get(this.prefix + key, now).then(
        (count) => callback(null, { current: count.hits, ttl: Math.max(0, count.resetsAt.getTime() - now.getTime()) }),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: unknown): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  };
}

/**
 * True when the installation may run several nodes (PostgreSQL): rate limits and bad-link counters then live
 * in the database. On SQLite (one process) they stay in memory, which costs no write per request.
 */
export function sharesCounters(app: Pick<FastifyInstance, 'config'>): boolean {
  return app.config.databaseUrl !== undefined;
}
