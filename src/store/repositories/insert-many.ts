import { randomFillSync } from 'node:crypto';
import type { Insertable } from 'kysely';
import { toJson, type JsonObject, type JsonValue } from '../json.js';
import type { ResponseSource, ResponseStatus, ResponsesTable } from '../schema.js';
import { inTransaction, type StoreContext } from '../store-context.js';
import { toBuffer } from './response-record.js';
import { postgresInsertResponses } from './postgres-insert-responses.js';
import { beginSqliteBulkLoad, sqliteBulkInsert } from './sqlite-bulk-insert.js';
import { bumpWaveDataVersion } from './waves-repository.js';

/**
 * A whole response to insert at once (demo generator, imports), its answers either as an object or as
 * the text JSON.stringify made of it (`answersJson`: a producer in a worker thread serialises there,
 * and strings cross to the inserting thread more cheaply than objects).
 */
export type BulkResponse = BulkResponseFields &
  ({ readonly answers: JsonObject; readonly answersJson?: undefined } | { readonly answers?: undefined; readonly answersJson: string });

/** A bulk response's fields besides its answers. */
export interface BulkResponseFields {
  readonly waveId: number;
  readonly status: ResponseStatus;
  readonly packed?: Uint8Array | null;
  readonly startedAt: string;
  readonly updatedAt?: string;
  readonly completedAt?: string | null;
  readonly durationMs?: number | null;
  /** page index -> milliseconds, or its JSON text (`pageDurationsJson`, as for answers) */
  readonly pageDurations?: Record<string, number> | null;
  readonly pageDurationsJson?: string;
  readonly currentPage?: number;
  readonly language?: string;
  readonly excluded?: boolean;
  readonly exclusionReason?: string | null;
  readonly flags?: JsonValue;
  readonly company?: string | null;
  readonly email?: string | null;
  readonly browserHash?: string | null;
  readonly source?: ResponseSource;
  readonly publicId?: string;
}

export interface InsertManyOptions {
  /** rows per transaction (default 1,000) */
  readonly batchSize?: number;
  /** called after each committed batch with the number of rows inserted so far */
  readonly onProgress?: (inserted: number) => void;
}

/** Rows per INSERT statement compiled by Kysely (SQLite inside a caller's transaction): under both databases' parameter limits. */
const ROWS_PER_STATEMENT = 500;

/**
 * Public ids for bulk rows without one: 6 bytes of a process-wide counter started at the clock, then 10
 * random bytes (80 bits: unguessable), base64url. The shared prefix keeps a million inserts into the
 * unique index local instead of scattered across it. Random bytes are drawn 4,096 ids at a time.
 */
const ID_BLOCK = 4096;
const idBytes = Buffer.allocUnsafe(16 * ID_BLOCK);
let idNext = ID_BLOCK;
let sequence = Date.now() * 1000;
function nextPublicId(): string {
  if (idNext === ID_BLOCK) {
    randomFillSync(idBytes);
    idNext = 0;
  }
  const at = 16 * idNext++;
  idBytes.writeUIntBE(sequence++ % 2 ** 48, at, 6);
  return idBytes.toString('base64url', at, at + 16);
}

function toInsertable(r: BulkResponse): Insertable<ResponsesTable> {
  return {
    waveId: r.waveId,
    publicId: r.publicId ?? nextPublicId(),
    invitationId: null,
    status: r.status,
    answers: r.answersJson ?? toJson(r.answers)!,
    packed: r.packed ? toBuffer(r.packed) : null,
    currentPage: r.currentPage ?? 0,
    language: r.language ?? 'fr',
    startedAt: r.startedAt,
    updatedAt: r.updatedAt ?? r.completedAt ?? r.startedAt,
    completedAt: r.completedAt ?? null,
    durationMs: r.durationMs ?? null,
    pageDurations: r.pageDurationsJson ?? toJson(r.pageDurations ?? null),
    excluded: r.excluded ? 1 : 0,
    exclusionReason: r.exclusionReason ?? null,
    flags: toJson(r.flags ?? null),
    company: r.company ?? null,
    email: r.email ?? null,
    benchmarkTokenHash: null,
    notifyEmail: null,
    notifiedAt: null,
    browserHash: r.browserHash ?? null,
    source: r.source ?? 'import',
  };
}

/**
 * Inserts responses in batches, one transaction per batch, then bumps the data version of every
 * wave touched. Accepts an array or any (async) iterable, so a generator can stream a million
 * rows without holding them. Returns the number inserted. A failing batch rolls back alone:
 * batches committed before it stay. SQLite binds the rows straight into a cached multi-row INSERT
 * (sqlite-bulk-insert.ts), PostgreSQL sends one array per column (postgres-insert-responses.ts);
 * inside a caller's transaction SQLite goes through Kysely.
 */
export async function insertMany(ctx: StoreContext, rows: Iterable<BulkResponse> | AsyncIterable<BulkResponse>, options: InsertManyOptions = {}): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  const waves = new Set<number>();
  let inserted = 0;
  let batch: BulkResponse[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    if (ctx.sqlite && !ctx.db.isTransaction) await sqliteBulkInsert(ctx, batch, nextPublicId);
    else if (ctx.dialect === 'postgres') await postgresInsertResponses(ctx.db, batch.map(toInsertable));
    else {
      const values = batch.map(toInsertable);
      await inTransaction(ctx.db, async (trx) => {
        for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
          await trx
            .insertInto('responses')
            .values(values.slice(i, i + ROWS_PER_STATEMENT))
            .execute();
        }
      });
    }
    for (const r of batch) waves.add(r.waveId);
    inserted += batch.length;
    batch = [];
    options.onProgress?.(inserted);
  };
  const readAll = async () => {
    if (Symbol.iterator in rows) {
      // a synchronous source is read without for-await, which would cost a promise per row
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
    } else {
      for await (const row of rows) {
        batch.push(row);
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
  };
  const endBulkLoad = ctx.sqlite && !ctx.db.isTransaction ? beginSqliteBulkLoad(ctx.sqlite) : undefined;
  try {
    await readAll();
  } finally {
    endBulkLoad?.();
  }
  for (const waveId of waves) await bumpWaveDataVersion(ctx.db, waveId);
  return inserted;
}
