import { readPopulationTargets } from '../analysis/population-targets.js';
import type { Store, Wave } from '../store/index.js';
import { StatsError, categoricalColumn, createDataset, createDesign, rake } from '../stats/index.js';
import { trimWeights } from '../stats/trim.js';
import { columnLayout, type Study } from '../study/index.js';

/** Raking weights of a wave's kept complete responses, by response id (ascending). */
export interface WaveWeights {
  readonly kind: 'wave-weights';
  readonly ids: Float64Array;
  readonly weights: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
}

export type WaveWeightsResult =
  | { readonly kind: 'weighted'; readonly weights: WaveWeights }
  | { readonly kind: 'unweighted'; readonly reason: string };

/**
 * Rakes a wave's kept complete responses to its population targets (then trims them when the targets
 * ask), reading only the margin columns from the packed vectors: memory is O(n · margins), not the whole
 * wave. A wave without targets, or whose targets cannot be reached, is unweighted, with the reason.
 */
export async function waveWeights(store: Store, wave: Wave, study: Study): Promise<WaveWeightsResult> {
  const targets = readPopulationTargets(wave.populationTargets);
  if (targets.margins.length === 0) return { kind: 'unweighted', reason: 'the wave has no population targets' };
  const layout = columnLayout(study);
  const margins = [];
  for (const margin of targets.margins) {
    const j = layout.categories.findIndex((c) => c.name === margin.variable);
    if (j < 0) return { kind: 'unweighted', reason: `margin "${margin.variable}" is not a categorical variable of the study` };
    margins.push({ variable: margin.variable, offset: layout.numbers.length * 8 + j * 2, levels: layout.categories[j].levels.map((l) => l.code), targets: margin.targets });
  }
  let capacity = 1024;
  let n = 0;
  let ids = new Float64Array(capacity);
  let codes = margins.map(() => new Int32Array(capacity));
  const index = margins.map((m) => new Map(m.levels.map((code, i) => [code, i])));
  for await (const row of store.responses.iteratePacked(wave.id, { status: 'complete' })) {
    if (!row.packed) continue;
    if (n === capacity) {
      capacity *= 2;
      const grownIds = new Float64Array(capacity);
      grownIds.set(ids);
      ids = grownIds;
      codes = codes.map((c) => {
        const grown = new Int32Array(capacity);
        grown.set(c);
        return grown;
      });
    }
    const view = new DataView(row.packed.buffer, row.packed.byteOffset, row.packed.byteLength);
    ids[n] = row.id;
    margins.forEach((m, k) => {
      codes[k][n] = index[k].get(view.getInt16(m.offset, true)) ?? -1;
    });
    n++;
  }
  if (n === 0) return { kind: 'unweighted', reason: 'the wave has no complete response' };
  try {
    const dataset = createDataset(margins.map((m, k) => categoricalColumn(m.variable, codes[k].subarray(0, n), m.levels.map(String))));
    const design = createDesign(dataset, { weights: new Float64Array(n).fill(1) });
    const raked = rake(
      design,
      margins.map((m) => ({ variable: m.variable, population: Object.fromEntries(m.targets.map((t) => [String(t.code), t.population])) })),
    );
    let weights = raked.weights;
    if (targets.trimming) {
      let total = 0;
      for (let i = 0; i < n; i++) total += weights[i];
      const mean = total / n;
      weights = trimWeights(weights, { lower: targets.trimming.lower * mean, upper: targets.trimming.upper * mean }).weights;
    }
    return { kind: 'weighted', weights: Object.freeze({ kind: 'wave-weights', ids: ids.slice(0, n), weights, converged: raked.converged, iterations: raked.iterations }) };
  } catch (error) {
    if (error instanceof StatsError) return { kind: 'unweighted', reason: error.message };
    throw error;
  }
}
