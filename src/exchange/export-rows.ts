import type { ResponseWeights } from '../analysis/wave-weights.js';
import type { Store, Wave } from '../store/index.js';
import { columnLayout, packAnswers, type Answers, type Study } from '../study/index.js';
import type { ExportDictionary } from './export-variables.js';

/**
 * One response in export order, reused from row to row (copy what you keep): `values` holds numbers and
 * codes (NaN when missing), `texts` the strings of text variables (null when missing).
 */
export interface ExportRow {
  readonly values: Float64Array;
  readonly texts: (string | null)[];
}

/** Consecutive rows of an export: iterating fills the one reused row, row after row. */
export interface ExportBatch extends Iterable<ExportRow> {
  readonly n: number;
}

export interface ExportRowsOptions {
  /** 'kept' (default): complete responses not excluded; 'all': every response */
  readonly responses?: 'kept' | 'all';
  /** weights by response id (ascending ids); rows without one get NaN */
  readonly weights?: Pick<ResponseWeights, 'ids' | 'weights'> | null;
  /** called once before the first batch with the longest UTF-8 byte length of each variable's texts (0 for other variables) */
  readonly onTextBytes?: (maxBytes: readonly number[]) => void | Promise<void>;
  /** called after every batch and at the end with the rows streamed so far */
  readonly onProgress?: (rows: number) => void;
}

const ID = 0,
  STATUS = 1,
  EXCLUDED = 2,
  WEIGHT = 3,
  CATEGORY = 4,
  NUMBER = 5,
  TEXT = 6,
  RANK = 7;
const KIND_CODES = { id: ID, status: STATUS, excluded: EXCLUDED, weight: WEIGHT, 'packed-category': CATEGORY, 'packed-number': NUMBER, text: TEXT, 'packed-rank': RANK } as const;

/**
 * Streams a wave's responses as batches of export rows, in id order. Codes and numbers come from the
 * packed vectors (read at precomputed offsets through one DataView per batch, no JSON parsed), texts from
 * the strings the database extracts for the rows that have any; a response without a packed vector of the
 * study's layout (a partial one) is packed from its answers on the fly.
 */
export async function* exportBatches(store: Store, wave: Wave, study: Study, dictionary: ExportDictionary, options: ExportRowsOptions = {}): AsyncGenerator<ExportBatch> {
  const variables = dictionary.variables;
  const n = variables.length;
  const values = new Float64Array(n);
  const texts: (string | null)[] = new Array<string | null>(n).fill(null);
  const row: ExportRow = { values, texts };
  const layout = columnLayout(study);
  const size = dictionary.packedSize;
  const weights = options.weights ?? null;
  let w = 0;
  const kinds = Int8Array.from(variables, (v) => KIND_CODES[v.source.kind]);
  const offsets = Int32Array.from(variables, (v) => ('offset' in v.source ? v.source.offset : 0));
  const textKeys = variables.flatMap((v) => (v.source.kind === 'text' ? [v.source.key] : []));
  // position of each text variable among the texts the database extracts
  const textIndex = Int32Array.from(variables, (v) => (v.source.kind === 'text' ? textKeys.indexOf(v.source.key) : -1));
  const onTextBytes = options.onTextBytes;
  const batches = store.responses.iterateResponseBatches(wave.id, {
    ...(options.responses === 'all' ? { includeExcluded: true } : { status: 'complete', includeExcluded: false }),
    packedSize: size,
    textKeys,
    ...(onTextBytes ? { onTextBytes: (bytes: readonly number[]) => onTextBytes(Array.from(textIndex, (k) => (k < 0 ? 0 : bytes[k]))) } : {}),
  });
  let count = 0;
  for await (const batch of batches) {
    const rows = function* (): Generator<ExportRow> {
      const packedView = new DataView(batch.packed.buffer, batch.packed.byteOffset, batch.packed.byteLength);
      let u = 0;
      let t = 0;
      for (let i = 0; i < batch.n; i++) {
        let view = packedView;
        let base = i * size;
        if (u < batch.unpacked.length && batch.unpacked[u].row === i) {
          // no packed vector of this layout: pack the answers
          const packed = packAnswers(layout, batch.unpacked[u++].answers as Answers);
          view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
          base = 0;
        }
        const strings = t < batch.texts.length && batch.texts[t].row === i ? batch.texts[t++].texts : null;
        const id = batch.ids[i];
        const flags = batch.flags[i];
        for (let j = 0; j < n; j++) {
          switch (kinds[j]) {
            case CATEGORY: {
              const code = view.getInt16(base + offsets[j], true);
              values[j] = code < 0 ? NaN : code;
              break;
            }
            case NUMBER:
              values[j] = view.getFloat64(base + offsets[j], true);
              break;
            case RANK: {
              const rank = view.getInt16(base + offsets[j], true);
              values[j] = rank > 0 ? rank : NaN;
              break;
            }
            case TEXT: {
              const text = strings === null ? null : strings[textIndex[j]];
              texts[j] = text !== null && text !== '' ? text : null;
              break;
            }
            case ID:
              values[j] = id;
              break;
            case STATUS:
              values[j] = flags & 1 ? 1 : 2;
              break;
            case EXCLUDED:
              values[j] = flags & 2 ? 1 : 0;
              break;
            case WEIGHT: {
              let weight = NaN;
              if (weights) {
                while (w < weights.ids.length && weights.ids[w] < id) w++;
                if (w < weights.ids.length && weights.ids[w] === id) weight = weights.weights[w];
              }
              values[j] = weight;
              break;
            }
          }
        }
        yield row;
      }
    };
    yield { n: batch.n, [Symbol.iterator]: rows };
    count += batch.n;
    options.onProgress?.(count);
  }
  options.onProgress?.(count);
}

/** The rows of `exportBatches` one by one (for writers that need no speed). */
export async function* exportRows(batches: AsyncIterable<ExportBatch>): AsyncGenerator<ExportRow> {
  for await (const batch of batches) yield* batch;
}
