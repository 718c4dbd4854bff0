import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, ResponsesTable } from '../schema.js';

type Row = Insertable<ResponsesTable>;

/** Columns and their PostgreSQL array types, in insert order. */
const COLUMNS: readonly (readonly [keyof Row, string])[] = [
  ['waveId', 'integer'],
  ['publicId', 'text'],
  ['invitationId', 'integer'],
  ['status', 'text'],
  ['answers', 'text'],
  ['packed', 'bytea'],
  ['currentPage', 'integer'],
  ['language', 'text'],
  ['startedAt', 'text'],
  ['updatedAt', 'text'],
  ['completedAt', 'text'],
  ['durationMs', 'integer'],
  ['pageDurations', 'text'],
  ['excluded', 'integer'],
  ['exclusionReason', 'text'],
  ['flags', 'text'],
  ['company', 'text'],
  ['email', 'text'],
  ['benchmarkTokenHash', 'text'],
  ['notifyEmail', 'text'],
  ['notifiedAt', 'text'],
  ['browserHash', 'text'],
  ['source', 'text'],
];

const snake = (name: string) => name.replace(/[A-Z]/g, (l) => '_' + l.toLowerCase());

/**
 * PostgreSQL's fast path for bulk inserts: one `INSERT … SELECT * FROM unnest($1::integer[], …)`
 * with one array parameter per column, instead of a parameter per value (several times faster
 * than multi-row VALUES, and free of the 65,535-parameter limit).
 */
export async function postgresInsertResponses(db: Kysely<Database>, rows: readonly Row[]): Promise<void> {
  const arrays = COLUMNS.map(([key, type]) => {
    const values = rows.map((row) => row[key] ?? null);
    return sql`${values}::${sql.raw(type)}[]`;
  });
  await sql`insert into responses (${sql.raw(COLUMNS.map(([key]) => snake(key)).join(', '))})
    select * from unnest(${sql.join(arrays)})`.execute(db);
}
