import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { JsonObject } from '../json.js';
import type { ResponseStatus } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { sqliteWaveRows } from './iterate-packed-batches.js';

/** Consecutive responses of a wave (in id order) as an export reads them. */
export interface ResponseBatch {
  readonly kind: 'response-batch';
  readonly n: number;
  /** response ids, ascending */
  readonly ids: Float64Array;
  /** per row: 1 when complete (0 partial), plus 2 when excluded */
  readonly flags: Uint8Array;
  /** n × packedSize bytes, row i's vector at byte i × packedSize; zeros for the rows of `unpacked` */
  readonly packed: Uint8Array;
  /** the rows without a packed vector of packedSize, with their answers (row order) */
  readonly unpacked: readonly { readonly row: number; readonly answers: JsonObject }[];
  /** the rows whose answers name one of `textKeys`: the string under each key, null when absent or not a string (row order) */
  readonly texts: readonly { readonly row: number; readonly texts: readonly (string | null)[] }[];
}

export interface IterateResponseBatchesOptions {
  /** byte size of the study layout's packed vector */
  readonly packedSize: number;
  /** only this status (default: every status) */
  readonly status?: ResponseStatus;
  /** include excluded responses (default false) */
  readonly includeExcluded?: boolean;
  /** answers whose strings come in `texts` (letters, digits, `_`) */
  readonly textKeys?: readonly string[];
  /**
   * called once before the first batch with the longest UTF-8 byte length of each text key's strings
   * among the rows streamed (0 when none), read in the same snapshot on SQLite
   */
  readonly onTextBytes?: (maxBytes: readonly number[]) => void | Promise<void>;
  /** rows per batch (default 4,096) */
  readonly batchSize?: number;
}

/** JSON paths of the keys (a second path, never an object's, makes one key come as an array too) */
const sqlitePaths = (keys: readonly string[]) => keys.map((key) => `'$."${key}"'`).join(', ');
const sqliteText = (key: string) => `iif(json_type(answers, '$."${key}"') = 'text', json_extract(answers, '$."${key}"'), null)`;

/**
 * SQLite, one batch in one aggregate query: the vectors laid end to end (zeros where a row has none of
 * the right size), the status flags as a string of digits, and as JSON arrays the ids, the answers of
 * rows without a vector and, per row, the values under the text keys (one json_extract of every path: one
 * parse of the answers; a substring test to skip rows without texts costs more than it saves). The driver
 * makes a handful of values per batch instead of an array, a Buffer and strings per row.
 */
const sqliteBatchSql = (status: ResponseStatus | undefined, includeExcluded: boolean, keys: readonly string[]) =>
  `select count(*) as n, max(id) as last, json_group_array(id) as ids,
     cast(group_concat(iif(length(packed) = :size, packed, zeroblob(:size)), x'') as blob) as packed,
     group_concat((status = 'complete') + 2 * excluded, '') as flags,
     json_group_array(json_array(id, json(answers))) filter (where packed is null or length(packed) <> :size) as unpacked,
     ${keys.length === 0 ? `null` : `json_group_array(json_extract(answers, ${sqlitePaths(keys)}${keys.length === 1 ? `, '$[0]'` : ''}))`} as texts
   from (select id, status, excluded, packed, answers from responses where ${sqliteWaveRows(status, includeExcluded)} order by id limit :limit)`;

const sqliteTextBytesSql = (status: ResponseStatus | undefined, includeExcluded: boolean, keys: readonly string[]) =>
  `select ${keys.map((key, k) => `max(length(cast(${sqliteText(key)} as blob))) as m${k}`).join(', ')}
   from responses where ${sqliteWaveRows(status, includeExcluded)}`;

interface SqliteBatchRow {
  n: number;
  last: number | null;
  ids: string;
  packed: Uint8Array | null;
  flags: string | null;
  unpacked: string;
  texts: string | null;
}

/** Row indexes of ascending ids among the batch's ascending ids. */
function byRow<T>(ids: Float64Array, entries: readonly [number, ...unknown[]][], make: (row: number, entry: [number, ...unknown[]]) => T): T[] {
  const out: T[] = [];
  let row = 0;
  for (const entry of entries) {
    while (row < ids.length && ids[row] < entry[0]) row++;
    if (ids[row] !== entry[0]) throw new Error(`iterateResponseBatches: response ${entry[0]} is not in its batch`);
    out.push(make(row, entry));
  }
  return out;
}

const stringOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

/** The rows with a string among their values under the text keys (per row, in key order). */
function textRows(values: readonly unknown[][], keys: number): { row: number; texts: (string | null)[] }[] {
  const out: { row: number; texts: (string | null)[] }[] = [];
  values.forEach((row, r) => {
    let texts: (string | null)[] | null = null;
    for (let k = 0; k < keys; k++) {
      if (typeof row[k] !== 'string') continue;
      texts ??= new Array<string | null>(keys).fill(null);
      texts[k] = row[k] as string;
    }
    if (texts) out.push({ row: r, texts });
  });
  return out;
}

/**
 * Streams a wave's responses in batches, in id order, for exports: packed vectors end to end, answers
 * only for rows without a vector, the strings under `textKeys`. Memory stays flat whatever the wave's size.
 * SQLite: its own read-only connection in one read transaction (the text lengths and every batch see one
 * snapshot), one aggregate query per batch. PostgreSQL: keyset pages by id.
 */
export async function* iterateResponseBatches(ctx: StoreContext, waveId: number, options: IterateResponseBatchesOptions): AsyncGenerator<ResponseBatch> {
  const { packedSize: size, status, includeExcluded = false } = options;
  const keys = options.textKeys ?? [];
  for (const key of keys) if (!/^[A-Za-z0-9_]+$/.test(key)) throw new RangeError(`iterateResponseBatches: bad answer key ${JSON.stringify(key)}`);
  const limit = options.batchSize ?? 4096;
  const params = { waveId, size, limit, ...(status ? { status } : {}) };
  if (ctx.dialect === 'sqlite' && ctx.sqlite && ctx.sqliteFile) {
    const own = !ctx.db.isTransaction;
    const connection = own ? new BetterSqlite3(ctx.sqliteFile, { readonly: true, fileMustExist: true }) : ctx.sqlite;
    try {
      if (own) connection.exec('begin');
      if (options.onTextBytes) {
        const lengths = keys.length === 0 ? {} : (connection.prepare(sqliteTextBytesSql(status, includeExcluded, keys)).get({ ...params, after: 0 }) as Record<string, number | null>);
        await options.onTextBytes(keys.map((_, k) => lengths[`m${k}`] ?? 0));
      }
      const statement = connection.prepare(sqliteBatchSql(status, includeExcluded, keys));
      let after = 0;
      for (;;) {
        const row = statement.get({ ...params, after }) as SqliteBatchRow;
        if (row.n === 0) return;
        const ids = Float64Array.from(JSON.parse(row.ids) as number[]);
        for (let i = 1; i < ids.length; i++) if (!(ids[i] > ids[i - 1])) throw new Error('iterateResponseBatches: the database gave the rows out of id order');
        const flags = new Uint8Array(row.n);
        for (let i = 0; i < row.n; i++) flags[i] = row.flags!.charCodeAt(i) - 48;
        yield Object.freeze({
          kind: 'response-batch',
          n: row.n,
          ids,
          flags,
          packed: row.packed!,
          unpacked: byRow(ids, JSON.parse(row.unpacked), (r, e) => ({ row: r, answers: e[1] as JsonObject })),
          texts: row.texts === null ? [] : textRows(JSON.parse(row.texts) as unknown[][], keys.length),
        });
        if (row.n < limit) return;
        after = row.last!;
      }
    } finally {
      if (own) connection.close();
    }
  }
  // PostgreSQL: the answers are parsed once per row (a subquery fenced by its limit or `offset 0`), not
  // once per key and test, which costs five times as much
  const text = (key: string) => sql<string | null>`case when jsonb_typeof(j -> ${key}) = 'string' then j ->> ${key} end`;
  const rows = () =>
    ctx.db
      .selectFrom('responses')
      .select(['id', 'status', 'excluded', 'packed', 'answers'])
      .select(sql<unknown>`answers::jsonb`.as('j'))
      .where('waveId', '=', waveId)
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .$if(!includeExcluded, (q) => q.where('excluded', '=', 0));
  if (options.onTextBytes) {
    const lengths = keys.length === 0 ? [] : await ctx.db
      .selectFrom(rows().offset(0).as('r'))
      .select(keys.map((key, k) => sql<number | null>`max(octet_length(${text(key)}))`.as(`m${k}`)))
      .execute();
    const row = (lengths[0] ?? {}) as Record<string, number | string | null>;
    await options.onTextBytes(keys.map((_, k) => Number(row[`m${k}`] ?? 0)));
  }
  let after = 0;
  for (;;) {
    const page = await ctx.db
      .selectFrom(rows().where('id', '>', after).orderBy('id').limit(limit).as('r'))
      .select(['id', 'status', 'excluded', 'packed'])
      .select(sql<string | null>`case when packed is null or octet_length(packed) <> ${size} then answers end`.as('answers'))
      .$if(keys.length > 0, (q) => q.select(keys.map((key, k) => text(key).as(`t${k}`))))
      .orderBy('id')
      .execute();
    if (page.length === 0) return;
    const n = page.length;
    const ids = new Float64Array(n);
    const flags = new Uint8Array(n);
    const packed = new Uint8Array(n * size);
    const unpacked: { row: number; answers: JsonObject }[] = [];
    const texts: { row: number; texts: (string | null)[] }[] = [];
    page.forEach((r, i) => {
      ids[i] = r.id;
      flags[i] = (r.status === 'complete' ? 1 : 0) + (r.excluded ? 2 : 0);
      if (r.answers !== null) unpacked.push({ row: i, answers: JSON.parse(r.answers) as JsonObject });
      else packed.set(r.packed!, i * size);
      const strings = keys.map((_, k) => stringOrNull((r as unknown as Record<string, unknown>)[`t${k}`]));
      if (strings.some((s) => s !== null)) texts.push({ row: i, texts: strings });
    });
    yield Object.freeze({ kind: 'response-batch', n, ids, flags, packed, unpacked, texts });
    if (n < limit) return;
    after = page[n - 1].id;
  }
}
