import type BetterSqlite3 from 'better-sqlite3';
import { toJson } from '../json.js';
import type { StoreContext } from '../store-context.js';
import type { BulkResponse } from './insert-many.js';
import { toBuffer } from './response-record.js';

/**
 * Columns a bulk row sets, in bind order. invitation_id, benchmark_token_hash, notify_email and
 * notified_at are left out: a bulk row never has them, and their default is null.
 */
const COLUMNS = [
  'wave_id',
  'public_id',
  'status',
  'answers',
  'packed',
  'current_page',
  'language',
  'started_at',
  'updated_at',
  'completed_at',
  'duration_ms',
  'page_durations',
  'excluded',
  'exclusion_reason',
  'flags',
  'company',
  'email',
  'browser_hash',
  'source',
] as const;
const WIDTH = COLUMNS.length;

/**
 * Rows per INSERT statement: 64 rows bind 1,216 parameters (SQLite allows 32,766). One statement per 64
 * rows instead of one per row saves better-sqlite3's per-call work (argument checks, the result object)
 * and SQLite's per-statement reset; the rows of a batch that do not fill a statement go one at a time.
 */
export const ROWS_PER_STATEMENT = 64;

const insertSql = (rows: number): string =>
  `insert into responses (${COLUMNS.join(', ')}) values ` + Array.from({ length: rows }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ');

/** Writes row `r`'s values at `params[at … at + WIDTH)`; `publicId` is used when the row has none. */
function bindRow(params: unknown[], at: number, r: BulkResponse, publicId: () => string): void {
  params[at] = r.waveId;
  params[at + 1] = r.publicId ?? publicId();
  params[at + 2] = r.status;
  params[at + 3] = r.answersJson ?? JSON.stringify(r.answers);
  params[at + 4] = r.packed ? toBuffer(r.packed) : null;
  params[at + 5] = r.currentPage ?? 0;
  params[at + 6] = r.language ?? 'fr';
  params[at + 7] = r.startedAt;
  params[at + 8] = r.updatedAt ?? r.completedAt ?? r.startedAt;
  params[at + 9] = r.completedAt ?? null;
  params[at + 10] = r.durationMs ?? null;
  params[at + 11] = r.pageDurationsJson ?? toJson(r.pageDurations ?? null);
  params[at + 12] = r.excluded ? 1 : 0;
  params[at + 13] = r.exclusionReason ?? null;
  params[at + 14] = toJson(r.flags ?? null);
  params[at + 15] = r.company ?? null;
  params[at + 16] = r.email ?? null;
  params[at + 17] = r.browserHash ?? null;
  params[at + 18] = r.source ?? 'import';
}

type InsertBatch = (rows: readonly BulkResponse[], publicId: () => string) => void;

const prepared = new WeakMap<BetterSqlite3.Database, InsertBatch>();

function insertBatch(sqlite: BetterSqlite3.Database): InsertBatch {
  let run = prepared.get(sqlite);
  if (run) return run;
  const many = sqlite.prepare(insertSql(ROWS_PER_STATEMENT));
  const one = sqlite.prepare(insertSql(1));
  const manyParams = new Array<unknown>(WIDTH * ROWS_PER_STATEMENT);
  const oneParams = new Array<unknown>(WIDTH);
  run = sqlite.transaction((rows: readonly BulkResponse[], publicId: () => string) => {
    const full = rows.length - (rows.length % ROWS_PER_STATEMENT);
    let i = 0;
    try {
      for (; i < full; i += ROWS_PER_STATEMENT) {
        for (let j = 0; j < ROWS_PER_STATEMENT; j++) bindRow(manyParams, j * WIDTH, rows[i + j], publicId);
        many.run(manyParams);
      }
      for (; i < rows.length; i++) {
        bindRow(oneParams, 0, rows[i], publicId);
        one.run(oneParams);
      }
    } finally {
      manyParams.fill(null); // drop the last rows' strings and buffers
      oneParams.fill(null);
    }
  });
  prepared.set(sqlite, run);
  return run;
}

/**
 * SQLite's fast path for bulk inserts: the batch in one better-sqlite3 transaction, 64 rows per
 * execution of one cached multi-row INSERT, values bound straight from the rows (no intermediate
 * row objects), while holding Kysely's connection so that no other query interleaves. A failing row
 * rolls the whole batch back. `publicId` gives the id of a row that has none.
 */
export async function sqliteBulkInsert(ctx: StoreContext, rows: readonly BulkResponse[], publicId: () => string): Promise<void> {
  const sqlite = ctx.sqlite!;
  await ctx.db.connection().execute(async () => insertBatch(sqlite)(rows, publicId));
}

/** WAL pages between automatic checkpoints during a bulk load (SQLite's default is 1,000). */
const BULK_CHECKPOINT_PAGES = 10_000;

/**
 * Prepares a connection for a bulk load and returns what restores it: checkpoints every 10,000 WAL pages
 * (40 MB with 4 KiB pages) instead of every 1,000, so that a million rows cost about 30 checkpoints and
 * their fsyncs instead of 300 (the insert phase of bench/store-bulk.ts measured about 15 % faster). Safe:
 * journal_mode stays WAL and synchronous FULL, so durability is unchanged; the WAL only grows larger
 * between checkpoints. A setting above 10,000 is left as it is.
 */
export function beginSqliteBulkLoad(sqlite: BetterSqlite3.Database): () => void {
  const before = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (before <= 0 || before >= BULK_CHECKPOINT_PAGES) return () => {};
  sqlite.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  return () => void sqlite.pragma(`wal_autocheckpoint = ${before}`);
}
