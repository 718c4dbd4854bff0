import type { Store, Wave } from '../store/index.js';
import {
  StatsError,
  calibrate,
  categoricalColumn,
  createDataset,
  createDesign,
  rake,
  weightDiagnostics,
  type Column,
  type Dataset,
  type Margin,
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
  /** the design the results use: calibrated (the calibration enters the variances) */
  readonly design: SurveyDesign;
  readonly raking: { readonly converged: boolean; readonly iterations: number; readonly maxDeviation: number } | null;
  /** bounded raking that met every margin: the weight bounds (absolute) and how many weights sit at one */
  readonly trimming: { readonly lower: number; readonly upper: number; readonly trimmed: number } | null;
  /** bounds (multiples of the mean weight) that no weights could meet, the margin level met worst: the weights are then raked without bounds */
  readonly boundsFailure: {
    readonly lower: number;
    readonly upper: number;
    readonly variable: string;
    /** the level's code, null for the class of respondents without an answer */
    readonly code: number | null;
    readonly achievedShare: number;
    readonly targetShare: number;
  } | null;
  /** respondents without an answer to a margin variable: weighted as their own class to their share of the sample */
  readonly missing: readonly { readonly variable: string; readonly n: number; readonly share: number }[];
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

/** Level name of the class of respondents without an answer to a margin variable. */
const NO_ANSWER = 'no answer';

/**
 * Calibrates a loaded wave to its population targets (margins by option code). `dataset` must hold the
 * `marginColumns`. Without bounds: raking (IPF) to every margin. With bounds (`targets.trimming`, as multiples of
 * the mean weight N/n): bounded raking, R's `calibrate(calfun = "raking", bounds = c(L, U))` from weights N/n,
 * so every weight stays within [L·N/n, U·N/n] and every margin is met; when no such weights exist, the margin
 * level met worst is named (`boundsFailure`) and the weights are raked without bounds, never reported as
 * meeting targets they miss. Respondents without an answer to a margin variable are kept: they form their own
 * class of that margin, whose target is their share of the sample (m/n · N), the answered levels sharing the rest
 * in the targets' proportions (so the answered respondents are weighted to the population distribution). A
 * wave without targets, or whose targets cannot be reached (a level with population but no respondent), stays
 * unweighted (all weights 1), with the reason. Complexity O(n·margins) + the calibration on cells.
 */
export function weighWave(dataset: Dataset, targets: PopulationTargets): WaveWeighting {
  const unit = createDesign(dataset, { weights: new Float64Array(dataset.n).fill(1) });
  const base = {
    kind: 'waveWeighting' as const,
    source: targets.source ?? null,
    trimming: null,
    boundsFailure: null,
    missing: Object.freeze([]),
  };
  const unweighted = (reason: string): WaveWeighting =>
    Object.freeze({ ...base, status: 'unweighted', reason, design: unit, raking: null, margins: Object.freeze([]), diagnostics: weightDiagnostics(unit.weights) });
  if (targets.margins.length === 0) return unweighted('the wave has no population targets');
  for (const margin of targets.margins) {
    if (!dataset.columns.has(marginColumnName(margin.variable))) return unweighted(`margin "${margin.variable}" is not a category variable of the study`);
  }
  const n = dataset.n;
  const populationOf = (m: PopulationTargets['margins'][number]) => m.targets.reduce((s, t) => s + t.population, 0);
  // the class of respondents without an answer: its own level, calibrated to its share of the sample
  const columns = new Map(dataset.columns);
  const missing: { variable: string; n: number; share: number }[] = [];
  const margins: Margin[] = targets.margins.map((margin) => {
    const name = marginColumnName(margin.variable);
    const column = dataset.columns.get(name)!;
    let population = Object.fromEntries(margin.targets.map((t) => [String(t.code), t.population]));
    if (column.kind !== 'categorical') return { variable: name, population };
    let count = 0;
    for (let i = 0; i < n; i++) if (column.codes[i] < 0) count++;
    if (count > 0) {
      const share = count / n;
      const total = populationOf(margin);
      const codes = Int16Array.from(column.codes, (c) => (c < 0 ? column.levels.length : c));
      columns.set(name, categoricalColumn(name, codes, [...column.levels, NO_ANSWER]) as Column);
      population = { ...Object.fromEntries(Object.entries(population).map(([code, p]) => [code, p * (1 - share)])), [NO_ANSWER]: share * total };
      missing.push({ variable: margin.variable, n: count, share });
    }
    return { variable: name, population };
  });
  const data: Dataset = missing.length === 0 ? dataset : Object.freeze({ ...dataset, columns });
  const start = createDesign(data, { weights: new Float64Array(n).fill(1) });
  let design: SurveyDesign;
  let raking: WaveWeighting['raking'];
  let trimming: WaveWeighting['trimming'] = null;
  let boundsFailure: WaveWeighting['boundsFailure'] = null;
  try {
    const bounds = targets.trimming;
    let result = null;
    if (bounds) {
      const mean = populationOf(targets.margins[0]) / n;
      const bounded = calibrate(createDesign(data, { weights: new Float64Array(n).fill(mean) }), {
        margins,
        calfun: 'raking',
        bounds: [bounds.lower, bounds.upper],
        maxIterations: 200,
        allowNonConvergence: true,
      });
      if (bounded.converged) {
        result = bounded;
        let held = 0;
        for (let i = 0; i < n; i++) {
          const g = bounded.weights[i] / mean;
          if (Math.abs(g - bounds.lower) <= 1e-9 * bounds.lower || Math.abs(g - bounds.upper) <= 1e-9 * bounds.upper) held++;
        }
        trimming = Object.freeze({ lower: bounds.lower * mean, upper: bounds.upper * mean, trimmed: held });
      } else if (bounded.shortfall) {
        const s = bounded.shortfall;
        const variable = s.variable.slice(marginColumnName('').length);
        const total = populationOf(targets.margins.find((m) => m.variable === variable) ?? targets.margins[0]);
        boundsFailure = Object.freeze({
          lower: bounds.lower,
          upper: bounds.upper,
          variable,
          code: s.level === null || s.level === NO_ANSWER ? null : Number(s.level),
          achievedShare: s.achieved / total,
          targetShare: s.target / total,
        });
      }
    }
    result ??= rake(startingDesign(data, margins) ?? start, margins);
    design = result.design;
    raking = Object.freeze({ converged: result.converged, iterations: result.iterations, maxDeviation: result.maxDeviation });
  } catch (error) {
    if (error instanceof StatsError) return unweighted(error.message);
    throw error;
  }
  const report = targets.margins.map((margin) => {
    const column = dataset.columns.get(marginColumnName(margin.variable))!;
    const codes = column.kind === 'categorical' ? column.codes : new Int8Array(0);
    const levels = column.kind === 'categorical' ? column.levels : [];
    const counts = new Float64Array(levels.length),
      weighted = new Float64Array(levels.length);
    let answered = 0,
      answeredWeight = 0;
    for (let i = 0; i < design.n; i++)
      if (codes[i] >= 0) {
        counts[codes[i]]++;
        weighted[codes[i]] += design.weights[i];
        answered++;
        answeredWeight += design.weights[i];
      }
    const population = populationOf(margin);
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
            // among the respondents who answered (those without an answer are their own class)
            sampleShare: j < 0 || answered === 0 ? 0 : counts[j] / answered,
            achievedShare: j < 0 || !(answeredWeight > 0) ? 0 : weighted[j] / answeredWeight,
          });
        }),
      ),
    });
  });
  return Object.freeze({
    ...base,
    status: 'weighted',
    reason: null,
    design,
    raking,
    trimming,
    boundsFailure,
    missing: Object.freeze(missing.map((m) => Object.freeze(m))),
    margins: Object.freeze(report),
    diagnostics: weightDiagnostics(design.weights),
  });
}

/**
 * The design raking starts from: weights N_h / n_h within the levels of the first margin (the design
 * weights of a sample stratified on it). Raking multiplies weights by one factor per margin level, so the
 * final weights are the same as from weights of 1; but the calibration's variance regression is then
 * weighted as in R's `calibrate` on a design with those weights, and its g-weights stay near 1 instead of
 * ranging over four orders of magnitude (N/n of micro-firms against large companies), which otherwise
 * swamps the linearised variance of domains. Null when a level of the first margin has no population.
 */
function startingDesign(dataset: Dataset, margins: readonly Margin[]) {
  const first = margins[0];
  const column = dataset.columns.get(first.variable);
  if (!column || column.kind !== 'categorical') return null;
  const counts = new Float64Array(column.levels.length);
  for (let i = 0; i < dataset.n; i++) {
    if (column.codes[i] < 0) return null;
    counts[column.codes[i]]++;
  }
  const population = column.levels.map((level) => first.population[level] ?? 0);
  const weights = new Float64Array(dataset.n);
  for (let i = 0; i < dataset.n; i++) {
    const w = population[column.codes[i]] / counts[column.codes[i]];
    if (!(w > 0)) return null; // a level without population: rake reports it
    weights[i] = w;
  }
  return createDesign(dataset, { weights });
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
