import type { Store, Wave } from '../store/index.js';
import { columnLayout, unpackInto, type ColumnLayout, type Study } from '../study/index.js';

/** A wave in columns: one typed array per variable, one row per response. */
export interface WaveColumns {
  readonly kind: 'wave-columns';
  readonly waveId: number;
  readonly layout: ColumnLayout;
  readonly n: number;
  /** response ids, row order */
  readonly ids: Float64Array;
  /** option codes per categorical variable, -1 missing */
  readonly categories: ReadonlyMap<string, Int16Array>;
  /** values per numeric variable, NaN missing */
  readonly numbers: ReadonlyMap<string, Float64Array>;
}

export interface LoadWaveOptions {
  /** default: complete responses only */
  readonly status?: 'complete' | 'partial';
  /** default false: results use kept responses only */
  readonly includeExcluded?: boolean;
}

/**
 * Reads a wave's packed answer vectors into typed-array columns, growing the columns by doubling:
 * no JSON is parsed, one pass over the rows.
 */
export async function loadWave(store: Store, wave: Wave, study: Study, options: LoadWaveOptions = {}): Promise<WaveColumns> {
  const layout = columnLayout(study);
  let capacity = 1024;
  let ids = new Float64Array(capacity);
  let numbers = layout.numbers.map(() => new Float64Array(capacity));
  let categories = layout.categories.map(() => new Int16Array(capacity));
  let n = 0;
  for await (const row of store.responses.iteratePacked(wave.id, { status: options.status ?? 'complete', includeExcluded: options.includeExcluded ?? false })) {
    if (!row.packed) continue;
    if (n === capacity) {
      capacity *= 2;
      const grow = <T extends Float64Array | Int16Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(capacity);
        b.set(a);
        return b;
      };
      ids = grow(ids);
      numbers = numbers.map(grow);
      categories = categories.map(grow);
    }
    ids[n] = row.id;
    unpackInto(layout, row.packed, n, numbers, categories);
    n++;
  }
  return Object.freeze({
    kind: 'wave-columns',
    waveId: wave.id,
    layout,
    n,
    ids: ids.subarray(0, n),
    categories: new Map(layout.categories.map((c, j) => [c.name, categories[j].subarray(0, n)])),
    numbers: new Map(layout.numbers.map((c, j) => [c.name, numbers[j].subarray(0, n)])),
  });
}
