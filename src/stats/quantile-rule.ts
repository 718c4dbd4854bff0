import { StatsError } from './stats-error.js';

/** How a weighted quantile is read off the weighted distribution function (R survey's `qrule`). */
export type QuantileRule = 'math' | 'school' | 'hf1' | 'hf2' | 'hf3' | 'hf4' | 'hf5' | 'hf6' | 'hf7' | 'hf8' | 'hf9';

/** Values with a positive weight, in increasing order (ties in row order), and their cumulative weights. */
export interface SortedSample {
  readonly values: Float64Array;
  /** their weights */
  readonly weights: Float64Array;
  /** cumulative weights, summed with compensation (R sums in extended precision) */
  readonly cumulative: Float64Array;
  readonly total: number;
}

/**
 * Sorts the values of positive weight (zero weights are left out, as R's rules do) and accumulates their weights.
 * Complexity O(m log m) for the m values kept.
 * @throws StatsError EMPTY_SAMPLE when no value has a positive weight.
 * @example sortedSample(Float64Array.of(3, 1, 2), Float64Array.of(1, 1, 2)) // { values: [1, 2, 3], cumulative: [1, 3, 4], total: 4 }
 */
export function sortedSample(values: ArrayLike<number>, weights: ArrayLike<number>): SortedSample {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (weights[i] > 0 && !Number.isNaN(values[i])) kept.push(i);
  if (kept.length === 0) throw new StatsError('EMPTY_SAMPLE', 'quantile: no value with a positive weight');
  kept.sort((a, b) => values[a] - values[b] || a - b);
  const sorted = new Float64Array(kept.length);
  const sortedWeights = new Float64Array(kept.length);
  const cumulative = new Float64Array(kept.length);
  // Neumaier's compensated sum: each partial sum correctly rounded, as R's long double cumsum gives it
  let sum = 0,
    compensation = 0;
  kept.forEach((row, k) => {
    const w = weights[row];
    const t = sum + w;
    compensation += Math.abs(sum) >= Math.abs(w) ? sum - t + w : w - t + sum;
    sum = t;
    sorted[k] = values[row];
    sortedWeights[k] = w;
    cumulative[k] = sum + compensation;
  });
  return { values: sorted, weights: sortedWeights, cumulative, total: cumulative[kept.length - 1] };
}

/**
 * The p-th weighted quantile of a sorted sample by one of R survey's rules (W_k: cumulative weight, W = Σw):
 * - `math` = `hf1` (the default of survey ≥ 4): the smallest value whose cumulative share reaches p, i.e. the value
 *   after the last one with W_k ≤ p·W, or that value when W_k/W equals p exactly;
 * - `school` = `hf2`: the same, but the mid-point of the two values when the share equals p exactly;
 * - `hf3`: on the distinct values, the lower value when the share equals p exactly at an even rank, else the upper;
 * - `hf4`: linear between the two values around p·W, by the share's position between them;
 * - `hf5`, `hf6`, `hf7`, `hf8`, `hf9`: linear interpolation of the values at the shares (W_k − w_k/2)/W,
 *   W_k/(W + w_m), W_{k−1}/W_{m−1}, (W_{k−1}/3 + 2W_k/3)/(W + w_m/3), (3W_{k−1}/8 + 5W_k/8)/(W + w_m/4)
 *   (Hyndman & Fan's types with weights; with equal weights, R's `quantile(type = 5…9)`).
 * Reference: R survey `qrule_math`, `qrule_school`, `qrule_hf1` … `qrule_hf9` and their helper `qs`; Hyndman & Fan
 * (1996), The American Statistician 50, 361–365. (`shahvaish` is not computed.)
 * Complexity O(m).
 * @throws StatsError INVALID_ARGUMENT for p outside [0, 1], or hf7 on a single value.
 * @example weightedQuantile(sortedSample([1, 2, 3, 4], [1, 1, 1, 1]), 0.5, 'math') // 2
 */
export function weightedQuantile(sample: SortedSample, p: number, rule: QuantileRule): number {
  if (!(p >= 0 && p <= 1)) throw new StatsError('INVALID_ARGUMENT', `quantile: probability ${p} is not in [0, 1]`);
  const { values, weights, cumulative, total } = sample;
  const m = values.length;
  const shares = (share: (k: number) => number) =>
    interpolate(
      Float64Array.from({ length: m }, (_, k) => share(k)),
      values,
      p,
    );
  const before = (k: number) => (k === 0 ? 0 : cumulative[k - 1]);
  switch (rule) {
    case 'math':
    case 'hf1':
    case 'school':
    case 'hf2': {
      const q = around(values, cumulative, total, p);
      if (q.below !== 0) return q.upper;
      return rule === 'math' || rule === 'hf1' ? q.lower : (q.lower + q.upper) / 2;
    }
    case 'hf3': {
      // on the distinct values, their weights summed
      const distinct: number[] = [],
        summed: number[] = [];
      for (let k = 0; k < m; k++) {
        if (k > 0 && values[k] === values[k - 1]) summed[summed.length - 1] += weights[k];
        else {
          distinct.push(values[k]);
          summed.push(weights[k]);
        }
      }
      const d = sortedSample(distinct, summed);
      const q = around(d.values, d.cumulative, d.total, p);
      return q.below === 0 && (q.lowerIndex + 1) % 2 === 0 ? q.lower : q.upper;
    }
    case 'hf4': {
      const q = around(values, cumulative, total, p);
      const gamma = q.below / (q.above + q.below);
      return q.lower * (1 - gamma) + q.upper * gamma;
    }
    case 'hf5':
      return shares((k) => (cumulative[k] - weights[k] / 2) / total);
    case 'hf6':
      return shares((k) => cumulative[k] / (total + weights[m - 1]));
    case 'hf7': {
      if (m < 2) throw new StatsError('INVALID_ARGUMENT', 'quantile: rule "hf7" needs at least two values of positive weight');
      const last = cumulative[m - 2];
      return shares((k) => before(k) / last);
    }
    case 'hf8':
      // R's own order of operations: (x·1)/3 + (x·2)/3
      return shares((k) => (before(k) / 3 + (cumulative[k] * 2) / 3) / (total + weights[m - 1] / 3));
    case 'hf9':
      return shares((k) => ((before(k) * 3) / 8 + (cumulative[k] * 5) / 8) / (total + weights[m - 1] / 4));
  }
}

/** R's qs(): the last value with W_k ≤ p·W (the first when there is none), the next one, and the shares around p. */
function around(values: Float64Array, cumulative: Float64Array, total: number, p: number) {
  const m = values.length;
  const threshold = p * total;
  let pos = 0;
  for (let k = 0; k < m; k++) if (cumulative[k] <= threshold) pos = k;
  const next = pos === m - 1 ? pos : pos + 1;
  return { lower: values[pos], upper: values[next], lowerIndex: pos, below: p - cumulative[pos] / total, above: cumulative[next] / total - p };
}

/** R's approx(x, y, v, method = "linear", rule = 2) on increasing x, with its bisection and formula. */
function interpolate(x: Float64Array, y: Float64Array, v: number): number {
  let i = 0,
    j = x.length - 1;
  if (v < x[i]) return y[i];
  if (v > x[j]) return y[j];
  while (i < j - 1) {
    const ij = (i + j) >> 1;
    if (v < x[ij]) j = ij;
    else i = ij;
  }
  if (v === x[j]) return y[j];
  if (v === x[i]) return y[i];
  return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
}
