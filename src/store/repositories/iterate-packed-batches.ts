import BetterSqlite3 from 'better-sqlite3';
import type { ResponseStatus } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { COUNTED_SQL, countedOnly } from './counted-responses.js';

/** Packed answer vectors of consecutive responses (in id order), laid end to end in one buffer. */
export interface PackedBatch {
  readonly kind: 'packed-batch';
  readonly n: number;
  /** response ids, ascending */
  readonly ids: Float64Array;
  /** n × size bytes: row i's vector at byte i × size */
  readonly packed: Uint8Array;
}

export interface IteratePackedBatchesOptions {
  /** byte size of every packed vector (the study layout's `packedSize`) */
  readonly size: number;
  /** only this status (default: every status) */
  readonly status?: ResponseStatus;
  /** include excluded responses (default false) */
  readonly includeExcluded?: boolean;
  /** rows per batch (default 4,096) */
  readonly batchSize?: number;
}

/**
 * The rows of a wave after `:after`, SQLite: with a status, the (wave_id, status, id) index gives them in id
 * order; without one, `+wave_id` keeps SQLite off the wave's indexes (which would sort every batch) and on
 * the table's rowid order from `:after`.
 */
export const sqliteWaveRows = (status: ResponseStatus | undefined, includeExcluded: boolean) =>
  (status ? 'wave_id = :waveId and status = :status' : '+wave_id = :waveId') + ` and id > :after and ${COUNTED_SQL}` + (includeExcluded ? '' : ' and excluded = 0');

/**
 * SQLite, one batch: the database lays the vectors end to end itself (group_concat of blobs, in the
 * subquery's id order, the same order as the ids' JSON array), so the driver makes one Buffer and one
 * string per batch instead of an array and a Buffer per row.
 */
const sqliteBatchSql = (status: ResponseStatus | undefined, includeExcluded: boolean) =>
  `select count(*) as n, max(id) as last, json_group_array(id) as ids, cast(group_concat(packed, x'') as blob) as packed,
     sum(length(packed) <> :size) as mismatched, min(iif(length(packed) <> :size, id, null)) as mismatchedId
   from (select id, packed from responses where ${sqliteWaveRows(status, includeExcluded)} and packed is not null
         order by id limit :limit)`;

interface SqliteBatchRow {
  n: number;
  last: number | null;
  ids: string;
  packed: Uint8Array | null;
  mismatched: number | null;
  mismatchedId: number | null;
}

function toBatch(row: SqliteBatchRow, size: number): PackedBatch {
  if (row.mismatched) throw new Error(`iteratePackedBatches: packed response ${row.mismatchedId} does not have the ${size} bytes of the layout`);
  const ids = Float64Array.from(JSON.parse(row.ids) as number[]);
  for (let i = 1; i < ids.length; i++) if (!(ids[i] > ids[i - 1])) throw new Error('iteratePackedBatches: the database gave the rows out of id order');
  const packed = row.packed ?? new Uint8Array(0);
  if (packed.byteLength !== row.n * size) throw new Error(`iteratePackedBatches: ${packed.byteLength} bytes for ${row.n} vectors of ${size}`);
  return Object.freeze({ kind: 'packed-batch', n: row.n, ids, packed });
}

/**
 * Streams a wave's packed answer vectors in batches, in id order, for loading columns: responses without a
 * vector are left out; a vector of another size than `size` is an error. No object per row: a column
 * loader reads each batch through one DataView. SQLite: its own read-only connection in one read
 * transaction (a consistent snapshot; the main connection stays free), one aggregate query per batch.
 * Inside a transaction, SQLite reads on the transaction's connection. PostgreSQL: keyset pages by id,
 * copied into one buffer per page.
 */
export async function* iteratePackedBatches(ctx: StoreContext, waveId: number, options: IteratePackedBatchesOptions): AsyncGenerator<PackedBatch> {
  const { size, status, includeExcluded = false } = options;
  const limit = options.batchSize ?? 4096;
  const params = { waveId, size, limit, ...(status ? { status } : {}) };
  if (ctx.dialect === 'sqlite' && ctx.sqlite && ctx.sqliteFile) {
    // inside a transaction, its own connection (which the caller holds); otherwise a reader of ours
    const own = !ctx.db.isTransaction;
    const connection = own ? new BetterSqlite3(ctx.sqliteFile, { readonly: true, fileMustExist: true }) : ctx.sqlite;
    try {
      const statement = connection.prepare(sqliteBatchSql(status, includeExcluded));
      if (own) connection.exec('begin');
      let after = 0;
      for (;;) {
        const row = statement.get({ ...params, after }) as SqliteBatchRow;
        if (row.n === 0) return;
        yield toBatch(row, size);
        if (row.n < limit) return;
        after = row.last!;
      }
    } finally {
      if (own) connection.close();
    }
  }
  let after = 0;
  for (;;) {
    const page = await countedOnly(ctx.db.selectFrom('responses'))
      .select(['id', 'packed'])
      .where('waveId', '=', waveId)
      .where('id', '>', after)
      .where('packed', 'is not', null)
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .$if(!includeExcluded, (q) => q.where('excluded', '=', 0))
      .orderBy('id')
      .limit(limit)
      .execute();
    if (page.length === 0) return;
    const ids = new Float64Array(page.length);
    const packed = new Uint8Array(page.length * size);
    page.forEach((r, i) => {
      if (r.packed!.byteLength !== size) throw new Error(`iteratePackedBatches: packed response ${r.id} does not have the ${size} bytes of the layout`);
      ids[i] = r.id;
      packed.set(r.packed!, i * size);
    });
    yield Object.freeze({ kind: 'packed-batch', n: page.length, ids, packed });
    if (page.length < limit) return;
    after = page[page.length - 1].id;
  }
}
