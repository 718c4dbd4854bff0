import { StatsError } from './stats-error.js';

/** How a weighted quantile is read off the weighted distribution function (R survey's `qrule`). */
export type QuantileRule = 'math' | 'school' | 'hf7';

/** Values with a positive weight, in increasing order (ties in row order), and their cumulative weights. */
export interface SortedSample {
  readonly values: Float64Array;
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
    cumulative[k] = sum + compensation;
  });
  return { values: sorted, cumulative, total: cumulative[kept.length - 1] };
}

/**
 * The p-th weighted quantile of a sorted sample by one of R survey's rules:
 * - `math` (the default of survey ≥ 4): the smallest value whose cumulative share reaches p, i.e. the value after
 *   the last one whose cumulative weight is ≤ p·Σw, or that value when its cumulative share equals p exactly;
 * - `school`: the same, but the mid-point of the two values when the share equals p exactly;
 * - `hf7`: linear interpolation of the values at shares (0, W₁, …, W_{m−1}) / W_{m−1} (Hyndman & Fan type 7).
 * Reference: R survey `qrule_math`, `qrule_school`, `qrule_hf7` (and its helper `qs`); Hyndman & Fan (1996).
 * Complexity O(m) (O(log m) for hf7).
 * @throws StatsError INVALID_ARGUMENT for p outside [0, 1], or hf7 on a single value.
 * @example weightedQuantile(sortedSample([1, 2, 3, 4], [1, 1, 1, 1]), 0.5, 'math') // 2
 */
export function weightedQuantile(sample: SortedSample, p: number, rule: QuantileRule): number {
  if (!(p >= 0 && p <= 1)) throw new StatsError('INVALID_ARGUMENT', `quantile: probability ${p} is not in [0, 1]`);
  const { values, cumulative, total } = sample;
  const m = values.length;
  if (rule === 'hf7') {
    if (m < 2) throw new StatsError('INVALID_ARGUMENT', 'quantile: rule "hf7" needs at least two values of positive weight');
    const last = cumulative[m - 2];
    const shares = new Float64Array(m);
    for (let k = 1; k < m; k++) shares[k] = cumulative[k - 1] / last;
    return interpolate(shares, values, p);
  }
  // R's qs(): pos = last k with cumw[k] <= p·Σw (the first value when there is none)
  const threshold = p * total;
  let pos = 0;
  for (let k = 0; k < m; k++) if (cumulative[k] <= threshold) pos = k;
  const next = pos === m - 1 ? pos : pos + 1;
  const below = p - cumulative[pos] / total;
  if (below !== 0) return values[next];
  return rule === 'math' ? values[pos] : (values[pos] + values[next]) / 2;
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
