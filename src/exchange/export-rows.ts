import type { ResponseWeights } from '../analysis/wave-weights.js';
import type { Store, Wave } from '../store/index.js';
import { columnLayout, packAnswers, type Answers, type Study } from '../study/index.js';
import { CHANNEL_CODES, type ExportDictionary, type ParadataField } from './export-variables.js';
import type { ResponseParadata } from '../store/index.js';

/**
 * One response in export order, reused from row to row (copy what you keep): `values` holds numbers and
 * codes (NaN when missing), `texts` the strings of text variables (null when missing); a date has both, its
 * `YYYY-MM-DD` text and its days since 1970-01-01.
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
  WEIGHT_POPULATION = 7,
  PARADATA = 8,
  DATE = 9,
  RANK = 10;
const KIND_CODES = {
  id: ID,
  status: STATUS,
  excluded: EXCLUDED,
  weight: WEIGHT,
  'weight-population': WEIGHT_POPULATION,
  'packed-category': CATEGORY,
  'packed-number': NUMBER,
  text: TEXT,
  paradata: PARADATA,
  date: DATE,
  'packed-rank': RANK,
} as const;
const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to an ISO day `YYYY-MM-DD`; NaN for anything else. */
export function isoDayNumber(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return Number.NaN;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) ? Number.NaN : ms / DAY_MS;
}

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
  // weight (mean 1) = weight_population × n / Σ weight_population, over the weighted responses
  let total = 0;
  if (weights) for (let k = 0; k < weights.weights.length; k++) total += weights.weights[k]!;
  const toSample = weights && total > 0 ? weights.weights.length / total : NaN;
  const kinds = Int8Array.from(variables, (v) => KIND_CODES[v.source.kind]);
  const offsets = Int32Array.from(variables, (v) => ('offset' in v.source ? v.source.offset : 0));
  const textKeys = variables.flatMap((v) => (v.source.kind === 'text' || v.source.kind === 'date' ? [v.source.key] : []));
  // position of each text (or date) variable among the texts the database extracts
  const textIndex = Int32Array.from(variables, (v) => (v.source.kind === 'text' || v.source.kind === 'date' ? textKeys.indexOf(v.source.key) : -1));
  const paradataFields = variables.map((v) => (v.source.kind === 'paradata' ? v.source.field : null)) as (ParadataField | null)[];
  const needsParadata = paradataFields.some((f) => f !== null);
  const onTextBytes = options.onTextBytes;
  const batches = store.responses.iterateResponseBatches(wave.id, {
    ...(options.responses === 'all' ? { includeExcluded: true } : { status: 'complete', includeExcluded: false }),
    packedSize: size,
    textKeys,
    ...(onTextBytes
      ? {
          onTextBytes: async (bytes: readonly number[]) => {
            // paradata texts: ISO times are 24 bytes; language and exclusion reason as long as the longest stored
            const stored = needsParadata ? await store.responses.paradataTextBytes(wave.id) : { language: 0, exclusionReason: 0 };
            const paradataBytes = (field: ParadataField | null) =>
              field === 'startedAt' || field === 'completedAt' ? 24 : field === 'language' ? stored.language : field === 'exclusionReason' ? stored.exclusionReason : 0;
            return onTextBytes(Array.from(textIndex, (k, j) => (k < 0 ? paradataBytes(paradataFields[j]!) : bytes[k]!)));
          },
        }
      : {}),
  });
  let count = 0;
  for await (const batch of batches) {
    const paradata: readonly ResponseParadata[] = needsParadata && batch.n > 0 ? await store.responses.paradata(wave.id, batch.ids[0]!, batch.ids[batch.n - 1]!) : [];
    let p = 0;
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
        while (p < paradata.length && paradata[p]!.id < id) p++;
        const about = p < paradata.length && paradata[p]!.id === id ? paradata[p]! : null;
        for (let j = 0; j < n; j++) {
          switch (kinds[j]) {
            case PARADATA:
              paradataValue(paradataFields[j]!, about, values, texts, j);
              break;
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
            case DATE: {
              const text = strings === null ? null : strings[textIndex[j]];
              texts[j] = text !== null && text !== '' ? text : null;
              values[j] = texts[j] === null ? Number.NaN : isoDayNumber(texts[j]!);
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
            case WEIGHT:
            case WEIGHT_POPULATION: {
              let weight = NaN;
              if (weights) {
                while (w < weights.ids.length && weights.ids[w] < id) w++;
                if (w < weights.ids.length && weights.ids[w] === id) weight = weights.weights[w];
              }
              values[j] = kinds[j] === WEIGHT ? weight * toSample : weight;
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

/** Writes one paradata field of a response into its row (NaN or null when unknown). */
function paradataValue(field: ParadataField, about: ResponseParadata | null, values: Float64Array, texts: (string | null)[], j: number): void {
  values[j] = Number.NaN;
  texts[j] = null;
  if (!about) return;
  switch (field) {
    case 'startedAt':
      texts[j] = about.startedAt;
      break;
    case 'completedAt':
      texts[j] = about.completedAt;
      break;
    case 'durationSeconds':
      values[j] = about.durationMs === null ? Number.NaN : Math.round(about.durationMs / 1000);
      break;
    case 'language':
      texts[j] = about.language;
      break;
    case 'channel':
      values[j] = CHANNEL_CODES[about.channel];
      break;
    case 'exclusionReason':
      texts[j] = about.exclusionReason !== null && about.exclusionReason !== '' ? about.exclusionReason : null;
      break;
  }
}

/** The rows of `exportBatches` one by one (for writers that need no speed). */
export async function* exportRows(batches: AsyncIterable<ExportBatch>): AsyncGenerator<ExportRow> {
  for await (const batch of batches) yield* batch;
}
