import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
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
  /** the answers JSON text ('' when `answers: 'unpacked'` and the response has a packed vector) */
  readonly answers: string;
  /** the string answers under `textKeys`, in their order (null when absent or not a string) */
  readonly texts: readonly (string | null)[];
  /** the packed answer vector (a view; copy it to keep it past the next row) */
  readonly packed: Uint8Array | null;
}

export interface IterateResponsesOptions {
  /** only this status (default: every status) */
  readonly status?: ResponseStatus;
  /** include excluded responses (default false) */
  readonly includeExcluded?: boolean;
  /** answers to extract in the database (JSON string values), returned in `texts` */
  readonly textKeys?: readonly string[];
  /** 'always' (default) or 'unpacked': the answers JSON only for responses without a packed vector */
  readonly answers?: 'always' | 'unpacked';
  /** PostgreSQL page size (default 5,000) */
  readonly pageSize?: number;
}

type RawRow = [number, string, number, string, string, string | null, number | null, string | null, Buffer | null, ...unknown[]];

const toRow = (r: RawRow): ResponseRow => ({
  id: r[0],
  status: r[1] as ResponseStatus,
  excluded: r[2] === 1,
  language: r[3],
  startedAt: r[4],
  completedAt: r[5],
  durationMs: r[6],
  answers: r[7] ?? '',
  texts: r.length > 9 ? r.slice(9).map((t) => (typeof t === 'string' ? t : null)) : [],
  packed: r[8] === null ? null : new Uint8Array(r[8].buffer, r[8].byteOffset, r[8].byteLength),
});

/**
 * Streams a wave's responses in id order with their answers JSON text and packed vector, for exports:
 * memory stays flat whatever the wave's size. SQLite: its own read-only connection and a raw
 * statement iterator (one consistent snapshot). PostgreSQL: keyset pages by id.
 */
export async function* iterateResponses(ctx: StoreContext, waveId: number, options: IterateResponsesOptions = {}): AsyncGenerator<ResponseRow> {
  const { status, includeExcluded = false } = options;
  const keys = options.textKeys ?? [];
  for (const key of keys) if (!/^[A-Za-z0-9_]+$/.test(key)) throw new RangeError(`iterateResponses: bad answer key ${JSON.stringify(key)}`);
  const onlyUnpacked = options.answers === 'unpacked';
  if (ctx.dialect === 'sqlite' && ctx.sqliteFile && !ctx.db.isTransaction) {
    const reader = new BetterSqlite3(ctx.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      const sql =
        'select id, status, excluded, language, started_at, completed_at, duration_ms, ' +
        (onlyUnpacked ? 'case when packed is null then answers end' : 'answers') +
        ', packed' +
        keys.map((key) => `, json_extract(answers, '$.${key}')`).join('') +
        ' from responses where wave_id = ?' +
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
      .select(['id', 'status', 'excluded', 'language', 'startedAt', 'completedAt', 'durationMs', 'packed'])
      .select(onlyUnpacked ? sql<string | null>`case when packed is null then answers end`.as('answers') : sql<string>`answers`.as('answers'))
      .$if(keys.length > 0, (q) => q.select(keys.map((key, k) => sql<string | null>`case when jsonb_typeof((answers::jsonb) -> ${key}) = 'string' then (answers::jsonb) ->> ${key} end`.as(`t${k}`))))
      .where('waveId', '=', waveId)
      .where('id', '>', afterId)
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .$if(!includeExcluded, (q) => q.where('excluded', '=', 0))
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of page) {
      const texts = keys.map((_, k) => (r as unknown as Record<string, unknown>)[`t${k}`]);
      yield toRow([r.id, r.status, r.excluded, r.language, r.startedAt, r.completedAt, r.durationMs, r.answers, r.packed, ...texts]);
    }
    if (page.length < pageSize) return;
    afterId = page[page.length - 1].id;
  }
}
