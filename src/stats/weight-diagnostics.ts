import { StatsError } from './stats-error.js';

export interface WeightDiagnostics {
  readonly kind: 'weightDiagnostics';
  readonly n: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** coefficient of variation of the weights (population sd / mean) */
  readonly cv: number;
  /** Kish design effect due to weighting: n·Σw²/(Σw)² = 1 + cv² */
  readonly kishDeff: number;
  /** Kish effective sample size (Σw)²/Σw² = n / kishDeff */
  readonly effectiveSampleSize: number;
  /** weighting efficiency: effectiveSampleSize / n, in (0, 1] */
  readonly efficiency: number;
}

/**
 * Summary of a set of weights: minimum, maximum, Kish design effect n·Σw²/(Σw)², effective sample size
 * (Σw)²/Σw² and weighting efficiency (effective size over n), over the rows of positive weight (a zero
 * weight leaves its row out, as it leaves it out of every estimate).
 * Reference: Kish (1965), Survey Sampling §11.7; Kish (1992), J. Official Statistics 8:183-200.
 * Complexity O(n).
 * @throws StatsError EMPTY_SAMPLE when there is no positive weight.
 * @example weightDiagnostics(Float64Array.of(1, 1, 2))
 * // { kind: 'weightDiagnostics', n: 3, sum: 4, min: 1, max: 2, kishDeff: 1.125, effectiveSampleSize: 2.6666666666666665, efficiency: 0.8888888888888888, ... }
 */
export function weightDiagnostics(weights: Float64Array): WeightDiagnostics {
  let n = 0,
    sum = 0,
    sum2 = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w === 0) continue;
    n++;
    sum += w;
    sum2 += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  if (n === 0) throw new StatsError('EMPTY_SAMPLE', 'weightDiagnostics: no positive weight');
  const kishDeff = (n * sum2) / (sum * sum);
  const effectiveSampleSize = (sum * sum) / sum2;
  return Object.freeze({
    kind: 'weightDiagnostics',
    n,
    sum,
    min,
    max,
    mean: sum / n,
    cv: Math.sqrt(Math.max(0, kishDeff - 1)),
    kishDeff,
    effectiveSampleSize,
    efficiency: effectiveSampleSize / n,
  });
}
