import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { JsonObject } from '../json.js';
import type { ResponseStatus } from '../schema.js';
import type { StoreContext } from '../store-context.js';
import { ANSWERS_SEPARATOR, answerString, scanAnswerStrings } from './iterate-answer-strings.js';
import { sqliteWaveRows } from './iterate-packed-batches.js';
import { countedOnly } from './counted-responses.js';

// A guide. Exports (CSV, SAV, triple-S, JSONL) read a wave of any size through this generator, batch by
// batch, with memory flat: what each batch holds, and how each database fills it.
//
//   ResponseBatch (n rows, in ascending id order; row r is the same row in every field)
//     ids      Float64Array(n)            response ids
//     flags    Uint8Array(n)              bit 0: complete, bit 1: excluded
//     packed   Uint8Array(n·packedSize)   row r's answers packed by the study's column layout at r·packedSize;
//                                         zeros where the row has no vector of that size (a partial response,
//                                         a response stored under another layout) ──┐
//     unpacked [{ row, answers }]        the answers JSON of exactly those rows ◀───┘  (a sparse list)
//     texts    [{ row, texts[k] }]       rows with a string under one of textKeys[k]  (a sparse list)
//
// SQLite (its own read-only connection and one read transaction, so the text lengths and every batch
// see one snapshot; inside a caller's transaction, that transaction's connection):
//   1. onTextBytes: sqliteAnswersSql pages the answers JSON texts end to end, scanAnswerStrings measures
//      the strings under each key (no json_extract: it would parse every row's whole answers);
//   2. each batch is ONE aggregate row of sqliteBatchSql over `id > after order by id limit :limit`:
//        ids       json_group_array(id)                         → JSON.parse → Float64Array (checked ascending)
//        packed    group_concat(packed or zeroblob(size), x'')  → the vectors end to end, as they come
//        flags     group_concat(complete + 2·excluded, '')      → one digit a row → Uint8Array
//        unpacked  json_group_array([id, answers]) filter (…)   → byRow: ids → row indexes
//        answers   group_concat(answers, separator)             → textRows: scanAnswerStrings by key
//      a handful of values per batch instead of an array, a Buffer and strings per row;
//   3. the next batch starts after the last id (keyset paging); a short batch is the last.
// PostgreSQL: keyset pages by id of plain rows; the answers are cast to jsonb once per row in a fenced
// subquery (`offset 0` / its limit) and each text key read with `->>` only when it is a string; the
// answers JSON comes back only for rows without a vector of the right size.

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
  /** the rows with a string under one of `textKeys`: the string under each key, null when absent or not a string (row order) */
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

/**
 * SQLite, one batch in one aggregate query: the vectors laid end to end (zeros where a row has none of
 * the right size), the status flags as a string of digits, as JSON arrays the ids and the answers of rows
 * without a vector, and when texts are wanted the answers JSON texts end to end, which
 * `scanAnswerStrings` reads (json_extract would parse every row's whole answers, 1.5 s more on a million
 * rows). The driver makes a handful of values per batch instead of an array, a Buffer and strings per row.
 */
const sqliteBatchSql = (status: ResponseStatus | undefined, includeExcluded: boolean, texts: boolean) =>
  `select count(*) as n, max(id) as last, json_group_array(id) as ids,
     cast(group_concat(iif(length(packed) = :size, packed, zeroblob(:size)), x'') as blob) as packed,
     group_concat((status = 'complete') + 2 * excluded, '') as flags,
     json_group_array(json_array(id, json(answers))) filter (where packed is null or length(packed) <> :size) as unpacked,
     ${texts ? `cast(group_concat(answers, char(${ANSWERS_SEPARATOR})) as blob)` : 'null'} as answers
   from (select id, status, excluded, packed, answers from responses where ${sqliteWaveRows(status, includeExcluded)} order by id limit :limit)`;

/** SQLite, the answers JSON texts of a batch end to end, to measure the texts. */
const sqliteAnswersSql = (status: ResponseStatus | undefined, includeExcluded: boolean) =>
  `select count(*) as n, max(id) as last, cast(group_concat(answers, char(${ANSWERS_SEPARATOR})) as blob) as answers
   from (select id, answers from responses where ${sqliteWaveRows(status, includeExcluded)} order by id limit :limit)`;

interface SqliteBatchRow {
  n: number;
  last: number | null;
  ids: string;
  packed: Uint8Array | null;
  flags: string | null;
  unpacked: string;
  answers: Buffer | null;
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

/** The rows with a string under one of the text keys (per row, in key order), from their answers end to end. */
function textRows(answers: Buffer | null, n: number, keys: readonly string[]): { row: number; texts: (string | null)[] }[] {
  if (answers === null || keys.length === 0) return [];
  const perRow: ((string | null)[] | undefined)[] = new Array(n);
  const put = (row: number, key: number, value: string) => ((perRow[row] ??= new Array<string | null>(keys.length).fill(null))[key] = value);
  scanAnswerStrings(answers, n, keys, (found) => put(found.row, found.key, answerString(answers, found)));
  const out: { row: number; texts: (string | null)[] }[] = [];
  perRow.forEach((texts, row) => out.push({ row, texts: texts! })); // forEach skips the holes
  return out;
}

/** The longest UTF-8 byte length of each key's strings among the rows, in batches of answers end to end. */
function sqliteTextBytes(
  connection: BetterSqlite3.Database,
  params: Record<string, number | string>,
  status: ResponseStatus | undefined,
  includeExcluded: boolean,
  keys: readonly string[],
): number[] {
  const longest = keys.map(() => 0);
  if (keys.length === 0) return longest;
  const statement = connection.prepare(sqliteAnswersSql(status, includeExcluded));
  const limit = params.limit as number;
  for (let after = 0; ; ) {
    const batch = statement.get({ ...params, after }) as { n: number; last: number | null; answers: Buffer | null };
    if (batch.n === 0) break;
    const bytes = batch.answers!;
    const measure = (key: number, length: number) => void (length > longest[key] && (longest[key] = length));
    scanAnswerStrings(bytes, batch.n, keys, (found) => measure(found.key, found.escaped ? Buffer.byteLength(answerString(bytes, found)) : found.to - found.from));
    if (batch.n < limit) break;
    after = batch.last!;
  }
  return longest;
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
  const limit = options.batchSize ?? 2048;
  const params = { waveId, size, limit, ...(status ? { status } : {}) };
  if (ctx.dialect === 'sqlite' && ctx.sqlite && ctx.sqliteFile) {
    const own = !ctx.db.isTransaction;
    const connection = own ? new BetterSqlite3(ctx.sqliteFile, { readonly: true, fileMustExist: true }) : ctx.sqlite;
    try {
      if (own) connection.exec('begin');
      if (options.onTextBytes) await options.onTextBytes(sqliteTextBytes(connection, params, status, includeExcluded, keys));
      const statement = connection.prepare(sqliteBatchSql(status, includeExcluded, keys.length > 0));
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
          texts: textRows(row.answers, row.n, keys),
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
    countedOnly(ctx.db.selectFrom('responses'))
      .select(['id', 'status', 'excluded', 'packed', 'answers'])
      .select(sql<unknown>`answers::jsonb`.as('j'))
      .where('waveId', '=', waveId)
      .$if(status !== undefined, (q) => q.where('status', '=', status!))
      .$if(!includeExcluded, (q) => q.where('excluded', '=', 0));
  if (options.onTextBytes) {
    const lengths =
      keys.length === 0
        ? []
        : await ctx.db
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
