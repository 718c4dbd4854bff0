import BetterSqlite3 from 'better-sqlite3';
import type { ResponseStatus } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { COUNTED_SQL, countedOnly } from './counted-responses.js';

export interface PackedRow {
  readonly id: number;
  readonly status: ResponseStatus;
  readonly excluded: boolean;
  readonly completedAt: string | null;
  /** the packed answer vector (a view; copy it to keep it past the next row) */
  readonly packed: Uint8Array | null;
}

export interface IteratePackedOptions {
  /** only this status (default: every status) */
  readonly status?: ResponseStatus;
  /** include excluded responses (default false) */
  readonly includeExcluded?: boolean;
  /** PostgreSQL page size (default 10,000) */
  readonly pageSize?: number;
}

const toRow = (id: number, status: string, excluded: number, completedAt: string | null, packed: Buffer | null): PackedRow => ({
  id,
  status: status as ResponseStatus,
  excluded: excluded === 1,
  completedAt,
  packed: packed === null ? null : new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength),
});

/**
 * Streams a wave's packed answer vectors in id order, for loading a wave into columns.
 * SQLite: its own read-only connection and a raw prepared-statement iterator (a consistent WAL
 * snapshot; the main connection stays free). PostgreSQL: keyset pages by id.
 */
export async function* iteratePacked(ctx: StoreContext, waveId: number, options: IteratePackedOptions = {}): AsyncGenerator<PackedRow> {
  const { status, includeExcluded = false } = options;
  if (ctx.dialect === 'sqlite' && ctx.sqliteFile && !ctx.db.isTransaction) {
    const reader = new BetterSqlite3(ctx.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const sql =
        `select id, status, excluded, completed_at, packed from responses where wave_id = ? and ${COUNTED_SQL}` +
        (status ? ' and status = ?' : '') +
        (includeExcluded ? '' : ' and excluded = 0') +
        ' order by id';
      const statement = reader.prepare(sql).raw(true);
      const args = status ? [waveId, status] : [waveId];
      for (const r of statement.iterate(...args) as IterableIterator<[number, string, number, string | null, Buffer | null]>) {
        yield toRow(r[0], r[1], r[2], r[3], r[4]);
      }
    } finally {
      reader.close();
    }
    return;
  }
  const pageSize = options.pageSize ?? 10_000;
  let afterId = 0;
  for (;;) {
    const page = await countedOnly(ctx.db.selectFrom('responses'))
      .select(['id', 'status', 'excluded', 'completedAt', 'packed'])
      .where('waveId', '=', waveId)
      .where('id', '>', afterId)
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .$if(!includeExcluded, (q) => q.where('excluded', '=', 0))
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of page) yield toRow(r.id, r.status, r.excluded, r.completedAt, r.packed);
    if (page.length < pageSize) return;
    afterId = page[page.length - 1].id;
  }
}
