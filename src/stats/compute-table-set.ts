import { categoricalOf, type Dataset } from './dataset.js';
import { columnLetter, columnLetters } from './column-letters.js';
import { createDesign, type DesignSpec, type SurveyDesign } from './design.js';
import { designEffect } from './design-effect.js';
import { isBoundary, proportionInterval, type IntervalMethod } from './proportion-interval.js';
import { rake, type Margin, type RakeOptions } from './rake.js';
import { StatsError } from './stats-error.js';
import { codeTables, indicatorStats, prepareDesignFrame, statsFromCodeTable, type DesignFrame, type DomainStat, type IndicatorStats } from './table-engine.js';
import { waveDifference } from './wave-difference.js';
import { weightDiagnostics, type WeightDiagnostics } from './weight-diagnostics.js';

/** A wave given as columns: its design and, optionally, raking margins with population targets. */
export interface TableSetWave {
  readonly dataset: Dataset;
  readonly design: DesignSpec;
  readonly margins?: readonly Margin[];
  readonly rakeOptions?: RakeOptions;
}

/**
 * An indicator: the weighted share of base respondents (code ≠ −1) whose code of `column` is in `yes`, or
 * (`kind: 'mean'`) the weighted mean of a numeric column over respondents with a value.
 */
export type IndicatorSpec =
  | { readonly id: string; readonly column: string; readonly yes: readonly number[]; readonly kind?: 'proportion' }
  | { readonly id: string; readonly column: string; readonly kind: 'mean' };

export interface TableSetOptions {
  /** confidence level of the intervals (default 0.95) */
  readonly conf?: number;
  /** interval of proportions (default 'logit'); means always use Wald (t on design df) */
  readonly intervalMethod?: IntervalMethod;
  /** significance level of column letters and trends (default 0.05) */
  readonly alpha?: number;
  /** multiple-comparison correction of column letters (default 'none') */
  readonly correction?: 'none' | 'bonferroni' | 'holm';
}

export interface TableSetInput {
  readonly wave: TableSetWave | SurveyDesign;
  readonly previous?: TableSetWave | SurveyDesign;
  readonly indicators: readonly IndicatorSpec[];
  /** categorical columns whose levels are the banner columns */
  readonly banners: readonly string[];
  readonly options?: TableSetOptions;
}

export interface TrendCell {
  readonly kind: 'trend';
  readonly previous: number;
  readonly difference: number;
  readonly se: number;
  readonly p: number;
  readonly significant: boolean;
}

export interface UnavailableCell {
  readonly kind: 'unavailable';
  readonly reason: string;
}

export interface EstimateCell {
  readonly kind: 'estimate';
  readonly measure: 'proportion' | 'mean';
  readonly estimate: number;
  readonly se: number;
  readonly ci: readonly [number, number];
  /** unweighted base */
  readonly n: number;
  /** Kish effective base (Σw)²/Σw² */
  readonly nEffective: number;
  /**
   * design effect: variance over that of an SRS of the same base (without replacement when the design has an
   * fpc); null ("not available") when the answer does not vary in the base (p = 0 or 1, a constant mean)
   */
  readonly deff: number | null;
  /**
   * how `ci` was obtained: 'design' (the interval method on the design standard error), or 'clopper-pearson'
   * (p = 0 or 1: exact binomial interval on the unweighted base, never a zero-width interval)
   */
  readonly ciMethod: 'design' | 'clopper-pearson';
  /** letters of the banner columns this column significantly exceeds ('' overall) */
  readonly letters: string;
  readonly trend: TrendCell | UnavailableCell | null;
}

export type TableCell = EstimateCell | UnavailableCell;

export interface IndicatorTable {
  readonly kind: 'indicatorTable';
  readonly id: string;
  readonly column: string;
  readonly overall: TableCell;
  readonly banners: readonly {
    readonly kind: 'banner';
    readonly variable: string;
    readonly columns: readonly { readonly level: string; readonly letter: string; readonly cell: TableCell }[];
  }[];
}

export interface WeightingSummary {
  readonly kind: 'weighting';
  readonly raking: { readonly converged: boolean; readonly iterations: number; readonly maxDeviation: number } | null;
  readonly diagnostics: WeightDiagnostics;
}

export interface TableSet {
  readonly kind: 'tableSet';
  readonly weighting: { readonly current: WeightingSummary; readonly previous: WeightingSummary | null };
  readonly indicators: readonly IndicatorTable[];
}

/**
 * A barometer's whole table set: every indicator overall and in each column of each banner, with estimate,
 * linearised standard error (strata, fpc, and the raking residuals), confidence interval, unweighted and
 * effective bases, design effect, column letters (pairwise tests with the covariance of columns) and the
 * trend against the previous wave (independent samples). A domain with no respondent is `unavailable`.
 * Rows-as-PSU designs use one pass over the rows per column and exact sums over (answer × banner levels ×
 * stratum × calibration cell); clustered designs use influence vectors (same numbers, slower).
 * Reference: R survey `calibrate`, `svyby(..., svymean, covmat = TRUE)`, `svyciprop`, `svycontrast`.
 * Complexity O(n·(banners + columns)) + O(indicators·keys).
 * @throws StatsError as createDesign, rake, and UNKNOWN_COLUMN / NOT_CATEGORICAL / NOT_NUMERIC / UNKNOWN_LEVEL
 *   for a bad indicator or banner.
 * @example
 * computeTableSet({ wave: { dataset, design: { weights: 'w' }, margins }, indicators: [{ id: 'use', column: 'use_social', yes: [1] }], banners: ['size'] })
 * // { kind: 'tableSet', indicators: [{ kind: 'indicatorTable', id: 'use', overall: { kind: 'estimate', estimate: 0.94, se: 0.008, ci: [0.92, 0.955], letters: '', ... }, banners: [...] }], ... }
 */
export function computeTableSet(input: TableSetInput): TableSet {
  const options = input.options ?? {};
  const current = weighWave(input.wave);
  const previous = input.previous ? weighWave(input.previous) : null;
  const frame = prepareDesignFrame(current.design, input.banners, 'computeTableSet');
  const previousFrame = previous ? prepareDesignFrame(previous.design, input.banners, 'computeTableSet') : null;
  const levelsOf = (design: SurveyDesign, name: string) => categoricalOf(design.dataset, name, 'computeTableSet').levels;
  const currentStats = allIndicatorStats(frame, input.indicators, false);
  const previousStats = previousFrame ? allIndicatorStats(previousFrame, input.indicators, true) : null;
  const indicators = input.indicators.map((spec, index) => {
    const indicator = spec.kind === 'mean' ? { kind: 'mean' as const, column: spec.column } : { kind: 'proportion' as const, column: spec.column, yes: spec.yes };
    const stats = currentStats[index]!;
    const before: IndicatorStats | null = previousStats ? previousStats[index] : null;
    const cellOf = (stat: DomainStat | null, prior: DomainStat | null | undefined, letters: string, design: SurveyDesign, where: string): TableCell =>
      makeCell(indicator.kind, stat, prior, letters, design, options, previous !== null, `${spec.id} ${where}`);
    const banners = input.banners.map((name, b) => {
      const levels = levelsOf(current.design, name);
      const { stats: columnStats, covariance } = stats.banners[b];
      const letters = columnLetters(
        columnStats.map((s) => s?.estimate ?? null),
        covariance,
        { alpha: options.alpha, correction: options.correction },
      );
      const priorLevels = before ? levelsOf(previous!.design, name) : [];
      const columns = levels.map((level, j) => {
        const priorLevel = priorLevels.indexOf(level);
        const prior = before && priorLevel >= 0 ? before.banners[b].stats[priorLevel] : undefined;
        return Object.freeze({ level, letter: columnLetter(j), cell: cellOf(columnStats[j], prior, letters[j], current.design, `${name}=${level}`) });
      });
      return Object.freeze({ kind: 'banner' as const, variable: name, columns: Object.freeze(columns) });
    });
    return Object.freeze({
      kind: 'indicatorTable' as const,
      id: spec.id,
      column: spec.column,
      overall: cellOf(stats.overall, before ? before.overall : undefined, '', current.design, 'overall'),
      banners: Object.freeze(banners),
    });
  });
  return Object.freeze({
    kind: 'tableSet',
    weighting: Object.freeze({ current: current.summary, previous: previous?.summary ?? null }),
    indicators: Object.freeze(indicators),
  });
}

/**
 * Stats of every indicator of a wave. Share indicators of distinct columns are computed four columns per pass
 * over the rows, a group at a time (tables are dropped once folded). With `skipMissing`, an indicator whose
 * column the wave lacks gets null (a previous wave without the question).
 */
function allIndicatorStats(frame: DesignFrame, specs: readonly IndicatorSpec[], skipMissing: boolean): (IndicatorStats | null)[] {
  const out: (IndicatorStats | null)[] = specs.map(() => null);
  const has = (column: string) => !skipMissing || frame.design.dataset.columns.has(column);
  const columns = [...new Set(specs.filter((s) => s.kind !== 'mean' && has(s.column)).map((s) => s.column))];
  for (let g = 0; g < columns.length; g += 4) {
    const group = columns.slice(g, g + 4);
    const tables = codeTables(frame, group, 'computeTableSet');
    specs.forEach((spec, index) => {
      if (spec.kind === 'mean') return;
      const at = group.indexOf(spec.column);
      if (at < 0) return;
      const table = tables[at];
      out[index] = table
        ? statsFromCodeTable(frame, table, spec.yes, 'computeTableSet')
        : indicatorStats(frame, { kind: 'proportion', column: spec.column, yes: spec.yes }, 'computeTableSet');
    });
  }
  specs.forEach((spec, index) => {
    if (spec.kind === 'mean' && has(spec.column)) out[index] = indicatorStats(frame, { kind: 'mean', column: spec.column }, 'computeTableSet');
  });
  return out;
}

function weighWave(wave: TableSetWave | SurveyDesign): { design: SurveyDesign; summary: WeightingSummary } {
  let design: SurveyDesign;
  let raking: WeightingSummary['raking'] = null;
  if ('kind' in wave && wave.kind === 'design') design = wave;
  else {
    const spec = wave as TableSetWave;
    design = createDesign(spec.dataset, spec.design);
    if (spec.margins && spec.margins.length > 0) {
      const result = rake(design, spec.margins, spec.rakeOptions);
      design = result.design;
      raking = Object.freeze({ converged: result.converged, iterations: result.iterations, maxDeviation: result.maxDeviation });
    }
  }
  return { design, summary: Object.freeze({ kind: 'weighting', raking, diagnostics: weightDiagnostics(design.weights) }) };
}

function makeCell(
  measure: 'proportion' | 'mean',
  stat: DomainStat | null,
  prior: DomainStat | null | undefined,
  letters: string,
  design: SurveyDesign,
  options: TableSetOptions,
  hasPrevious: boolean,
  where: string,
): TableCell {
  if (!stat) return Object.freeze({ kind: 'unavailable', reason: `${where}: no respondent in the base` });
  const se = Math.sqrt(stat.variance);
  const df = design.degreesOfFreedom;
  const conf = options.conf ?? 0.95;
  const p = Math.min(1, Math.max(0, stat.estimate));
  const ci =
    measure === 'proportion'
      ? proportionInterval(p, se, { method: options.intervalMethod ?? 'logit', conf, df, rows: design.n, base: stat.n })
      : proportionIntervalFreeWald(stat.estimate, se, conf, df);
  const ciMethod = measure === 'proportion' && isBoundary(p) ? 'clopper-pearson' : 'design';
  const n = stat.n;
  const srs = design.hasFpc && stat.sumWeights > n ? (stat.unitVariance * (stat.sumWeights - n)) / (stat.sumWeights * n) : stat.unitVariance / n;
  const deff = designEffect(stat.variance, srs, stat.unitVariance, measure === 'proportion' ? p : stat.unitVariance + stat.estimate * stat.estimate);
  let trend: TrendCell | UnavailableCell | null = null;
  if (hasPrevious) {
    if (!prior) trend = Object.freeze({ kind: 'unavailable', reason: `${where}: no respondent in the previous wave` });
    else {
      const test = waveDifference({ estimate: stat.estimate, se }, { estimate: prior.estimate, se: Math.sqrt(prior.variance) }, { alpha: options.alpha });
      trend = Object.freeze({ kind: 'trend', previous: prior.estimate, difference: test.difference, se: test.se, p: test.p, significant: test.significant });
    }
  }
  return Object.freeze({
    kind: 'estimate',
    measure,
    estimate: stat.estimate,
    se,
    ci,
    n,
    nEffective: (stat.sumWeights * stat.sumWeights) / stat.sumSquaredWeights,
    deff,
    ciMethod,
    letters,
    trend,
  });
}

function proportionIntervalFreeWald(estimate: number, se: number, conf: number, df: number): readonly [number, number] {
  // the Wald interval of proportionInterval, for any real estimate
  const [lo, hi] = proportionInterval(0.5, se, { method: 'wald', conf, df });
  if (!Number.isFinite(lo)) throw new StatsError('INVALID_ARGUMENT', 'computeTableSet: interval failed');
  return Object.freeze([estimate - (0.5 - lo), estimate + (hi - 0.5)] as [number, number]);
}
