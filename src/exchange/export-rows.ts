import type { Store, Wave } from '../store/index.js';
import { columnLayout, packAnswers, type Answers, type Study } from '../study/index.js';
import type { ExportDictionary } from './export-variables.js';
import type { WaveWeights } from './wave-weights.js';

/**
 * One response in export order, reused from row to row (copy what you keep): `values` holds numbers and
 * codes (NaN when missing), `texts` the strings of text variables (null when missing).
 */
export interface ExportRow {
  readonly values: Float64Array;
  readonly texts: (string | null)[];
}

export interface ExportRowsOptions {
  /** 'kept' (default): complete responses not excluded; 'all': every response */
  readonly responses?: 'kept' | 'all';
  /** weights by response id (ascending ids); rows without one get NaN */
  readonly weights?: WaveWeights | null;
  /** called every 4,096 rows and at the end with the rows streamed so far */
  readonly onProgress?: (rows: number) => void;
}

/**
 * Streams a wave's responses as export rows, in id order. Codes and numbers come from the packed vector
 * (no JSON parsed), texts from the answers JSON, parsed only when the dictionary has texts. A response
 * without a packed vector (a partial one) is packed from its answers on the fly.
 */
export async function* exportRows(
  store: Store,
  wave: Wave,
  study: Study,
  dictionary: ExportDictionary,
  options: ExportRowsOptions = {},
): AsyncGenerator<ExportRow> {
  const all = options.responses === 'all';
  const variables = dictionary.variables;
  const n = variables.length;
  const values = new Float64Array(n);
  const texts: (string | null)[] = new Array<string | null>(n).fill(null);
  const row: ExportRow = { values, texts };
  const layout = columnLayout(study);
  const weights = options.weights ?? null;
  let w = 0;
  const kinds = variables.map((v) => v.source.kind);
  const offsets = variables.map((v) => ('offset' in v.source ? v.source.offset : 0));
  const textKeys = variables.flatMap((v) => (v.source.kind === 'text' ? [v.source.key] : []));
  // position of each text variable among the texts the database extracts
  const textIndex = variables.map((v) => (v.source.kind === 'text' ? textKeys.indexOf(v.source.key) : -1));
  const rows = store.responses.iterateResponses(wave.id, {
    ...(all ? { includeExcluded: true } : { status: 'complete', includeExcluded: false }),
    textKeys,
    answers: 'unpacked',
  });
  let count = 0;
  for await (const r of rows) {
    if ((++count & 4095) === 0) options.onProgress?.(count);
    let packed = r.packed;
    if (packed === null || packed.byteLength !== dictionary.packedSize) {
      // no packed vector (a partial response), or one of another layout: pack the answers
      const answers = (r.answers !== '' ? JSON.parse(r.answers) : ((await store.responses.getById(r.id))?.answers ?? {})) as Answers;
      packed = packAnswers(layout, answers);
    }
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    for (let j = 0; j < n; j++) {
      switch (kinds[j]) {
        case 'packed-category': {
          const code = view.getInt16(offsets[j], true);
          values[j] = code < 0 ? NaN : code;
          break;
        }
        case 'packed-number':
          values[j] = view.getFloat64(offsets[j], true);
          break;
        case 'text': {
          const text = r.texts[textIndex[j]];
          texts[j] = text !== null && text !== '' ? text : null;
          break;
        }
        case 'id':
          values[j] = r.id;
          break;
        case 'status':
          values[j] = r.status === 'complete' ? 1 : 2;
          break;
        case 'excluded':
          values[j] = r.excluded ? 1 : 0;
          break;
        case 'weight': {
          let weight = NaN;
          if (weights) {
            while (w < weights.ids.length && weights.ids[w] < r.id) w++;
            if (w < weights.ids.length && weights.ids[w] === r.id) weight = weights.weights[w];
          }
          values[j] = weight;
          break;
        }
      }
    }
    yield row;
  }
  options.onProgress?.(count);
}
