import { categoricalOf } from './dataset.js';
import type { SurveyDesign } from './design.js';
import { differenceTest, type DifferenceTest } from './difference-test.js';
import { StatsError } from './stats-error.js';
import { linearizedCovariance } from './variance.js';

export interface DomainDifference extends DifferenceTest {
  readonly domains: readonly [string, string];
  readonly estimates: readonly [number, number];
  /** design variances of the two domain estimates */
  readonly variances: readonly [number, number];
  /** design covariance of the two domain estimates */
  readonly covariance: number;
}

/**
 * Difference between two domains of one wave in the share of respondents whose `variable` is one of the
 * `yes` levels (among respondents with a value), with the covariance of the two estimates (they share the
 * weighting, strata and clusters): se = √(v_a + v_b − 2c_ab).
 * Reference: R `svycontrast(svyby(~I(variable %in% yes), ~by, design, svymean, covmat = TRUE), c(1, -1))`.
 * Complexity O(n).
 * @throws StatsError UNKNOWN_COLUMN, NOT_CATEGORICAL, UNKNOWN_LEVEL, EMPTY_SAMPLE (a domain without respondent).
 * @example domainDifference(design, 'awards', ['Yes'], 'stype', 'E', 'H')
 * // { kind: 'difference', domains: ['E', 'H'], estimates: [0.77, 0.43], difference: 0.34, se: 0.15, p: 0.02, ... }
 */
export function domainDifference(
  design: SurveyDesign,
  variable: string,
  yes: readonly string[],
  by: string,
  a: string,
  b: string,
  options: { alpha?: number; df?: number } = {},
): DomainDifference {
  const column = categoricalOf(design.dataset, variable, 'domainDifference');
  const byColumn = categoricalOf(design.dataset, by, 'domainDifference');
  const isYes = new Uint8Array(column.levels.length);
  for (const level of yes) {
    const l = column.levels.indexOf(level);
    if (l < 0) throw new StatsError('UNKNOWN_LEVEL', `domainDifference: column "${variable}" has no level "${level}"`);
    isYes[l] = 1;
  }
  const domains = [a, b].map((name) => {
    const l = byColumn.levels.indexOf(name);
    if (l < 0) throw new StatsError('UNKNOWN_LEVEL', `domainDifference: column "${by}" has no level "${name}"`);
    return l;
  });
  const w = design.weights;
  const xs = domains.map((level, d) => {
    let sw = 0,
      swy = 0;
    for (let i = 0; i < design.n; i++) {
      const c = column.codes[i];
      if (c < 0 || byColumn.codes[i] !== level) continue;
      sw += w[i];
      swy += w[i] * isYes[c];
    }
    if (sw === 0) throw new StatsError('EMPTY_SAMPLE', `domainDifference: domain "${[a, b][d]}" of "${by}" has no respondent to "${variable}"`);
    const p = swy / sw;
    const x = new Float64Array(design.n);
    for (let i = 0; i < design.n; i++) {
      const c = column.codes[i];
      if (c < 0 || byColumn.codes[i] !== level) continue;
      x[i] = (w[i] * (isYes[c] - p)) / sw;
    }
    return { p, x };
  });
  const v = linearizedCovariance(design, [xs[0].x, xs[1].x]);
  const test = differenceTest(xs[0].p, xs[1].p, v[0], v[3], v[1], options);
  return Object.freeze({
    ...test,
    domains: Object.freeze([a, b] as [string, string]),
    estimates: Object.freeze([xs[0].p, xs[1].p] as [number, number]),
    variances: Object.freeze([v[0], v[3]] as [number, number]),
    covariance: v[1],
  });
}
