import type { BulkResponse, JsonObject } from '../store/index.js';

/** A demo row as generateWave makes it: answers as an object (page durations already JSON text). */
export type DemoRow = BulkResponse & { readonly answers: JsonObject };

/**
 * Demo rows laid out to cross from a worker thread cheaply: the text fields of every row in one array of
 * strings (answers and page durations as JSON text), numbers in a Float64Array, packed vectors end to end
 * in one Uint8Array. Structured cloning copies one flat array of strings and moves two buffers, instead of
 * walking thousands of objects.
 */
export interface RowBatch {
  readonly count: number;
  readonly waveId: number;
  readonly source: NonNullable<BulkResponse['source']>;
  /** per row: publicId, status, answers, pageDurations, startedAt, updatedAt, completedAt, language, company */
  readonly texts: readonly string[];
  /** per row: durationMs (NaN for null), currentPage, null mask (1 completedAt, 2 company, 4 packed) */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** bytes of each row's packed vector, and the vectors end to end */
  readonly packedSize: number;
  readonly packed: Uint8Array<ArrayBuffer>;
}

/** Texts and numbers per row, in the order RowBatch documents. */
const TEXTS = 9;
const NUMBERS = 3;

/** Fills a RowBatch one row at a time (so that a row's objects die young), then hands it over. */
export interface RowBatchEncoder {
  /** rows added since the last `take` */
  readonly count: number;
  /** adds a row of the batch's wave and source, with a packed vector of the batch's size or none (throws otherwise) */
  add(row: DemoRow): void;
  /** the batch of the rows added, and a new empty one begun */
  take(): RowBatch;
}

/** An encoder of batches of up to `capacity` rows. */
export function createRowBatchEncoder(capacity: number): RowBatchEncoder {
  let count = 0;
  let first: DemoRow | undefined;
  let packedSize = 0;
  let texts: string[] = [];
  let numbers = new Float64Array(capacity * NUMBERS);
  let packed = new Uint8Array(0);
  return {
    get count() {
      return count;
    },
    add(r) {
      if (count === capacity) throw new RangeError(`RowBatchEncoder: more than ${capacity} rows`);
      if (first === undefined) {
        first = r;
        packedSize = r.packed?.byteLength ?? 0;
        packed = new Uint8Array(capacity * packedSize);
      } else if (r.waveId !== first.waveId || r.source !== first.source) {
        throw new RangeError('RowBatchEncoder: rows of several waves or sources');
      }
      if ((r.packed?.byteLength ?? 0) !== packedSize && r.packed != null) throw new RangeError('RowBatchEncoder: packed vectors of several sizes');
      texts.push(
        r.publicId ?? '',
        r.status,
        JSON.stringify(r.answers),
        r.pageDurationsJson ?? JSON.stringify(r.pageDurations ?? null),
        r.startedAt,
        r.updatedAt ?? r.completedAt ?? r.startedAt,
        r.completedAt ?? '',
        r.language ?? 'fr',
        r.company ?? '',
      );
      const n = count * NUMBERS;
      numbers[n] = r.durationMs ?? Number.NaN;
      numbers[n + 1] = r.currentPage ?? 0;
      numbers[n + 2] = (r.completedAt == null ? 1 : 0) | (r.company == null ? 2 : 0) | (r.packed == null ? 4 : 0);
      if (r.packed) packed.set(r.packed, count * packedSize);
      count++;
    },
    take() {
      const batch: RowBatch = {
        count,
        waveId: first?.waveId ?? 0,
        source: first?.source ?? 'demo',
        texts,
        numbers: numbers.slice(0, count * NUMBERS),
        packedSize,
        packed: packed.slice(0, count * packedSize),
      };
      count = 0;
      first = undefined;
      texts = [];
      numbers = new Float64Array(capacity * NUMBERS);
      return batch;
    },
  };
}

/** The store rows of a batch, answers and page durations as JSON text. */
export function decodeRowBatch(batch: RowBatch): BulkResponse[] {
  const { texts, numbers, packed, packedSize, waveId, source } = batch;
  const rows = new Array<BulkResponse>(batch.count);
  for (let i = 0; i < batch.count; i++) {
    const t = i * TEXTS;
    const n = i * NUMBERS;
    const nulls = numbers[n + 2];
    const duration = numbers[n];
    rows[i] = {
      waveId,
      publicId: texts[t] === '' ? undefined : texts[t],
      status: texts[t + 1] as BulkResponse['status'],
      answersJson: texts[t + 2],
      pageDurationsJson: texts[t + 3],
      startedAt: texts[t + 4],
      updatedAt: texts[t + 5],
      completedAt: nulls & 1 ? null : texts[t + 6],
      durationMs: Number.isNaN(duration) ? null : duration,
      currentPage: numbers[n + 1],
      language: texts[t + 7],
      company: nulls & 2 ? null : texts[t + 8],
      packed: nulls & 4 ? null : packed.subarray(i * packedSize, (i + 1) * packedSize),
      source,
    };
  }
  return rows;
}
