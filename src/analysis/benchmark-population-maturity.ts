import type { MaturityDimension } from '../study/index.js';
import { scoreDimension } from './benchmark-maturity-score.js';

/** Columns of a published wave as the benchmark needs them: codes by variable, one row per respondent. */
export interface MaturityColumns {
  readonly n: number;
  readonly categories: ReadonlyMap<string, Int16Array>;
  readonly weights: Float64Array;
}

/**
 * The weighted mean maturity score (0 to 100) of each dimension over the rows `include` keeps (all rows by
 * default): each respondent's dimension score (see scoreDimension), weighted by their raking weight;
 * respondents without a score in a dimension are left out of its mean. NaN when nobody is left.
 * Complexity O(n × dimensions × variables).
 */
export function populationMaturity(dimensions: readonly Pick<MaturityDimension, 'scoring'>[], columns: MaturityColumns, include: (row: number) => boolean = () => true): number[] {
  return dimensions.map((dimension) => {
    const codes = new Map(dimension.scoring.map((s) => [s.variable, columns.categories.get(s.variable)]));
    let sum = 0;
    let total = 0;
    for (let row = 0; row < columns.n; row++) {
      if (!include(row)) continue;
      const score = scoreDimension(dimension, (variable) => codes.get(variable)?.[row] ?? -1);
      if (Number.isNaN(score)) continue;
      sum += columns.weights[row] * score;
      total += columns.weights[row];
    }
    return total > 0 ? sum / total : Number.NaN;
  });
}
