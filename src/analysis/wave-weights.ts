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
import { readPopulationTargets, type MissingPolicy, type PopulationTargets } from './population-targets.js';
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

/**
 * Respondents without an answer to one margin variable and what weighting did with them (MissingPolicy):
 * `n` rows touched (for `unweighted`, the rows kept at the mean weight; for the others, the rows of the class,
 * leaving out rows another margin's `unweighted` policy kept aside), their share of the sample, the weight share
 * their class had to reach and the one it reached.
 */
export interface MissingClass {
  readonly variable: string;
  readonly policy: MissingPolicy;
  readonly n: number;
  /** n / sample size */
  readonly share: number;
  readonly targetShare: number;
  readonly achievedShare: number;
  /** share of the sample calibrated to the targets: (n − k)/n, k the rows every `unweighted` policy kept aside */
  readonly calibratedShare: number;
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
  /** respondents without an answer to a margin variable, per margin: the policy applied and the rows it touched */
  readonly missing: readonly MissingClass[];
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

/** Level names of the classes added to a margin column for respondents without an answer (codes are numbers, no clash). */
const NO_ANSWER = 'no answer';
const NOT_STATED = 'not stated';
const KEPT_ASIDE = 'kept aside';
/** Largest relative deviation of a margin level from its target accepted from bounded raking (R's default epsilon is 1e-7). */
const BOUNDED_TOLERANCE = 1e-8;

/**
 * Calibrates a loaded wave to its population targets (margins by option code). `dataset` must hold the
 * `marginColumns`. Without bounds: raking (IPF) to every margin. With bounds (`targets.trimming`, as multiples of
 * the mean weight N/n): bounded raking, R's `calibrate(calfun = "raking", bounds = c(L, U))` from weights N/n,
 * so every weight stays within [L·N/n, U·N/n] and every margin is met; when no such weights exist, the margin
 * level met worst is named (`boundsFailure`) and the weights are raked without bounds, never reported as
 * meeting targets they miss.
 *
 * Respondents without an answer to a margin variable are never dropped nor left silently unweighted; each
 * margin's policy (`missing`, see MISSING_POLICIES) decides, with N the population total and n the sample size:
 * - `impute` (default): the m respondents without an answer form a class of that margin with target m/n · N (their
 *   share of the sample); the answered levels share the rest in the targets' proportions, so those who answered
 *   are weighted to the population distribution (the missing answers are imputed to the sample distribution);
 * - `notStated`: they form a « not stated » class with the population count given for it; the stated targets and
 *   it add up to the margin's total (like a census table with a "not stated" row). When no respondent is in the
 *   class, its count is shared by the stated levels in their proportions (reported with n = 0);
 * - `unweighted`: the k respondents without an answer to any margin with this policy keep the mean weight N/n (a
 *   relative weight of 1, as if unweighted) and take no part in the calibration; every other respondent is
 *   calibrated to every margin with targets scaled by (n − k)/n, so the weights add up to N. Computed as one more
 *   class in every margin holding exactly those k rows with target k/n · N: their weights never move from N/n,
 *   and the variance treats them as a post-stratum at its sample share. Each margin is then met among the
 *   calibrated rows; over the whole sample its distribution mixes the targets (share (n − k)/n) with the kept
 *   rows' own answers (share k/n).
 * A wave without targets, or whose targets cannot be reached (a level with population but no respondent,
 * margins whose totals differ), stays unweighted (all weights 1), with the reason. Complexity O(n·margins) + the
 * calibration on cells.
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
  const totalOf = (m: PopulationTargets['margins'][number]) => populationOf(m) + (m.missing === 'notStated' ? (m.notStated ?? 0) : 0);
  const N = totalOf(targets.margins[0]);
  const codesOf = (variable: string) => {
    const column = dataset.columns.get(marginColumnName(variable))!;
    return column.kind === 'categorical' ? column : null;
  };
  // rows kept aside at the mean weight: without an answer to a margin whose policy is `unweighted`
  const keptAside = new Uint8Array(n);
  let k = 0;
  for (const margin of targets.margins) {
    const column = codesOf(margin.variable);
    if (margin.missing !== 'unweighted' || !column) continue;
    for (let i = 0; i < n; i++)
      if (column.codes[i] < 0 && !keptAside[i]) {
        keptAside[i] = 1;
        k++;
      }
  }
  if (k === n)
    return unweighted(
      `every respondent is kept at weight 1 for lack of an answer to ${targets.margins
        .filter((m) => m.missing === 'unweighted')
        .map((m) => m.variable)
        .join(', ')}`,
    );
  const columns = new Map(dataset.columns);
  /** each margin's class of respondents without an answer: its rows and the weight share it must reach */
  const classes: { variable: string; policy: MissingPolicy; n: number; target: number; rows: (i: number) => boolean }[] = [];
  const margins: Margin[] = targets.margins.map((margin) => {
    const name = marginColumnName(margin.variable);
    const column = codesOf(margin.variable);
    const stated = Object.fromEntries(margin.targets.map((t) => [String(t.code), t.population]));
    if (!column) return { variable: name, population: stated };
    const policy = margin.missing ?? 'impute';
    let count = 0,
      all = 0;
    for (let i = 0; i < n; i++)
      if (column.codes[i] < 0) {
        all++;
        if (!keptAside[i]) count++;
      }
    const levels: string[] = [...column.levels];
    const codes = Int16Array.from(column.codes);
    const classOf = (label: string) => {
      levels.push(label);
      return levels.length - 1;
    };
    const keptCode = k > 0 ? classOf(KEPT_ASIDE) : -1;
    const missingCode = count > 0 && policy !== 'unweighted' ? classOf(policy === 'impute' ? NO_ANSWER : NOT_STATED) : -1;
    for (let i = 0; i < n; i++) {
      if (keptAside[i]) codes[i] = keptCode;
      else if (codes[i] < 0) codes[i] = missingCode;
    }
    // every class is sized on this margin's own total: margins whose totals differ are still refused by the raking
    const total = totalOf(margin);
    const keptTotal = (k / n) * total;
    const scaled = (scale: number) => Object.fromEntries(Object.entries(stated).map(([code, p]) => [code, p * scale]));
    let population: Record<string, number>;
    if (policy === 'unweighted') {
      // the answered rows share the rest in the targets' proportions
      population = scaled((total - keptTotal) / total);
      classes.push({ variable: margin.variable, policy, n: all, target: all / n, rows: (i) => column.codes[i] < 0 });
    } else if (policy === 'impute') {
      const missingTotal = (count / n) * total;
      population = scaled((total - keptTotal - missingTotal) / total);
      if (count > 0) {
        population[NO_ANSWER] = missingTotal;
        classes.push({ variable: margin.variable, policy, n: count, target: count / n, rows: (i) => column.codes[i] < 0 && !keptAside[i] });
      }
    } else {
      // notStated: the stated levels and the « not stated » class, scaled to leave the kept-aside rows their share;
      // without a respondent in the class, the stated levels share its count in their proportions
      const notStated = margin.notStated ?? 0;
      population = scaled(count > 0 ? (total - keptTotal) / total : (total - keptTotal) / populationOf(margin));
      if (count > 0) population[NOT_STATED] = (notStated * (total - keptTotal)) / total;
      classes.push({ variable: margin.variable, policy, n: count, target: count > 0 ? (notStated * (n - k)) / n / total : 0, rows: (i) => column.codes[i] < 0 && !keptAside[i] });
    }
    if (k > 0) population[KEPT_ASIDE] = keptTotal;
    if (k > 0 || missingCode >= 0) columns.set(name, categoricalColumn(name, codes, levels) as Column);
    return { variable: name, population };
  });
  const data: Dataset = Object.freeze({ ...dataset, columns });
  const start = createDesign(data, { weights: new Float64Array(n).fill(1) });
  let design: SurveyDesign;
  let raking: WaveWeighting['raking'];
  let trimming: WaveWeighting['trimming'] = null;
  let boundsFailure: WaveWeighting['boundsFailure'] = null;
  try {
    const bounds = targets.trimming;
    let result = null;
    if (bounds) {
      const mean = N / n;
      const bounded = calibrate(createDesign(data, { weights: new Float64Array(n).fill(mean) }), {
        margins,
        calfun: 'raking',
        bounds: [bounds.lower, bounds.upper],
        maxIterations: 200,
        allowNonConvergence: true,
      });
      const within = (weights: Float64Array) => weights.every((w) => w >= bounds.lower * mean * (1 - 1e-12) && w <= bounds.upper * mean * (1 + 1e-12));
      // Newton's steps (R's grake) can cycle within a hair of the solution, or fail where the unbounded raking
      // already keeps every weight within the bounds: both meet every margin within the bounds and are kept
      if (bounded.converged || bounded.maxDeviation <= BOUNDED_TOLERANCE) result = bounded;
      else {
        const free = rake(startingDesign(data, margins) ?? start, margins);
        if (within(free.weights)) result = free;
        else if (bounded.shortfall) {
          const s = bounded.shortfall;
          const variable = s.variable.slice(marginColumnName('').length);
          boundsFailure = Object.freeze({
            lower: bounds.lower,
            upper: bounds.upper,
            variable,
            code: s.level === null || !/^\d+$/.test(s.level) ? null : Number(s.level),
            achievedShare: s.achieved / N,
            targetShare: s.target / N,
          });
          result = free;
        }
      }
      if (!boundsFailure && result) {
        let held = 0;
        for (let i = 0; i < n; i++) {
          const g = result.weights[i] / mean;
          if (Math.abs(g - bounds.lower) <= 1e-9 * bounds.lower || Math.abs(g - bounds.upper) <= 1e-9 * bounds.upper) held++;
        }
        trimming = Object.freeze({ lower: bounds.lower * mean, upper: bounds.upper * mean, trimmed: held });
      }
    }
    result ??= rake(startingDesign(data, margins) ?? start, margins);
    design = result.design;
    raking = Object.freeze({ converged: result.converged || result.maxDeviation <= BOUNDED_TOLERANCE, iterations: result.iterations, maxDeviation: result.maxDeviation });
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
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += design.weights[i];
  const missing = classes
    .filter((c) => c.n > 0 || c.policy === 'notStated')
    .map((c): MissingClass => {
      let weight = 0;
      for (let i = 0; i < n; i++) if (c.rows(i)) weight += design.weights[i];
      return Object.freeze({
        variable: c.variable,
        policy: c.policy,
        n: c.n,
        share: c.n / n,
        targetShare: c.target,
        achievedShare: weight / totalWeight,
        calibratedShare: (n - k) / n,
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
    missing: Object.freeze(missing),
    margins: Object.freeze(report),
    diagnostics: weightDiagnostics(design.weights),
  });
}

/**
 * The design raking starts from: weights N_h / n_h within the levels of the first margin (the design
 * weights of a sample stratified on it). Raking multiplies weights by one factor per margin level, so the
 * final weights are the same as from weights of 1; but the calibration's variance regression is then
 * weighted as in R's `calibrate` on a design with those weights, and its g-weights stay near 1 instead of
 * ranging over four orders of magnitude (N/n of a sparsely sampled stratum against an over-sampled one), which otherwise
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
