import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** How many distinct SQL texts keep their prepared statement (the app issues a few hundred at most). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The better-sqlite3 connection as Kysely's SqliteDialect sees it, with its prepared statements kept by
 * SQL text: Kysely calls `prepare(sql)` for every query, and preparing costs more than running a
 * short statement. A cached statement that is busy (an iteration still open on it) is never handed out
 * again; a fresh one is prepared for that call. Least recently used texts leave first.
 *
 * Only Kysely gets this object: code that prepares on the raw connection (bulk paths that switch a
 * statement to raw or pluck mode) keeps its own statements, so no mode leaks into Kysely's queries.
 */
export function cachedStatements(sqlite: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit !== undefined) {
        if (hit.busy) return sqlite.prepare(sql);
        cache.delete(sql); // re-insert: the Map's order is the recency order
        cache.set(sql, hit);
        return hit;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
