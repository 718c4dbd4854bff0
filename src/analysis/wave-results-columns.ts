import type { Store, Wave } from '../store/index.js';
import { columnLayout, packedSize, type Study } from '../study/index.js';
import type { WaveColumns } from './load-wave.js';
import { readPopulationTargets } from './population-targets.js';

/**
 * Loads only the category columns the results read (indicator variables, profile variables, weighting
 * margins) of a wave's kept complete responses, straight from the packed vectors (numbers first as Float64,
 * then one little-endian Int16 per category column: the layout of `packAnswers`). Same rows and codes as
 * `loadWave`, without unpacking the columns nobody reads: the first computation of a large wave is
 * dominated by this pass.
 */
export async function loadResultColumns(store: Store, wave: Wave, study: Study, variables: readonly string[]): Promise<WaveColumns> {
  const layout = columnLayout(study);
  const targets = readPopulationTargets(wave.populationTargets);
  const wanted = new Set([...variables, ...study.indicators.map((i) => i.variable), ...targets.margins.map((m) => m.variable)]);
  const names = layout.categories.flatMap((c, j) => (wanted.has(c.name) ? [{ name: c.name, offset: layout.numbers.length * 8 + j * 2 }] : []));
  const size = packedSize(layout);
  let capacity = 1024;
  let n = 0;
  let ids = new Float64Array(capacity);
  let columns = names.map(() => new Int16Array(capacity));
  const offsets = Int32Array.from(names.map((c) => c.offset));
  for await (const row of store.responses.iteratePacked(wave.id, { status: 'complete' })) {
    const packed = row.packed;
    if (!packed) continue;
    if (packed.byteLength !== size) throw new Error(`loadResultColumns: packed response ${row.id} has ${packed.byteLength} bytes, the layout needs ${size}`);
    if (n === capacity) {
      capacity *= 2;
      const grownIds = new Float64Array(capacity);
      grownIds.set(ids);
      ids = grownIds;
      columns = columns.map((c) => {
        const grown = new Int16Array(capacity);
        grown.set(c);
        return grown;
      });
    }
    ids[n] = row.id;
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    for (let k = 0; k < offsets.length; k++) columns[k][n] = view.getInt16(offsets[k], true);
    n++;
  }
  return Object.freeze({
    kind: 'wave-columns',
    waveId: wave.id,
    layout,
    n,
    ids: ids.subarray(0, n),
    categories: new Map(names.map((c, k) => [c.name, columns[k].subarray(0, n)])),
    numbers: new Map(),
  });
}
