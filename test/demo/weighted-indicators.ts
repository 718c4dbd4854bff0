// Test helper: the raked estimate and 95 % CI of study indicators on a stored wave, with the statistics engine.
import { indicatorColumn } from '../../src/analysis/indicator-column.js';
import { loadWave } from '../../src/analysis/load-wave.js';
import { readPopulationTargets } from '../../src/analysis/population-targets.js';
import { categoricalColumn, ciprop, createDataset, createDesign, rake, type Column } from '../../src/stats/index.js';
import type { Store, Wave } from '../../src/store/index.js';
import type { Indicator, Study } from '../../src/study/index.js';

export interface WeightedIndicator {
  readonly id: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly n: number;
}

export async function weightedIndicators(store: Store, wave: Wave, study: Study, indicators: readonly Indicator[]): Promise<WeightedIndicator[]> {
  const columns = await loadWave(store, wave, study);
  const targets = readPopulationTargets(wave.populationTargets);
  const profile: Column[] = targets.margins.map((margin) => {
    const levels = margin.targets.map((t) => String(t.code));
    const index = new Map(margin.targets.map((t, i) => [t.code, i]));
    const codes = columns.categories.get(margin.variable)!;
    return categoricalColumn(
      margin.variable,
      Int8Array.from(codes, (c) => index.get(c) ?? -1),
      levels,
    );
  });
  const indicatorColumns = indicators.map((indicator) => categoricalColumn(indicator.id, indicatorColumn(columns, columns.layout, indicator), ['0', '1']));
  const dataset = createDataset([...profile, ...indicatorColumns]);
  const design = createDesign(dataset, { weights: new Float64Array(columns.n).fill(1) });
  const raked = rake(
    design,
    targets.margins.map((m) => ({
      variable: m.variable,
      population: Object.fromEntries(m.targets.map((t) => [String(t.code), t.population])),
    })),
  );
  return indicators.map((indicator) => {
    const ci = ciprop(raked.design, indicator.id, '1', { method: 'logit' });
    return { id: indicator.id, estimate: ci.estimate, lower: ci.lower, upper: ci.upper, n: ci.n };
  });
}
