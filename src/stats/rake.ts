import { categoricalOf, type CodeArray } from './dataset.js';
import { marginColumns, NO_DENSE_COLUMNS, type Calibration } from './calibration.js';
import type { SurveyDesign } from './design.js';
import { generalizedInverse } from './linear-algebra.js';
import { StatsError } from './stats-error.js';

/** A calibration margin: a categorical column and the population count of each of its levels. */
export interface Margin {
  readonly variable: string;
  readonly population: Readonly<Record<string, number>>;
}

/** Kinds of calibration to margins: IPF raking, post-stratification, linear (GREG) and bounded logit calibration. */
export type CalibrationKind = 'raking' | 'poststratification' | 'linear' | 'logit';

export interface RakeOptions {
  /** largest relative deviation |Σw − N|/N allowed on every margin level (default 1e-10) */
  readonly tolerance?: number;
  /** iteration cap (default 1000 sweeps) */
  readonly maxIterations?: number;
  /** return `converged: false` instead of throwing NOT_CONVERGED */
  readonly allowNonConvergence?: boolean;
}

export interface RakingResult {
  readonly kind: CalibrationKind;
  /** the calibrated design: its weights, and its variances take the calibration into account */
  readonly design: SurveyDesign;
  readonly weights: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** largest relative deviation of a weighted margin total from its population */
  readonly maxDeviation: number;
}

/**
 * Raking (iterative proportional fitting) of the design weights to population counts of several margins,
 * run on calibration cells (the combinations of margin levels) so that each sweep costs O(cells), not O(n).
 * The returned design carries the calibration so that standard errors use the residuals of the influence
 * values on the margin indicators, as R's `calibrate(design, ~a + b, pop, calfun = "raking")` does (its
 * weights are the same as `rake()` at convergence).
 * Reference: Deming & Stephan (1940); Deville & Särndal (1992); R survey `rake`, `calibrate`.
 * Complexity O(n·margins) + O(iterations·cells·margins).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL, MISSING_VALUE (a respondent without a margin value),
 *   UNKNOWN_LEVEL, EMPTY_MARGIN_LEVEL (a level with population but no respondent), ZERO_POPULATION (a margin
 *   totalling 0, or respondents in a level of population 0), INCONSISTENT_MARGINS (totals differ),
 *   NOT_CONVERGED (unless allowNonConvergence), SINGULAR_MATRIX (collinear margins).
 * @example
 * rake(design, [{ variable: 'size', population: { TPE: 3000000, PME: 150000, ETI: 5800, GE: 290 } },
 *               { variable: 'sector', population: { ... } }])
 * // { kind: 'raking', converged: true, iterations: 9, maxDeviation: 3.1e-12, weights, design }
 */
export function rake(design: SurveyDesign, margins: readonly Margin[], options: RakeOptions = {}): RakingResult {
  return calibrateToMargins(design, margins, options, 'rake', 'raking');
}

/**
 * Shared by rake and poststratify: IPF to the margins, then the calibration record (cells, M'W0M⁻) for variances.
 * Complexity O(n·margins + iterations·cells·margins). @throws StatsError as `rake`.
 * @example calibrateToMargins(design, [margin], {}, 'poststratify', 'poststratification').iterations // 1
 */
export function calibrateToMargins(design: SurveyDesign, margins: readonly Margin[], options: RakeOptions, caller: string, kind: 'raking' | 'poststratification'): RakingResult {
  if (margins.length === 0) throw new StatsError('INVALID_ARGUMENT', `${caller}: no margin given`);
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 1000;
  const n = design.n;
  const w0 = design.weights;
  const { codes, targets } = readMargins(design, margins, caller);
  const m = margins.length;
  const sizes = targets.map((t) => t.length);
  // calibration cells: mixed radix over the margins, or one cell per row when that would be too many
  let nCells = sizes.reduce((a, b) => a * b, 1);
  const byRow = nCells > Math.max(1 << 16, n);
  if (byRow) nCells = n;
  const cell = new Int32Array(n);
  if (byRow) for (let i = 0; i < n; i++) cell[i] = i;
  else
    for (let j = 0; j < m; j++) {
      const codesJ = codes[j];
      const size = sizes[j];
      for (let i = 0; i < n; i++) cell[i] = cell[i] * size + codesJ[i];
    }
  const cellLevels = new Int32Array(nCells * m);
  if (byRow) for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) cellLevels[i * m + j] = codes[j][i];
  else
    for (let c = 0; c < nCells; c++) {
      let r = c;
      for (let j = m - 1; j >= 0; j--) {
        cellLevels[c * m + j] = r % sizes[j];
        r = Math.floor(r / sizes[j]);
      }
    }
  const base = new Float64Array(nCells);
  for (let i = 0; i < n; i++) base[cell[i]] += w0[i];

  const g = new Float64Array(nCells).fill(1);
  let converged = false;
  let iterations = 0;
  let maxDeviation = Infinity;
  const totals = sizes.map((s) => new Float64Array(s));
  const present = targets.map((t) => Uint8Array.from(t, (v) => (v > 0 ? 1 : 0)));
  const { columns, p } = marginColumns(sizes, present);
  const cellColumns = new Int32Array(nCells * m);
  for (let c = 0; c < nCells; c++) for (let j = 0; j < m; j++) cellColumns[c * m + j] = columns[j][cellLevels[c * m + j]];
  while (iterations < maxIterations) {
    iterations++;
    for (let j = 0; j < m; j++) {
      const t = totals[j].fill(0);
      for (let c = 0; c < nCells; c++) t[cellLevels[c * m + j]] += base[c] * g[c];
      const target = targets[j];
      for (let c = 0; c < nCells; c++) {
        const l = cellLevels[c * m + j];
        if (t[l] > 0) g[c] *= target[l] / t[l];
      }
    }
    maxDeviation = 0;
    for (let j = 0; j < m; j++) {
      const t = totals[j].fill(0);
      for (let c = 0; c < nCells; c++) t[cellLevels[c * m + j]] += base[c] * g[c];
      for (let l = 0; l < sizes[j]; l++) if (targets[j][l] > 0) maxDeviation = Math.max(maxDeviation, Math.abs(t[l] - targets[j][l]) / targets[j][l]);
    }
    if (maxDeviation <= tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged && !options.allowNonConvergence) {
    throw new StatsError(
      'NOT_CONVERGED',
      `${caller}: no convergence after ${iterations} iterations (largest relative margin deviation ${maxDeviation.toExponential(3)}, tolerance ${tolerance})`,
    );
  }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = w0[i] * g[cell[i]];

  const cross = new Float64Array(p * p);
  for (let c = 0; c < nCells; c++) {
    const s = base[c];
    if (s === 0) continue;
    for (let a = 0; a < m; a++) {
      const ca = cellColumns[c * m + a];
      if (ca < 0) continue;
      for (let b = 0; b < m; b++) {
        const cb = cellColumns[c * m + b];
        if (cb >= 0) cross[ca * p + cb] += s;
      }
    }
  }
  const calibration: Calibration = Object.freeze({
    kind,
    variables: Object.freeze(margins.map((mg) => mg.variable)),
    preWeights: w0,
    weights,
    cell,
    nCells,
    cellColumns,
    nMargins: m,
    p,
    inverseCrossProduct: generalizedInverse(cross, p),
    ...NO_DENSE_COLUMNS,
  });
  const calibrated: SurveyDesign = Object.freeze({ ...design, weights, calibrations: Object.freeze([...design.calibrations, calibration]) });
  return Object.freeze({ kind, design: calibrated, weights, converged, iterations, maxDeviation });
}

/**
 * The codes of each margin's column and the population of each of its levels, checked: every level named is
 * in the data, counts are ≥ 0, margins total the same, every respondent has a value, a level with population
 * has a respondent and one without population has none. O(n·margins).
 * @throws StatsError as `rake` (UNKNOWN_LEVEL, MISSING_VALUE, EMPTY_MARGIN_LEVEL, ZERO_POPULATION, INCONSISTENT_MARGINS).
 * @example readMargins(design, [{ variable: 'a', population: { x: 2, y: 3 } }], 'rake').targets // [Float64Array [2, 3]]
 */
export function readMargins(design: SurveyDesign, margins: readonly Margin[], caller: string): { codes: CodeArray[]; targets: Float64Array[]; total: number } {
  const n = design.n;
  const w0 = design.weights;
  const codes: CodeArray[] = [];
  const targets: Float64Array[] = [];
  let firstTotal = NaN;
  for (const margin of margins) {
    const column = categoricalOf(design.dataset, margin.variable, caller);
    const target = new Float64Array(column.levels.length);
    const levelIndex = new Map(column.levels.map((l, i) => [l, i]));
    let total = 0;
    for (const [level, count] of Object.entries(margin.population)) {
      const l = levelIndex.get(level);
      if (l === undefined) throw new StatsError('UNKNOWN_LEVEL', `${caller}: margin "${margin.variable}" has no level "${level}" in the data`);
      if (!(count >= 0)) throw new StatsError('INVALID_ARGUMENT', `${caller}: margin "${margin.variable}" level "${level}" has population ${count}`);
      target[l] = count;
      total += count;
    }
    if (!(total > 0)) throw new StatsError('ZERO_POPULATION', `${caller}: margin "${margin.variable}" has a total population of 0`);
    if (Number.isNaN(firstTotal)) firstTotal = total;
    else if (Math.abs(total - firstTotal) > 1e-9 * firstTotal) {
      throw new StatsError('INCONSISTENT_MARGINS', `${caller}: margin "${margin.variable}" totals ${total}, the first margin ${firstTotal}`);
    }
    const respondents = new Float64Array(column.levels.length);
    const columnCodes = column.codes;
    for (let i = 0; i < n; i++) {
      const c = columnCodes[i];
      if (c < 0) throw new StatsError('MISSING_VALUE', `${caller}: margin "${margin.variable}" is missing at row ${i + 1}`, i);
      if (w0[i] > 0) respondents[c]++;
    }
    for (let l = 0; l < column.levels.length; l++) {
      if (target[l] > 0 && respondents[l] === 0)
        throw new StatsError('EMPTY_MARGIN_LEVEL', `${caller}: margin "${margin.variable}" has no respondent in level "${column.levels[l]}"`);
      if (target[l] === 0 && respondents[l] > 0) {
        throw new StatsError('ZERO_POPULATION', `${caller}: margin "${margin.variable}" level "${column.levels[l]}" has ${respondents[l]} respondents but no population`);
      }
    }
    codes.push(column.codes);
    targets.push(target);
  }
  return { codes, targets, total: firstTotal };
}
