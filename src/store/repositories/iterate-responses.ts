import BetterSqlite3 from 'better-sqlite3';
import type { ResponseStatus } from '../schema.js';
import type { StoreContext } from '../store-context.js';

/** One response as an export reads it: the answers JSON left as text (parse it only when needed). */
export interface ResponseRow {
  readonly id: number;
  readonly status: ResponseStatus;
  readonly excluded: boolean;
  readonly language: string;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly durationMs: number | null;
  /** the answers JSON text */
  readonly answers: string;
  /** the packed answer vector (a view; copy it to keep it past the next row) */
  readonly packed: Uint8Array | null;
}

export interface IterateResponsesOptions {
  /** only this status (default: every status) */
  readonly status?: ResponseStatus;
  /** include excluded responses (default false) */
  readonly includeExcluded?: boolean;
  /** PostgreSQL page size (default 5,000) */
  readonly pageSize?: number;
}

type RawRow = [number, string, number, string, string, string | null, number | null, string, Buffer | null];

const toRow = (r: RawRow): ResponseRow => ({
  id: r[0],
  status: r[1] as ResponseStatus,
  excluded: r[2] === 1,
  language: r[3],
  startedAt: r[4],
  completedAt: r[5],
  durationMs: r[6],
  answers: r[7],
  packed: r[8] === null ? null : new Uint8Array(r[8].buffer, r[8].byteOffset, r[8].byteLength),
});

/**
 * Streams a wave's responses in id order with their answers JSON text and packed vector, for exports:
 * memory stays flat whatever the wave's size. SQLite: its own read-only connection and a raw
 * statement iterator (one consistent snapshot). PostgreSQL: keyset pages by id.
 */
export async function* iterateResponses(ctx: StoreContext, waveId: number, options: IterateResponsesOptions = {}): AsyncGenerator<ResponseRow> {
  const { status, includeExcluded = false } = options;
  if (ctx.dialect === 'sqlite' && ctx.sqliteFile && !ctx.db.isTransaction) {
    const reader = new BetterSqlite3(ctx.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const sql =
        'select id, status, excluded, language, started_at, completed_at, duration_ms, answers, packed from responses where wave_id = ?' +
        (status ? ' and status = ?' : '') +
        (includeExcluded ? '' : ' and excluded = 0') +
        ' order by id';
      const statement = reader.prepare(sql).raw(true);
      const args = status ? [waveId, status] : [waveId];
      for (const r of statement.iterate(...args) as IterableIterator<RawRow>) yield toRow(r);
    } finally {
      reader.close();
    }
    return;
  }
  const pageSize = options.pageSize ?? 5_000;
  let afterId = 0;
  for (;;) {
    const page = await ctx.db
      .selectFrom('responses')
      .select(['id', 'status', 'excluded', 'language', 'startedAt', 'completedAt', 'durationMs', 'answers', 'packed'])
      .where('waveId', '=', waveId)
      .where('id', '>', afterId)
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .$if(!includeExcluded, (q) => q.where('excluded', '=', 0))
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      yield toRow([r.id, r.status, r.excluded, r.language, r.startedAt, r.completedAt, r.durationMs, r.answers, r.packed]);
    }
    if (page.length < pageSize) return;
    afterId = page[page.length - 1].id;
  }
}
