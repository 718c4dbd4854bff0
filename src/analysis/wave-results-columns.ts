import type { Store, Wave } from '../store/index.js';
import { columnLayout, packedSize, type Study } from '../study/index.js';
import type { WaveColumns } from './load-wave.js';
import { readPopulationTargets } from './population-targets.js';

/**
 * Loads only the columns the results read (indicator variables, profile variables, weighting margins, and
 * the number columns named in `numberVariables`) of a wave's kept complete responses, straight from the
 * packed vectors. Same rows and codes as `loadWave`, without unpacking the columns nobody reads: the first
 * computation of a large wave is dominated by this pass.
 */
export async function loadResultColumns(store: Store, wave: Wave, study: Study, variables: readonly string[], numberVariables: readonly string[] = []): Promise<WaveColumns> {
  const targets = readPopulationTargets(wave.populationTargets);
  return loadCategoryColumns(store, wave, study, [...variables, ...study.indicators.map((i) => i.variable), ...targets.margins.map((m) => m.variable)], numberVariables);
}

/**
 * Loads the named category columns (names that are not category variables of the study are left out) of
 * a wave's kept complete responses, and the named number columns among `numberNames`. The packed vectors
 * come in batches laid end to end (numbers first as Float64, then one little-endian Int16 per category
 * column: the layout of `packAnswers`); each column is read at its precomputed offset through one DataView
 * per batch, into columns sized by the first batch and grown by doubling. Complexity O(n · columns).
 */
export async function loadCategoryColumns(store: Store, wave: Wave, study: Study, names: readonly string[], numberNames: readonly string[] = []): Promise<WaveColumns> {
  const layout = columnLayout(study);
  const wanted = new Set(names);
  const chosen = layout.categories.flatMap((c, j) => (wanted.has(c.name) ? [{ name: c.name, offset: layout.numbers.length * 8 + j * 2 }] : []));
  const offsets = Int32Array.from(chosen.map((c) => c.offset));
  const wantedNumbers = new Set(numberNames);
  const chosenNumbers = layout.numbers.flatMap((c, j) => (wantedNumbers.has(c.name) ? [{ name: c.name, offset: j * 8 }] : []));
  const size = packedSize(layout);
  let capacity = 0;
  let n = 0;
  let ids = new Float64Array(0);
  let columns = chosen.map(() => new Int16Array(0));
  let numbers = chosenNumbers.map(() => new Float64Array(0));
  for await (const batch of store.responses.iteratePackedBatches(wave.id, { status: 'complete', size })) {
    if (n + batch.n > capacity) {
      capacity = Math.max(2 * capacity, n + batch.n);
      ids = grow(ids, capacity, n);
      columns = columns.map((c) => grow(c, capacity, n));
      numbers = numbers.map((c) => grow(c, capacity, n));
    }
    ids.set(batch.ids, n);
    const view = new DataView(batch.packed.buffer, batch.packed.byteOffset, batch.packed.byteLength);
    for (let k = 0; k < offsets.length; k++) {
      const column = columns[k];
      for (let i = 0, at = offsets[k]; i < batch.n; i++, at += size) column[n + i] = view.getInt16(at, true);
    }
    for (let k = 0; k < chosenNumbers.length; k++) {
      const column = numbers[k];
      for (let i = 0, at = chosenNumbers[k].offset; i < batch.n; i++, at += size) column[n + i] = view.getFloat64(at, true);
    }
    n += batch.n;
  }
  return Object.freeze({
    kind: 'wave-columns',
    waveId: wave.id,
    layout,
    n,
    ids: ids.subarray(0, n),
    categories: new Map(chosen.map((c, k) => [c.name, columns[k].subarray(0, n)])),
    numbers: new Map(chosenNumbers.map((c, k) => [c.name, numbers[k].subarray(0, n)])),
  });
}

function grow<T extends Float64Array | Int16Array>(array: T, capacity: number, used: number): T {
  const grown = new (array.constructor as { new (n: number): T })(capacity);
  grown.set(array.subarray(0, used));
  return grown;
}
