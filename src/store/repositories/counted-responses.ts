import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema.js';

/**
 * The one rule that keeps test answers out of everything counted: results, dashboard and PDF (the packed
 * columns), monitor counts, cleaning lists, exports, benchmarks, quotas and the publication threshold all read
 * a wave's responses through `countedOnly` (Kysely) or `COUNTED_SQL` (the raw SQLite readers). Only a
 * response's own reads (by id, public id or invitation) and the wave page's test count see test answers.
 */
export const COUNTED_SQL = 'test = 0';

/** Restricts a query of `responses` to the answers that count (no test answers). */
export function countedOnly<O>(query: SelectQueryBuilder<Database, 'responses', O>): SelectQueryBuilder<Database, 'responses', O> {
  return query.where('responses.test', '=', 0);
}
