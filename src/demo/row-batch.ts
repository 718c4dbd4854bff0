import type { BulkResponse, JsonObject } from '../store/index.js';

/** A demo row as generateWave makes it: answers and page durations as objects. */
export type DemoRow = BulkResponse & { readonly answers: JsonObject };

/**
 * Demo rows laid out to cross from a worker thread cheaply: every text field of every row joined by
 * newlines into one string (JSON text never holds a raw newline, and no other field does: `encodeRowBatch`
 * checks), numbers in a Float64Array, packed vectors end to end in one Uint8Array. Structured cloning copies
 * one string and moves two buffers, instead of walking thousands of objects.
 */
export interface RowBatch {
  readonly count: number;
  readonly waveId: number;
  readonly source: NonNullable<BulkResponse['source']>;
  /** per row: publicId, status, answers, pageDurations, startedAt, updatedAt, completedAt, language, company */
  readonly text: string;
  /** per row: durationMs (NaN for null), currentPage, null mask (1 completedAt, 2 company, 4 packed) */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** bytes of each row's packed vector, and the vectors end to end */
  readonly packedSize: number;
  readonly packed: Uint8Array<ArrayBuffer>;
}

const TEXTS = 9;
const NUMBERS = 3;

function text(value: string, field: string): string {
  if (value.includes('\n')) throw new RangeError(`encodeRowBatch: ${field} holds a newline`);
  return value;
}

/** Encodes rows of one wave and source, all with packed vectors of one size or none (throws otherwise). */
export function encodeRowBatch(rows: readonly DemoRow[]): RowBatch {
  const first = rows[0];
  const packedSize = first?.packed?.byteLength ?? 0;
  const texts = new Array<string>(rows.length * TEXTS);
  const numbers = new Float64Array(rows.length * NUMBERS);
  const packed = new Uint8Array(rows.length * packedSize);
  rows.forEach((r, i) => {
    if (r.waveId !== first.waveId || r.source !== first.source) throw new RangeError('encodeRowBatch: rows of several waves or sources');
    if ((r.packed?.byteLength ?? 0) !== packedSize) throw new RangeError('encodeRowBatch: packed vectors of several sizes');
    const t = i * TEXTS;
    texts[t] = text(r.publicId ?? '', 'publicId');
    texts[t + 1] = r.status;
    texts[t + 2] = JSON.stringify(r.answers);
    texts[t + 3] = JSON.stringify(r.pageDurations ?? null);
    texts[t + 4] = text(r.startedAt, 'startedAt');
    texts[t + 5] = text(r.updatedAt ?? r.completedAt ?? r.startedAt, 'updatedAt');
    texts[t + 6] = text(r.completedAt ?? '', 'completedAt');
    texts[t + 7] = text(r.language ?? 'fr', 'language');
    texts[t + 8] = text(r.company ?? '', 'company');
    const n = i * NUMBERS;
    numbers[n] = r.durationMs ?? Number.NaN;
    numbers[n + 1] = r.currentPage ?? 0;
    numbers[n + 2] = (r.completedAt == null ? 1 : 0) | (r.company == null ? 2 : 0) | (r.packed == null ? 4 : 0);
    if (r.packed) packed.set(r.packed, i * packedSize);
  });
  return { count: rows.length, waveId: first?.waveId ?? 0, source: first?.source ?? 'demo', text: texts.join('\n'), numbers, packedSize, packed };
}

/** The store rows of a batch, answers and page durations as JSON text. */
export function decodeRowBatch(batch: RowBatch): BulkResponse[] {
  const texts = batch.count === 0 ? [] : batch.text.split('\n');
  const { numbers, packed, packedSize, waveId, source } = batch;
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
