import type { Label } from '../../../../study/index.js';
import { indicatorColumn } from '../../../../analysis/indicator-column.js';
import { loadWave } from '../../../../analysis/load-wave.js';
import { responseWeights, type WaveWeighting } from '../../../../analysis/wave-weights.js';
import type { Store, Wave } from '../../../../store/index.js';
import type { Study } from '../../../../study/index.js';

export interface IndicatorComparison {
  readonly id: string;
  readonly label: Label;
  readonly base: number;
  readonly unweighted: number;
  readonly weighted: number;
}

export interface WeightingReport {
  readonly kind: 'weighting-report';
  readonly n: number;
  readonly weighting: WaveWeighting | null;
  /** why there is nothing to show (no kept complete response) */
  readonly empty: boolean;
  readonly indicators: readonly IndicatorComparison[];
}

/** How many indicators the workspace compares weighted against unweighted. */
export const MAIN_INDICATORS = 12;

/**
 * The weighting of a wave as the results will use it (analysis/wave-weights.ts: raking to the population
 * targets, trimming), and its main indicators as shares of their base, weighted and unweighted.
 */
export async function weightingReport(store: Store, wave: Wave, study: Study): Promise<WeightingReport> {
  const columns = await loadWave(store, wave, study);
  if (columns.n === 0) return Object.freeze({ kind: 'weighting-report', n: 0, weighting: null, empty: true, indicators: [] });
  const { weighting, weights, ids } = await responseWeights(store, wave);
  const aligned = ids.length === columns.n && ids.every((id, i) => id === columns.ids[i]);
  const indicators = study.indicators.slice(0, MAIN_INDICATORS).flatMap((indicator) => {
    let column: Int8Array;
    try {
      column = indicatorColumn(columns, columns.layout, indicator);
    } catch {
      return [];
    }
    let n = 0,
      yes = 0,
      w = 0,
      wYes = 0;
    for (let i = 0; i < columns.n; i++) {
      if (column[i]! < 0) continue;
      const weight = aligned ? weights[i]! : 1;
      n++;
      w += weight;
      if (column[i] === 1) {
        yes++;
        wYes += weight;
      }
    }
    return n === 0 ? [] : [Object.freeze({ id: indicator.id, label: indicator.label, base: n, unweighted: yes / n, weighted: wYes / w })];
  });
  return Object.freeze({ kind: 'weighting-report', n: columns.n, weighting, empty: false, indicators });
}
