import { categoricalOf, type Dataset } from './dataset.js';
import { StatsError } from './stats-error.js';
import type { Calibration } from './calibration.js';

/** How to describe a sample: weights, optional strata, one-stage clusters and finite population correction. */
export interface DesignSpec {
  /** name of a numeric column of sampling weights, or the weights themselves */
  readonly weights: string | Float64Array;
  /** categorical column of strata */
  readonly strata?: string;
  /** column (numeric or categorical) of one-stage cluster ids; none: each row is its own cluster */
  readonly clusters?: string;
  /**
   * finite population correction: a numeric column or one number, the population count of sampling units
   * (clusters, or rows) in the row's stratum (or the whole population); values ≤ 1 are sampling fractions
   */
  readonly fpc?: string | number;
  /** a stratum with a single cluster: 'fail' (default) throws LONELY_PSU, 'certainty' makes it contribute 0 */
  readonly lonelyPsu?: 'fail' | 'certainty';
}

export interface SurveyDesign {
  readonly kind: 'design';
  readonly dataset: Dataset;
  readonly n: number;
  readonly weights: Float64Array;
  /** stratum index of each row, 0..nStrata-1 */
  readonly stratum: Int32Array;
  readonly nStrata: number;
  /** cluster (PSU) index of each row, 0..nPsu-1, unique across strata */
  readonly psu: Int32Array;
  readonly nPsu: number;
  /** stratum of each PSU */
  readonly psuStratum: Int32Array;
  /** number of PSUs in each stratum */
  readonly psuPerStratum: Float64Array;
  /** sampling fraction of each stratum (0 without fpc) */
  readonly samplingFraction: Float64Array;
  readonly hasFpc: boolean;
  readonly hasClusters: boolean;
  /** design degrees of freedom: clusters − strata, counting those with a positive weight (R's `degf`) */
  readonly degreesOfFreedom: number;
  readonly lonelyPsu: 'fail' | 'certainty';
  /** calibrations applied so far, in order (their residuals enter the variance) */
  readonly calibrations: readonly Calibration[];
}

/**
 * Builds a survey design over a dataset (R: `svydesign(ids, strata, weights, fpc)`), checking the weights.
 * A zero weight is accepted, as R does: the row adds nothing to any estimate or base, stays a unit of its
 * stratum in the variance (R's `svyrecvar`) and is left out of the degrees of freedom (R's `degf`).
 * Complexity O(n).
 * @throws StatsError EMPTY_SAMPLE (also: no positive weight), UNKNOWN_COLUMN, NOT_NUMERIC, MISSING_VALUE, NEGATIVE_WEIGHT,
 *   LONELY_PSU (a stratum with a single cluster), INVALID_ARGUMENT (fpc smaller than the sample).
 * @example createDesign(ds, { weights: 'pw', strata: 'stype', fpc: 'fpc' }).degreesOfFreedom // 197
 */
export function createDesign(dataset: Dataset, spec: DesignSpec): SurveyDesign {
  const n = dataset.n;
  if (n === 0) throw new StatsError('EMPTY_SAMPLE', 'createDesign: the dataset has no row');
  const weights = typeof spec.weights === 'string' ? numeric(dataset, spec.weights) : spec.weights;
  if (weights.length !== n) throw new StatsError('LENGTH_MISMATCH', `createDesign: ${weights.length} weights for ${n} rows`);
  checkWeights(weights, 'createDesign');
  const stratum = new Int32Array(n);
  let nStrata = 1;
  if (spec.strata) {
    const column = categoricalOf(dataset, spec.strata, 'createDesign');
    const remap = new Int32Array(column.levels.length).fill(-1);
    nStrata = 0;
    for (let i = 0; i < n; i++) {
      const c = column.codes[i];
      if (c < 0) throw new StatsError('MISSING_VALUE', `createDesign: stratum "${spec.strata}" is missing at row ${i + 1}`, i);
      if (remap[c] < 0) remap[c] = nStrata++;
      stratum[i] = remap[c];
    }
  }
  let psu: Int32Array;
  let psuStratum: Int32Array;
  if (spec.clusters) {
    psu = new Int32Array(n);
    const psuStratumList: number[] = [];
    const ids = clusterKeys(dataset, spec.clusters);
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const key = `${stratum[i]}\u0000${ids[i]}`;
      let p = index.get(key);
      if (p === undefined) {
        p = psuStratumList.length;
        index.set(key, p);
        psuStratumList.push(stratum[i]);
      }
      psu[i] = p;
    }
    psuStratum = Int32Array.from(psuStratumList);
  } else {
    psu = new Int32Array(n);
    for (let i = 0; i < n; i++) psu[i] = i;
    psuStratum = stratum;
  }
  const nPsu = psuStratum.length;
  const psuPerStratum = new Float64Array(nStrata);
  for (let p = 0; p < nPsu; p++) psuPerStratum[psuStratum[p]]++;
  // R's degf: clusters and strata that hold a row of positive weight
  const psuWeighted = new Uint8Array(nPsu),
    stratumWeighted = new Uint8Array(nStrata);
  for (let i = 0; i < n; i++)
    if (weights[i] > 0) {
      psuWeighted[psu[i]] = 1;
      stratumWeighted[stratum[i]] = 1;
    }
  let weightedPsus = 0,
    weightedStrata = 0;
  for (let p = 0; p < nPsu; p++) weightedPsus += psuWeighted[p];
  for (let h = 0; h < nStrata; h++) weightedStrata += stratumWeighted[h];
  const lonelyPsu = spec.lonelyPsu ?? 'fail';
  if (lonelyPsu === 'fail') {
    for (let h = 0; h < nStrata; h++)
      if (psuPerStratum[h] < 2) {
        throw new StatsError('LONELY_PSU', `createDesign: stratum ${spec.strata ? `"${stratumName(dataset, spec.strata, stratum, h)}"` : '(whole sample)'} has a single cluster`);
      }
  }
  const samplingFraction = new Float64Array(nStrata);
  if (spec.fpc !== undefined) {
    const fpcValues = typeof spec.fpc === 'number' ? null : numeric(dataset, spec.fpc);
    const seen = new Float64Array(nStrata).fill(NaN);
    for (let i = 0; i < n; i++) {
      const v = fpcValues ? fpcValues[i] : (spec.fpc as number);
      const h = stratum[i];
      if (!(v > 0)) throw new StatsError('INVALID_ARGUMENT', `createDesign: fpc ${v} at row ${i + 1} must be positive`, i);
      if (Number.isNaN(seen[h])) seen[h] = v;
      else if (seen[h] !== v) throw new StatsError('INVALID_ARGUMENT', `createDesign: fpc varies within a stratum (${seen[h]} and ${v})`);
    }
    for (let h = 0; h < nStrata; h++) {
      const v = seen[h];
      const f = v <= 1 ? v : psuPerStratum[h] / v;
      if (f > 1) throw new StatsError('INVALID_ARGUMENT', `createDesign: fpc ${v} is smaller than the ${psuPerStratum[h]} sampled units of its stratum`);
      samplingFraction[h] = f;
    }
  }
  return Object.freeze({
    kind: 'design',
    dataset,
    n,
    weights,
    stratum,
    nStrata,
    psu,
    nPsu,
    psuStratum,
    psuPerStratum,
    samplingFraction,
    hasFpc: spec.fpc !== undefined,
    hasClusters: !!spec.clusters,
    degreesOfFreedom: weightedPsus - weightedStrata,
    lonelyPsu,
    calibrations: Object.freeze([]),
  });
}

/**
 * The same design with other weights (e.g. after `trimWeights`); calibrations are dropped unless given, so
 * variances no longer include calibration residuals. Reference: R survey's designs keep weights in `prob`.
 * Complexity O(n) (weights are checked).
 * @throws StatsError LENGTH_MISMATCH, MISSING_VALUE, NEGATIVE_WEIGHT, ZERO_WEIGHT.
 * @example withWeights(design, trimWeights(design.weights, { upper: 5 }).weights).weights // the trimmed weights
 */
export function withWeights(design: SurveyDesign, weights: Float64Array, calibrations: readonly Calibration[] = []): SurveyDesign {
  if (weights.length !== design.n) throw new StatsError('LENGTH_MISMATCH', `withWeights: ${weights.length} weights for ${design.n} rows`);
  checkWeights(weights, 'withWeights');
  return Object.freeze({ ...design, weights, calibrations: Object.freeze([...calibrations]) });
}

/**
 * Throws on a missing, negative or infinite weight, or when no weight is positive (zero weights are allowed).
 * Rows are numbered from 1 in messages; the error's `row` is the 0-based index. Complexity O(n).
 * @throws StatsError MISSING_VALUE, NEGATIVE_WEIGHT, INVALID_ARGUMENT, EMPTY_SAMPLE
 * @example checkWeights(Float64Array.of(1, -2), 'rake') // throws StatsError NEGATIVE_WEIGHT "rake: weight -2 at row 2 is negative"
 */
export function checkWeights(weights: Float64Array, caller: string): void {
  let positive = false;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w > 0 && w < Infinity) {
      positive = true;
      continue;
    }
    if (w === 0) continue;
    if (Number.isNaN(w)) throw new StatsError('MISSING_VALUE', `${caller}: weight is missing at row ${i + 1}`, i);
    if (w < 0) throw new StatsError('NEGATIVE_WEIGHT', `${caller}: weight ${w} at row ${i + 1} is negative`, i);
    throw new StatsError('INVALID_ARGUMENT', `${caller}: weight ${w} at row ${i + 1} is not finite`, i);
  }
  if (!positive && weights.length > 0) throw new StatsError('EMPTY_SAMPLE', `${caller}: no row has a positive weight`);
}

function numeric(dataset: Dataset, name: string): Float64Array {
  const column = dataset.columns.get(name);
  if (!column) throw new StatsError('UNKNOWN_COLUMN', `createDesign: no column "${name}"`);
  if (column.kind !== 'numeric') throw new StatsError('NOT_NUMERIC', `createDesign: column "${name}" is not numeric`);
  return column.values;
}

function clusterKeys(dataset: Dataset, name: string): ArrayLike<number> {
  const column = dataset.columns.get(name);
  if (!column) throw new StatsError('UNKNOWN_COLUMN', `createDesign: no column "${name}"`);
  const values = column.kind === 'numeric' ? column.values : column.codes;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v) || (column.kind === 'categorical' && v < 0)) throw new StatsError('MISSING_VALUE', `createDesign: cluster "${name}" is missing at row ${i + 1}`, i);
  }
  return values;
}

function stratumName(dataset: Dataset, strata: string, stratum: Int32Array, h: number): string {
  const column = categoricalOf(dataset, strata, 'createDesign');
  const row = stratum.indexOf(h);
  return column.levels[column.codes[row]];
}
