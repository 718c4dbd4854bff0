import { StatsError } from './stats-error.js';

export interface TrimOptions {
  /** smallest weight allowed (default 0: no lower bound) */
  readonly lower?: number;
  /** largest weight allowed (default Infinity) */
  readonly upper?: number;
  /** iteration cap (default 100) */
  readonly maxIterations?: number;
}

export interface TrimmingResult {
  readonly kind: 'trimming';
  readonly weights: Float64Array;
  /** units held at a bound */
  readonly trimmed: number;
  readonly iterations: number;
}

/**
 * Weight trimming: weights above `upper` are set to `upper`, below `lower` to `lower`, and the difference is
 * redistributed over the other units in proportion to their weights so the total is kept; iterated until no
 * free weight crosses a bound (a unit once held stays at its bound).
 * Reference: R survey `trimWeights(design, upper, lower, strict = TRUE)`; Potter (1990).
 * Complexity O(n·iterations).
 * @throws StatsError INVALID_ARGUMENT (lower > upper, or bounds that cannot hold the total: n·upper < Σw or
 *   n·lower > Σw), NEGATIVE_WEIGHT, NOT_CONVERGED.
 * @example trimWeights(Float64Array.of(1, 1, 1, 5), { upper: 3 })
 * // { kind: 'trimming', weights: Float64Array [1.6667, 1.6667, 1.6667, 3], trimmed: 1, iterations: 2 }
 */
export function trimWeights(weights: Float64Array, options: TrimOptions): TrimmingResult {
  const lower = options.lower ?? 0;
  const upper = options.upper ?? Infinity;
  const maxIterations = options.maxIterations ?? 100;
  const n = weights.length;
  if (!(lower <= upper)) throw new StatsError('INVALID_ARGUMENT', `trimWeights: lower bound ${lower} exceeds upper bound ${upper}`);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i] < 0) throw new StatsError('NEGATIVE_WEIGHT', `trimWeights: weight ${weights[i]} at row ${i + 1} is negative`, i);
    total += weights[i];
  }
  if (n * upper < total * (1 - 1e-12) || n * lower > total * (1 + 1e-12)) {
    throw new StatsError('INVALID_ARGUMENT', `trimWeights: bounds [${lower}, ${upper}] cannot hold a total of ${total} over ${n} units`);
  }
  const w = Float64Array.from(weights);
  const held = new Uint8Array(n);
  let iterations = 0;
  for (;;) {
    let changed = false;
    let heldSum = 0,
      freeSum = 0;
    for (let i = 0; i < n; i++) {
      if (!held[i]) {
        if (w[i] > upper) {
          w[i] = upper;
          held[i] = 1;
          changed = true;
        } else if (w[i] < lower) {
          w[i] = lower;
          held[i] = 1;
          changed = true;
        }
      }
      if (held[i]) heldSum += w[i];
      else freeSum += w[i];
    }
    if (!changed) break;
    iterations++;
    if (iterations > maxIterations) throw new StatsError('NOT_CONVERGED', `trimWeights: bounds still crossed after ${maxIterations} iterations`);
    if (freeSum > 0) {
      const factor = (total - heldSum) / freeSum;
      for (let i = 0; i < n; i++) if (!held[i]) w[i] *= factor;
    }
  }
  let trimmed = 0;
  for (let i = 0; i < n; i++) trimmed += held[i];
  return Object.freeze({ kind: 'trimming', weights: w, trimmed, iterations });
}
