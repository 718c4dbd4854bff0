import { createQueryId, type Compilable, type CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { StoreDialect } from './store-dialect.js';

/** Stands for the i-th value while a prepared query is built: holds a NUL, which no stored text does. */
const placeholder = (i: number) => `\u0000prepared-value-${i}\u0000`;

/** Runs the prepared query on `db` (the store's Kysely instance or a transaction of it) with these values. */
export type PreparedQuery<A extends readonly unknown[], R> = (db: Kysely<Database>, dialect: StoreDialect, ...values: A) => Promise<R[]>;

/**
 * A query that Kysely builds, runs through its plugins (CamelCasePlugin) and compiles once per dialect,
 * then runs with new values: building and compiling a query costs more than running a short statement on
 * SQLite, and a questionnaire page runs a handful. `build` gets a placeholder for each of its `arity`
 * values; each must land exactly once among the compiled parameters (checked when first compiled). Results
 * still go through the plugins (snake_case columns come back camelCased), as with `execute()`.
 *
 *   const byPublicId = preparedQuery(1, (db, _dialect, publicId: string) =>
 *     db.selectFrom('responses').selectAll().where('publicId', '=', publicId));
 *   const rows = await byPublicId(db, 'sqlite', 'abc');
 */
export function preparedQuery<A extends readonly unknown[], R>(
  arity: A['length'],
  build: (db: Kysely<Database>, dialect: StoreDialect, ...values: A) => Compilable<R>,
): PreparedQuery<A, R> {
  // keyed by dialect on purpose: it holds SQL text and parameter positions, the same for every database of a
  // dialect (all stores share the plugins), never data; caches of data hang off their store (results-cache.ts)
  const compiled = new Map<StoreDialect, { query: CompiledQuery<R>; positions: readonly number[] }>();
  const compile = (db: Kysely<Database>, dialect: StoreDialect) => {
    const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i)) as unknown as A;
    const query = build(db, dialect, ...placeholders).compile();
    const positions = Array.from({ length: arity }, (_, i) => {
      const found = query.parameters.flatMap((p, at) => (p === placeholder(i) ? [at] : []));
      if (found.length !== 1) throw new Error(`prepared query: value ${i} appears ${found.length} times in ${query.sql}`);
      return found[0]!;
    });
    const entry = { query, positions };
    compiled.set(dialect, entry);
    return entry;
  };
  return async (db, dialect, ...values) => {
    const { query, positions } = compiled.get(dialect) ?? compile(db, dialect);
    const parameters = query.parameters.slice();
    for (let i = 0; i < positions.length; i++) parameters[positions[i]!] = values[i];
    const result = await db.executeQuery<R>({ ...query, parameters, queryId: createQueryId() }); // each run its own id, as built queries have
    return result.rows;
  };
}
