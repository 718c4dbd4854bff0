import { categoricalOf, numericValues } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { studentTCdf } from './distributions.js';
import { invertMatrix } from './linear-algebra.js';
import { StatsError } from './stats-error.js';
import { linearizedCovariance } from './variance.js';

/** gaussian: linear regression; quasibinomial and binomial: logistic regression (same estimates and errors). */
export type GlmFamily = 'gaussian' | 'quasibinomial' | 'binomial';

export interface GlmSpec {
  readonly family: GlmFamily;
  /** numeric column (0/1 or a share for the logistic families), or categorical with `level` */
  readonly response: string;
  /** with a categorical response: the level coded 1 (the others 0) */
  readonly level?: string;
  /** numeric predictors, entered as they are */
  readonly predictors?: readonly string[];
  /** categorical predictors, dummy-coded against their first level (R's treatment contrasts) */
  readonly factors?: readonly string[];
}

export interface GlmCoefficient {
  /** R's name: "(Intercept)", the column, or the factor followed by its level ("stypeH") */
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  /** estimate / se */
  readonly statistic: number;
  /** two-sided, Student t on `df` */
  readonly p: number;
}

export interface GlmFit {
  readonly kind: 'glm';
  readonly family: GlmFamily;
  readonly coefficients: readonly GlmCoefficient[];
  /** residual degrees of freedom: design degrees of freedom of the rows used + 1 − number of coefficients (R's svyglm) */
  readonly df: number;
  /** rows used: every value present and a positive weight */
  readonly n: number;
  readonly iterations: number;
}

/**
 * Design-based generalised linear model (key-driver analysis): the coefficients solve the weighted estimating
 * equations Σ wᵢ xᵢ (yᵢ − μᵢ) = 0 (least squares for `gaussian`, logistic for `quasibinomial`/`binomial`, by
 * Newton–Raphson to full precision), and their covariance is the sandwich A⁻¹ B A⁻¹ where A = Σ wᵢ v(μᵢ) xᵢxᵢ' and
 * B is the design covariance (calibration, strata, clusters, fpc) of the scores wᵢ xᵢ (yᵢ − μᵢ). An intercept is
 * always fitted; factors get one dummy per level but the first. Rows with a missing value are left out (R's
 * `na.omit`; they stay units of the variance) and so are zero weights.
 * Reference: R survey `svyglm(y ~ x1 + f, design, family)`, `svy.varcoef`, `summary.svyglm`; Binder (1983),
 * International Statistical Review 51, 279–292.
 * Complexity O(n·k² + k³) per iteration for k coefficients (one for gaussian, a few to ~10 for logistic).
 * @throws StatsError UNKNOWN_COLUMN, NOT_NUMERIC, NOT_CATEGORICAL, UNKNOWN_LEVEL, EMPTY_SAMPLE, INVALID_ARGUMENT
 *   (a logistic response outside [0, 1]), SINGULAR_MATRIX (collinear predictors, a factor level without a row),
 *   NOT_CONVERGED (separation: a predictor that predicts the response perfectly).
 * @example surveyGlm(design, { family: 'gaussian', response: 'api00', predictors: ['ell', 'meals'], factors: ['stype'] }).coefficients[1]
 * // apiclus1 (clusters dnum, fpc): { name: 'ell', estimate: -0.9112693857588264, se: 0.38941896055542013, statistic: -2.340074516297568, p: 0.04133431080035369 }
 */
export function surveyGlm(design: SurveyDesign, spec: GlmSpec): GlmFit {
  const caller = 'surveyGlm';
  const { n } = design;
  let y: Float64Array;
  if (spec.level !== undefined) {
    const column = categoricalOf(design.dataset, spec.response, caller);
    const yes = column.levels.indexOf(spec.level);
    if (yes < 0) throw new StatsError('UNKNOWN_LEVEL', `${caller}: column "${spec.response}" has no level "${spec.level}"`);
    y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = column.codes[i] < 0 ? Number.NaN : column.codes[i] === yes ? 1 : 0;
  } else y = numericValues(design.dataset, spec.response, caller);
  const logistic = spec.family !== 'gaussian';
  // design matrix, column by column
  const names = ['(Intercept)'];
  const columns: Float64Array[] = [new Float64Array(n).fill(1)];
  for (const name of spec.predictors ?? []) {
    names.push(name);
    columns.push(numericValues(design.dataset, name, caller));
  }
  const factorCodes = (spec.factors ?? []).map((name) => {
    const column = categoricalOf(design.dataset, name, caller);
    for (let l = 1; l < column.levels.length; l++) {
      names.push(name + column.levels[l]);
      const dummy = new Float64Array(n);
      for (let i = 0; i < n; i++) dummy[i] = column.codes[i] < 0 ? Number.NaN : column.codes[i] === l ? 1 : 0;
      columns.push(dummy);
    }
    return column.codes;
  });
  const k = columns.length;
  const w = new Float64Array(n);
  const clusters = new Set<number>(),
    strata = new Set<number>();
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (!(design.weights[i] > 0) || Number.isNaN(y[i]) || columns.some((c) => Number.isNaN(c[i])) || factorCodes.some((c) => c[i] < 0)) continue;
    if (logistic && !(y[i] >= 0 && y[i] <= 1))
      throw new StatsError('INVALID_ARGUMENT', `${caller}: a logistic response is between 0 and 1 ("${spec.response}" is ${y[i]} at row ${i + 1})`, i);
    w[i] = design.weights[i];
    clusters.add(design.psu[i]);
    strata.add(design.stratum[i]);
    used++;
  }
  if (used === 0) throw new StatsError('EMPTY_SAMPLE', `${caller}: no row has every value of the model and a positive weight`);
  // each predictor scaled to a weighted root mean square of 1 (a turnover in euros beside an intercept would
  // otherwise make A ill-conditioned); coefficients and errors are scaled back at the end
  const scale = new Float64Array(k).fill(1);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w[i];
  for (let j = 1; j < k; j++) {
    let s2 = 0;
    for (let i = 0; i < n; i++) if (w[i] > 0) s2 += w[i] * columns[j][i] * columns[j][i];
    if (s2 > 0) scale[j] = Math.sqrt(s2 / sw);
    const source = columns[j];
    columns[j] = Float64Array.from(source, (v) => v / scale[j]);
  }
  const beta = new Float64Array(k);
  const mu = new Float64Array(n);
  const fitted = () => {
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      let eta = 0;
      for (let j = 0; j < k; j++) eta += columns[j][i] * beta[j];
      mu[i] = logistic ? 1 / (1 + Math.exp(-eta)) : eta;
    }
  };
  let inverse: Float64Array = new Float64Array(k * k);
  let iterations = 0;
  for (;;) {
    fitted();
    // A = Σ w v(μ) x x', score = Σ w x (y − μ)
    const a = new Float64Array(k * k);
    const score = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      const v = logistic ? w[i] * mu[i] * (1 - mu[i]) : w[i];
      const r = w[i] * (y[i] - mu[i]);
      for (let j = 0; j < k; j++) {
        const xj = columns[j][i];
        score[j] += xj * r;
        const vx = v * xj;
        for (let l = 0; l <= j; l++) a[j * k + l] += vx * columns[l][i];
      }
    }
    for (let j = 0; j < k; j++) for (let l = 0; l < j; l++) a[l * k + j] = a[j * k + l];
    try {
      inverse = invertMatrix(a, k, caller);
    } catch (error) {
      // fitted shares driven to 0 or 1 make A singular after the first step: separation, not collinearity
      if (!logistic || iterations === 0) throw error;
      throw notConverged(spec.response);
    }
    let change = 0;
    for (let j = 0; j < k; j++) {
      let step = 0;
      for (let l = 0; l < k; l++) step += inverse[j * k + l] * score[l];
      beta[j] += step;
      change = Math.max(change, Math.abs(step) / Math.max(1, Math.abs(beta[j])));
    }
    iterations++;
    if (!logistic && iterations === 2) break; // least squares: one step, one polishing step
    if (logistic && change <= 1e-13 && iterations > 1) break;
    if (iterations >= 100 || !Number.isFinite(change)) throw notConverged(spec.response);
  }
  fitted();
  // A⁻¹ at the solution, then the influence of each coefficient: (w x (y − μ))' A⁻¹
  const a = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    const v = logistic ? w[i] * mu[i] * (1 - mu[i]) : w[i];
    for (let j = 0; j < k; j++) for (let l = 0; l < k; l++) a[j * k + l] += v * columns[j][i] * columns[l][i];
  }
  inverse = invertMatrix(a, k, caller);
  const influences = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    if (w[i] === 0) continue;
    const r = w[i] * (y[i] - mu[i]);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += columns[l][i] * inverse[l * k + j];
      influences[j][i] = r * s;
    }
  }
  const covariance = linearizedCovariance(design, influences);
  const df = clusters.size - strata.size + 1 - k;
  const coefficients = names.map((name, j) => {
    const se = Math.sqrt(Math.max(0, covariance[j * k + j])) / scale[j];
    const estimate = beta[j] / scale[j];
    const statistic = estimate / se;
    const p = df > 0 ? 2 * studentTCdf(Math.abs(statistic), df, true) : Number.NaN;
    return Object.freeze({ name, estimate, se, statistic, p });
  });
  return Object.freeze({ kind: 'glm', family: spec.family, coefficients: Object.freeze(coefficients), df, n: used, iterations });
}

function notConverged(response: string): StatsError {
  return new StatsError('NOT_CONVERGED', `surveyGlm: the logistic fit of "${response}" does not converge (a predictor may separate the responses perfectly)`);
}
