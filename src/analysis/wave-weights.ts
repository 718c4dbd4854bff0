import type { Store, Wave } from '../store/index.js';
import {
  StatsError,
  categoricalColumn,
  createDataset,
  createDesign,
  rake,
  trimWeights,
  weightDiagnostics,
  withWeights,
  type Dataset,
  type SurveyDesign,
  type WeightDiagnostics,
} from '../stats/index.js';
import type { ColumnLayout, Study } from '../study/index.js';
import type { WaveColumns } from './load-wave.js';
import { readPopulationTargets, type PopulationTargets } from './population-targets.js';
import { loadCategoryColumns } from './wave-results-columns.js';
import { waveStudy } from './wave-study.js';

/** One level of a weighting margin: its population target against the sample before and after weighting. */
export interface MarginLevel {
  readonly code: number;
  readonly population: number;
  /** population share of the level (target) */
  readonly targetShare: number;
  /** unweighted respondents in the level and their share */
  readonly n: number;
  readonly sampleShare: number;
  /** weighted share after raking (and trimming) */
  readonly achievedShare: number;
}

/** A wave's weighting: the calibrated design and what the methodology page and the workspace show of it. */
export interface WaveWeighting {
  readonly kind: 'waveWeighting';
  readonly status: 'weighted' | 'unweighted';
  /** why the wave is unweighted (no targets, a level without respondent, …); null when weighted */
  readonly reason: string | null;
  readonly source: string | null;
  /** the design the results use: raked (the calibration enters the variances), trimmed when asked */
  readonly design: SurveyDesign;
  readonly raking: { readonly converged: boolean; readonly iterations: number; readonly maxDeviation: number } | null;
  readonly trimming: { readonly lower: number; readonly upper: number; readonly trimmed: number } | null;
  readonly margins: readonly { readonly variable: string; readonly levels: readonly MarginLevel[] }[];
  readonly diagnostics: WeightDiagnostics;
}

/** Column name of a weighting margin in the dataset (kept apart from the banner columns). */
export const marginColumnName = (variable: string) => `margin:${variable}`;

/** Categorical columns of the margin variables, levels named by option code, for a dataset. */
export function marginColumns(columns: WaveColumns, layout: ColumnLayout, targets: PopulationTargets) {
  return targets.margins.flatMap((margin) => {
    const column = layout.byName.get(margin.variable);
    const codes = columns.categories.get(margin.variable);
    if (!column || column.kind !== 'category' || !codes) return [];
    const index = new Map(column.levels.map((level, i) => [level.code, i]));
    const mapped = new Int16Array(columns.n);
    for (let i = 0; i < columns.n; i++) mapped[i] = codes[i] < 0 ? -1 : (index.get(codes[i]) ?? -1);
    return [
      categoricalColumn(
        marginColumnName(margin.variable),
        mapped,
        column.levels.map((l) => String(l.code)),
      ),
    ];
  });
}

/**
 * Rakes a loaded wave to its population targets (margins by option code), then trims the weights when the
 * targets ask (bounds as multiples of the mean weight). `dataset` must hold the `marginColumns`. A wave
 * without targets, or whose targets cannot be reached (a margin level without respondent, a missing profile
 * answer), stays unweighted (all weights 1), with the reason: the results say so instead of failing.
 * Complexity O(n·margins) + raking on calibration cells.
 */
export function weighWave(dataset: Dataset, targets: PopulationTargets): WaveWeighting {
  const unit = createDesign(dataset, { weights: new Float64Array(dataset.n).fill(1) });
  const unweighted = (reason: string): WaveWeighting =>
    Object.freeze({
      kind: 'waveWeighting',
      status: 'unweighted',
      reason,
      source: targets.source ?? null,
      design: unit,
      raking: null,
      trimming: null,
      margins: Object.freeze([]),
      diagnostics: weightDiagnostics(unit.weights),
    });
  if (targets.margins.length === 0) return unweighted('the wave has no population targets');
  for (const margin of targets.margins) {
    if (!dataset.columns.has(marginColumnName(margin.variable))) return unweighted(`margin "${margin.variable}" is not a category variable of the study`);
  }
  let design: SurveyDesign;
  let raking: WaveWeighting['raking'];
  let trimming: WaveWeighting['trimming'] = null;
  try {
    const result = rake(
      startingDesign(dataset, targets) ?? unit,
      targets.margins.map((m) => ({
        variable: marginColumnName(m.variable),
        population: Object.fromEntries(m.targets.map((t) => [String(t.code), t.population])),
      })),
    );
    design = result.design;
    raking = Object.freeze({ converged: result.converged, iterations: result.iterations, maxDeviation: result.maxDeviation });
    if (targets.trimming) {
      const mean = sum(design.weights) / design.n;
      const bounds = { lower: targets.trimming.lower * mean, upper: targets.trimming.upper * mean };
      const trimmed = trimWeights(design.weights, bounds);
      design = withWeights(design, trimmed.weights, design.calibrations);
      trimming = Object.freeze({ ...bounds, trimmed: trimmed.trimmed });
    }
  } catch (error) {
    if (error instanceof StatsError) return unweighted(error.message);
    throw error;
  }
  const total = sum(design.weights);
  const margins = targets.margins.map((margin) => {
    const column = dataset.columns.get(marginColumnName(margin.variable))!;
    const codes = column.kind === 'categorical' ? column.codes : new Int8Array(0);
    const levels = column.kind === 'categorical' ? column.levels : [];
    const counts = new Float64Array(levels.length),
      weighted = new Float64Array(levels.length);
    for (let i = 0; i < design.n; i++)
      if (codes[i] >= 0) {
        counts[codes[i]]++;
        weighted[codes[i]] += design.weights[i];
      }
    const population = margin.targets.reduce((s, t) => s + t.population, 0);
    return Object.freeze({
      variable: margin.variable,
      levels: Object.freeze(
        margin.targets.map((t) => {
          const j = levels.indexOf(String(t.code));
          return Object.freeze({
            code: t.code,
            population: t.population,
            targetShare: t.population / population,
            n: j < 0 ? 0 : counts[j],
            sampleShare: j < 0 ? 0 : counts[j] / design.n,
            achievedShare: j < 0 ? 0 : weighted[j] / total,
          });
        }),
      ),
    });
  });
  return Object.freeze({
    kind: 'waveWeighting',
    status: 'weighted',
    reason: null,
    source: targets.source ?? null,
    design,
    raking,
    trimming,
    margins: Object.freeze(margins),
    diagnostics: weightDiagnostics(design.weights),
  });
}

/**
 * The design raking starts from: weights N_h / n_h within the levels of the first margin (the design
 * weights of a sample stratified on it). Raking multiplies weights by one factor per margin level, so the
 * final weights are the same as from weights of 1; but the calibration's variance regression is then
 * weighted as in R's `calibrate` on a design with those weights, and its g-weights stay near 1 instead of
 * ranging over four orders of magnitude (N/n of micro-firms against large companies), which otherwise
 * swamps the linearised variance of domains. Null when a respondent lacks the first margin's value.
 */
function startingDesign(dataset: Dataset, targets: PopulationTargets) {
  const first = targets.margins[0];
  const column = dataset.columns.get(marginColumnName(first.variable));
  if (!column || column.kind !== 'categorical') return null;
  const counts = new Float64Array(column.levels.length);
  for (let i = 0; i < dataset.n; i++) {
    if (column.codes[i] < 0) return null;
    counts[column.codes[i]]++;
  }
  const population = column.levels.map((level) => first.targets.find((t) => String(t.code) === level)?.population ?? 0);
  const weights = new Float64Array(dataset.n);
  for (let i = 0; i < dataset.n; i++) {
    const w = population[column.codes[i]] / counts[column.codes[i]];
    if (!(w > 0)) return null; // a level without population: rake reports it
    weights[i] = w;
  }
  return createDesign(dataset, { weights });
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

/** Per-response weights of a wave (for exports): response ids in row order and their weights. */
export interface ResponseWeights {
  readonly kind: 'responseWeights';
  readonly ids: Float64Array;
  readonly weights: Float64Array;
  readonly weighting: WaveWeighting;
}

/**
 * Loads a wave's kept complete responses and weighs them: the weights every result and export uses. Only
 * the margin columns are read (memory O(n · margins)). `study` saves reading the wave's study again.
 * @throws StatsError EMPTY_SAMPLE when the wave has no complete kept response
 */
export async function responseWeights(store: Store, wave: Wave, study?: Study): Promise<ResponseWeights> {
  const targets = readPopulationTargets(wave.populationTargets);
  const columns = await loadCategoryColumns(
    store,
    wave,
    study ?? (await waveStudy(store, wave)),
    targets.margins.map((m) => m.variable),
  );
  if (columns.n === 0) throw new StatsError('EMPTY_SAMPLE', `responseWeights: wave ${wave.code} has no complete kept response`);
  const dataset = createDataset(marginColumns(columns, columns.layout, targets));
  const weighting = weighWave(dataset.columns.size === 0 ? createDataset([categoricalColumn('row', new Int8Array(columns.n), ['all'])]) : dataset, targets);
  return Object.freeze({ kind: 'responseWeights', ids: columns.ids, weights: weighting.design.weights, weighting });
}
