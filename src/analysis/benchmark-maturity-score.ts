import type { MaturityDimension } from '../study/index.js';

/** A respondent's code for a variable, or a negative number when missing. */
export type CodeOf = (variable: string) => number;

/**
 * The maturity score of one dimension, 0 to 100: the mean of the scores (0 to 1) of the dimension's
 * variables the respondent answered with a scored code, times 100. Variables not asked, unanswered or
 * answered with an unscored code (don't know) are left out; NaN when none is left.
 * Complexity O(variables × codes).
 * @example scoreDimension({ scoring: [{ variable: 'a', scores: [{ code: 1, score: 1 }] }] }, () => 1) // 100
 */
export function scoreDimension(dimension: Pick<MaturityDimension, 'scoring'>, codeOf: CodeOf): number {
  let sum = 0;
  let count = 0;
  for (const item of dimension.scoring) {
    const code = codeOf(item.variable);
    if (!(code >= 0)) continue;
    const scored = item.scores.find((s) => s.code === code);
    if (!scored) continue;
    sum += scored.score;
    count++;
  }
  return count === 0 ? Number.NaN : (100 * sum) / count;
}
