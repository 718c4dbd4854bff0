import { NO_DENSE_COLUMNS, type Calibration } from './calibration.js';
import { numericValues } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { generalizedInverse } from './linear-algebra.js';
import { readMargins, type Margin, type RakeOptions, type RakingResult } from './rake.js';
import { StatsError } from './stats-error.js';

/** Calibration functions of R's `calibrate`: g = 1 + F⁻¹(x'λ), truncated to the bounds. */
export type CalibrationFunction = 'linear' | 'raking' | 'logit';

/** A numeric calibration variable (a headcount, a turnover) and its population total. */
export interface NumericTotal {
  readonly variable: string;
  readonly total: number;
}

export interface CalibrateOptions {
  /** categorical margins (population count of each level) */
  readonly margins?: readonly Margin[];
  /** numeric variables and their population totals */
  readonly totals?: readonly NumericTotal[];
  /** population size N (R's `(Intercept)` total); without margins it adds the intercept, with margins it must equal their total */
  readonly populationSize?: number;
  readonly calfun: CalibrationFunction;
  /** bounds [L, U] of the weight ratio g = w/w0 (R's `bounds`); logit needs finite ones */
  readonly bounds?: readonly [number, number];
  /** R's `epsilon`: every |Σwx − T| / (1 + |T|) below it (default 1e-10) */
  readonly tolerance?: number;
  /** R's `maxit` (default 100) */
  readonly maxIterations?: number;
  /** return `converged: false` (with the shortfall) instead of throwing NOT_CONVERGED */
  readonly allowNonConvergence?: boolean;
}

/** The calibration target met worst: a margin level or a numeric total, what the weights reach and the target. */
export interface CalibrationShortfall {
  readonly variable: string;
  /** the margin level, null for a numeric total or the population size */
  readonly level: string | null;
  readonly achieved: number;
  readonly target: number;
}

export interface CalibrateResult extends RakingResult {
  readonly calfun: CalibrationFunction;
  readonly bounds: readonly [number, number] | null;
  /** the worst target (largest relative deviation), reported whether or not the calibration converged */
  readonly shortfall: CalibrationShortfall | null;
}

type Fn = (u: number) => number;

/** R's calfun objects (survey: cal.linear, cal.raking, cal.logit), Fm1 = g − 1 and its derivative dF, including R's choices at the bounds. */
function calibrationFunction(calfun: CalibrationFunction, L: number, U: number): { Fm1: Fn; dF: Fn } {
  if (calfun === 'linear') return { Fm1: (u) => Math.min(Math.max(u + 1, L), U) - 1, dF: (u) => (u < U - 1 && u > L - 1 ? 1 : 0) };
  if (calfun === 'raking') return { Fm1: (u) => Math.min(Math.max(Math.exp(u), L), U) - 1, dF: (u) => (u < U - 1 && u > L - 1 ? Math.exp(u) : 0) };
  const A = (U - L) / ((U - 1) * (1 - L));
  return {
    Fm1: (u) => {
      const e = Math.exp(A * u);
      return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e) - 1;
    },
    dF: (u) => {
      const e = Math.exp(A * u);
      const den = U - 1 + (1 - L) * e;
      return (U * (1 - L) * e * A) / den - ((L * (U - 1) + U * (1 - L) * e) * ((1 - L) * e * A)) / (den * den);
    },
  };
}

/**
 * Calibration of the design weights to population totals, as R's `calibrate(design, ~x + a + b, population,
 * calfun, bounds)`: categorical margins (one indicator per level), numeric totals (headcount, turnover), an
 * intercept (the population size), with the linear, raking or logit calibration function and optional bounds
 * on the weight ratio g = w/w0. Newton's method on the calibration equations Σ w0·g(x'λ)·x = T exactly as R's
 * `grake` (same columns, same steps and step halving, same rescaling of the weights when every population
 * total exceeds 20 times its sample total: bounds then apply after that rescaling, as in R). The returned design
 * carries the calibration: variances use the residuals of the influence values on x (R's `greg_calibration`).
 * A calibration that cannot meet every target within the bounds is refused naming the target met worst
 * (R: "Calibration failed"); it is never returned as converged. Reference: Deville & Särndal (1992), JASA
 * 87:376-382; R survey `calibrate`, `grake`. Complexity O(iterations · cells · p²) + O(p³) per iteration, with
 * one cell per combination of margin levels, or per row when there are numeric totals.
 * @throws StatsError INVALID_ARGUMENT (nothing to calibrate on, bounds not 0 ≤ L < 1 < U, logit without finite
 *   bounds, a population size that differs from the margins'), the errors of `rake` on margins, NOT_NUMERIC,
 *   MISSING_VALUE (a numeric value missing for a row of positive weight), NOT_CONVERGED (naming the margin level
 *   or total that cannot be met; also an unbounded linear calibration giving a weight ratio ≤ 0).
 * @example calibrate(design, { margins: [{ variable: 'stype', population: { E: 4421, H: 755, M: 1018 } }],
 *   totals: [{ variable: 'enroll', total: 3811472 }], calfun: 'raking', bounds: [0.5, 2] }).converged // true
 */
export function calibrate(design: SurveyDesign, options: CalibrateOptions): CalibrateResult {
  const caller = 'calibrate';
  const margins = options.margins ?? [];
  const totals = options.totals ?? [];
  const { calfun } = options;
  if (margins.length === 0 && totals.length === 0 && options.populationSize === undefined)
    throw new StatsError('INVALID_ARGUMENT', `${caller}: no margin, total or population size to calibrate on`);
  const bounds = options.bounds ?? null;
  const [L, U] = bounds ?? [-Infinity, Infinity];
  if (bounds && !(L >= 0 && L < 1 && U > 1)) throw new StatsError('INVALID_ARGUMENT', `${caller}: bounds [${L}, ${U}] need 0 ≤ L < 1 < U`);
  if (calfun === 'logit' && !(bounds && Number.isFinite(U)))
    throw new StatsError('INVALID_ARGUMENT', `${caller}: logit calibration needs finite bounds L < 1 < U with L ≥ 0 (given ${bounds ? `[${L}, ${U}]` : 'none'})`);
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100;
  const n = design.n;
  const w0 = design.weights;
  const { codes, targets, total: marginTotal } = margins.length > 0 ? readMargins(design, margins, caller) : { codes: [], targets: [], total: NaN };
  const N = options.populationSize ?? marginTotal;
  if (options.populationSize !== undefined) {
    if (!(options.populationSize > 0)) throw new StatsError('INVALID_ARGUMENT', `${caller}: population size ${options.populationSize} is not above 0`);
    if (margins.length > 0 && Math.abs(options.populationSize - marginTotal) > 1e-9 * marginTotal)
      throw new StatsError('INCONSISTENT_MARGINS', `${caller}: population size ${options.populationSize} differs from the margins' total ${marginTotal}`);
  }
  const numeric = totals.map((t) => {
    if (!Number.isFinite(t.total)) throw new StatsError('INVALID_ARGUMENT', `${caller}: total of "${t.variable}" is ${t.total}`);
    const values = numericValues(design.dataset, t.variable, caller);
    for (let i = 0; i < n; i++) if (Number.isNaN(values[i]) && w0[i] > 0) throw new StatsError('MISSING_VALUE', `${caller}: "${t.variable}" is missing at row ${i + 1}`, i);
    return values;
  });

  // columns of x, in R's model.matrix order: intercept, each margin's levels but its first, the numeric totals
  const m = margins.length;
  let p = 0;
  const denseColumn: number[] = [];
  const target: number[] = [];
  const label: { variable: string; level: string | null }[] = [];
  if (!Number.isNaN(N)) {
    denseColumn.push(p++);
    target.push(N);
    label.push({ variable: m > 0 ? margins[0].variable : '(population size)', level: null });
  }
  const levelColumns = targets.map((t, j) => {
    const levels = (design.dataset.columns.get(margins[j].variable) as { levels: readonly string[] }).levels;
    const cols = new Int32Array(t.length).fill(-1);
    let first = true;
    for (let l = 0; l < t.length; l++) {
      if (!(t[l] > 0)) continue; // a level of population 0 without respondent: dropped, as R drops its column
      if (first) {
        first = false;
        continue;
      }
      cols[l] = p++;
      target.push(t[l]);
      label.push({ variable: margins[j].variable, level: levels[l] });
    }
    return cols;
  });
  for (const t of totals) {
    denseColumn.push(p++);
    target.push(t.total);
    label.push({ variable: t.variable, level: null });
  }
  const nDense = denseColumn.length;
  const hasIntercept = !Number.isNaN(N);

  // cells: combinations of margin levels, or one per row with numeric totals (or too many combinations)
  const sizes = targets.map((t) => t.length);
  let nCells = sizes.reduce((a, b) => a * b, 1);
  const byRow = totals.length > 0 || nCells > Math.max(1 << 16, n);
  if (byRow) nCells = n;
  const cell = new Int32Array(n);
  if (byRow) for (let i = 0; i < n; i++) cell[i] = i;
  else for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) cell[i] = cell[i] * sizes[j] + codes[j][i];
  const cellColumns = new Int32Array(nCells * m).fill(-1);
  const denseValues = new Float64Array(nCells * nDense);
  if (byRow) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) cellColumns[i * m + j] = levelColumns[j][codes[j][i]];
      const o = i * nDense;
      if (hasIntercept) denseValues[o] = 1;
      for (let k = 0; k < totals.length; k++) denseValues[o + k + (hasIntercept ? 1 : 0)] = w0[i] > 0 ? numeric[k][i] : 0;
    }
  } else
    for (let c = 0; c < nCells; c++) {
      let r = c;
      for (let j = m - 1; j >= 0; j--) {
        cellColumns[c * m + j] = levelColumns[j][r % sizes[j]];
        r = Math.floor(r / sizes[j]);
      }
      if (hasIntercept) denseValues[c * nDense] = 1;
    }
  const base = new Float64Array(nCells);
  for (let i = 0; i < n; i++) base[cell[i]] += w0[i];

  /** Σ_c v_c·x_c into out (length p). */
  const addRow = (out: Float64Array, c: number, v: number) => {
    for (let j = 0; j < m; j++) {
      const col = cellColumns[c * m + j];
      if (col >= 0) out[col] += v;
    }
    for (let k = 0; k < nDense; k++) out[denseColumn[k]] += v * denseValues[c * nDense + k];
  };
  /** Σ_c v_c·x_c·x_c' (p × p). */
  const crossProduct = (v: (c: number) => number) => {
    const out = new Float64Array(p * p);
    const width = m + nDense;
    const index = new Int32Array(width);
    const value = new Float64Array(width);
    const dense = Int32Array.from(denseColumn);
    for (let c = 0; c < nCells; c++) {
      const vc = v(c);
      if (vc === 0) continue;
      let k = 0;
      for (let j = 0; j < m; j++) {
        const col = cellColumns[c * m + j];
        if (col >= 0) {
          index[k] = col;
          value[k++] = 1;
        }
      }
      for (let d = 0; d < nDense; d++) {
        index[k] = dense[d];
        value[k++] = denseValues[c * nDense + d];
      }
      for (let i = 0; i < k; i++) {
        const va = vc * value[i];
        if (va === 0) continue;
        const o = index[i] * p;
        for (let j = 0; j < k; j++) out[o + index[j]] += va * value[j];
      }
    }
    return out;
  };

  const T = Float64Array.from(target);
  const sampleTotal = new Float64Array(p);
  for (let c = 0; c < nCells; c++) if (base[c] !== 0) addRow(sampleTotal, c, base[c]);
  // R's grake: when every population total exceeds 20 times its sample total, the weights are rescaled first
  let scale = 1;
  let minScale = Infinity,
    sumScale = 0;
  for (let a = 0; a < p; a++) {
    const s = T[a] / sampleTotal[a];
    minScale = Math.min(minScale, s);
    sumScale += s;
  }
  if (minScale > 20) scale = sumScale / p;
  const scaled = scale === 1 ? base : base.map((b) => b * scale);

  const { Fm1, dF } = calibrationFunction(calfun, L, U);
  const eta = new Float64Array(p);
  const u = new Float64Array(nCells);
  const fm1 = new Float64Array(nCells);
  const deriv = new Float64Array(nCells);
  const evaluate = () => {
    let finite = true;
    for (let c = 0; c < nCells; c++) {
      let s = 0;
      for (let j = 0; j < m; j++) {
        const col = cellColumns[c * m + j];
        if (col >= 0) s += eta[col];
      }
      for (let k = 0; k < nDense; k++) s += eta[denseColumn[k]] * denseValues[c * nDense + k];
      u[c] = s;
      fm1[c] = Fm1(s);
      deriv[c] = dF(s);
      if (!Number.isFinite(fm1[c]) || !Number.isFinite(deriv[c])) finite = false;
    }
    return finite;
  };
  const misfit = new Float64Array(p);
  const computeMisfit = () => {
    misfit.fill(0);
    for (let c = 0; c < nCells; c++) if (scaled[c] !== 0) addRow(misfit, c, scaled[c] * (1 + fm1[c]));
    let worst = 0;
    for (let a = 0; a < p; a++) {
      misfit[a] = T[a] - misfit[a];
      worst = Math.max(worst, Math.abs(misfit[a]) / (1 + Math.abs(T[a])));
    }
    return worst;
  };
  evaluate();
  let iterations = 1;
  let converged = false;
  let achieved = Infinity;
  for (;;) {
    const J = crossProduct((c) => scaled[c] * deriv[c]);
    computeMisfit();
    const inverse = generalizedInverse(J, p);
    const step = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += inverse[a * p + b] * misfit[b];
      step[a] = s;
      eta[a] += s;
    }
    let finite = evaluate();
    while (iterations < maxIterations && !finite) {
      iterations++;
      for (let a = 0; a < p; a++) {
        step[a] /= 2;
        eta[a] -= step[a];
      }
      finite = evaluate();
    }
    achieved = computeMisfit();
    if (achieved < tolerance) {
      converged = true;
      break;
    }
    iterations++;
    if (iterations > maxIterations) break;
  }
  const g = new Float64Array(nCells);
  for (let c = 0; c < nCells; c++) g[c] = (1 + fm1[c]) * scale;
  if (calfun === 'linear' && !bounds)
    for (let c = 0; c < nCells; c++)
      if (base[c] > 0 && !(g[c] > 0)) {
        throw new StatsError('NOT_CONVERGED', `${caller}: linear calibration gives a weight ratio g = ${g[c]} ≤ 0 (use bounds, or the logit or raking function)`);
      }
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = w0[i] * g[cell[i]];

  // the target met worst, in the margins' own terms (every level, not only the columns of x)
  let shortfall: CalibrationShortfall | null = null;
  let worst = -1;
  const consider = (variable: string, level: string | null, got: number, want: number) => {
    const deviation = Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
    if (deviation > worst) {
      worst = deviation;
      shortfall = Object.freeze({ variable, level, achieved: got, target: want });
    }
  };
  margins.forEach((margin, j) => {
    const levels = (design.dataset.columns.get(margin.variable) as { levels: readonly string[] }).levels;
    const reached = new Float64Array(levels.length);
    for (let i = 0; i < n; i++) reached[codes[j][i]] += weights[i];
    for (let l = 0; l < levels.length; l++) if (targets[j][l] > 0) consider(margin.variable, levels[l], reached[l], targets[j][l]);
  });
  totals.forEach((t, k) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (weights[i] !== 0) s += weights[i] * numeric[k][i];
    consider(t.variable, null, s, t.total);
  });
  if (m === 0 && hasIntercept)
    consider(
      '(population size)',
      null,
      weights.reduce((a, b) => a + b, 0),
      N,
    );
  if (!converged && !options.allowNonConvergence) {
    const s = shortfall as CalibrationShortfall | null;
    const what = s ? (s.level === null ? `total "${s.variable}"` : `margin "${s.variable}" level "${s.level}"`) : 'a target';
    throw new StatsError(
      'NOT_CONVERGED',
      `${caller}: ${what} cannot be met${bounds ? ` with weight ratios within [${L}, ${U}]` : ''}: the weights reach ${s ? Number(s.achieved.toPrecision(7)) : NaN} against ${s?.target} after ${Math.min(iterations, maxIterations)} iterations (${calfun} calibration)`,
    );
  }
  const cross = crossProduct((c) => base[c]);
  const calibration: Calibration = Object.freeze({
    kind: calfun,
    variables: Object.freeze([...margins.map((mg) => mg.variable), ...totals.map((t) => t.variable)]),
    preWeights: w0,
    weights,
    cell,
    nCells,
    cellColumns,
    nMargins: m,
    p,
    inverseCrossProduct: generalizedInverse(cross, p),
    ...(nDense === 0 ? NO_DENSE_COLUMNS : { nDense, denseColumns: Int32Array.from(denseColumn), denseValues }),
  });
  const calibrated: SurveyDesign = Object.freeze({ ...design, weights, calibrations: Object.freeze([...design.calibrations, calibration]) });
  return Object.freeze({ kind: calibration.kind, calfun, bounds, design: calibrated, weights, converged, iterations, maxDeviation: worst, shortfall });
}

/**
 * Linear (GREG) or bounded logit calibration to categorical margins: `calibrate` with margins only (kept for
 * its callers). Reference: R survey `calibrate(calfun = "linear" | "logit", bounds)`. Complexity as `calibrate`.
 * @throws StatsError as `calibrate`.
 * @example calibrateMargins(design, margins, { method: 'logit', bounds: [0.5, 2] }).converged // true
 */
export function calibrateMargins(
  design: SurveyDesign,
  margins: readonly Margin[],
  options: RakeOptions & { method: 'linear' | 'logit'; bounds?: readonly [number, number] },
): CalibrateResult {
  return calibrate(design, {
    margins,
    calfun: options.method,
    bounds: options.bounds,
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
    allowNonConvergence: options.allowNonConvergence,
  });
}
