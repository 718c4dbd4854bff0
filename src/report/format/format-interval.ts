import { formatNumber, MISSING, roundHalfAwayFromZero } from './format-number.js';
import { formatPercent } from './format-percent.js';
import type { Lang } from './lang.js';
import { NUMBER_CONVENTIONS } from './number-conventions.js';

const NBSP = '\u00A0';
/** the true minus sign (U+2212), not the hyphen */
export const MINUS = '\u2212';

/** An interval narrower than this (a proportion of 0 or 1 with no spread) is no interval at all. */
const DEGENERATE = 1e-9;

/** Whether the interval says something: both bounds known and apart. */
const informative = (ci: readonly [number, number] | null | undefined): ci is readonly [number, number] =>
  !!ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) && ci[1] - ci[0] > DEGENERATE;

/**
 * Whether two distances (in points) print the same to within one unit of the last printed digit: then the
 * half-width with ± misstates neither bound by more than the rounding does.
 */
export const symmetricWithinRounding = (below: number, above: number, digits: number) =>
  Math.abs(roundHalfAwayFromZero(below, digits) - roundHalfAwayFromZero(above, digits)) <= 10 ** -digits + 1e-9;

/**
 * Formats the margin of error of a proportion from its estimate and confidence interval, in percentage points:
 * `± 2,8 pts` when the interval is symmetric to within the printed precision (the two distances differ by at
 * most one unit of the last digit), else the distance to each bound,
 * `−3,5 / +1,2 pts` (true minus sign; logit, Wilson or Clopper–Pearson intervals near 0 or 1 are asymmetric).
 * A missing estimate or interval, or one of zero width (an estimate of 0 or 1 with no spread), gives a dash
 * rather than a fake `± 0,0`. No-break spaces throughout, so it never wraps.
 * @example formatMargin(0.932, [0.8875, 0.9596], 'fr') // '−4,5 / +2,8 pts'
 * @example formatMargin(0.5, [0.47, 0.53], 'en') // '± 3.0 pts'
 */
export function formatMargin(estimate: number | null, ci: readonly [number, number] | null | undefined, lang: Lang, digits = 1): string {
  if (estimate === null || !Number.isFinite(estimate) || !informative(ci)) return MISSING;
  const points = NUMBER_CONVENTIONS[lang].points;
  const below = Math.max(0, estimate - ci[0]) * 100,
    above = Math.max(0, ci[1] - estimate) * 100;
  if (symmetricWithinRounding(below, above, digits)) return `±${NBSP}${formatNumber((below + above) / 2, lang, digits)}${NBSP}${points}`;
  return `${MINUS}${formatNumber(below, lang, digits)}${NBSP}/${NBSP}+${formatNumber(above, lang, digits)}${NBSP}${points}`;
}

/**
 * Formats a confidence interval on a proportion as its two bounds: fr `[88,8 % ; 96,0 %]`, en `[88.8%; 96.0%]`,
 * joined by no-break spaces so it never wraps; a dash when missing or of zero width.
 * @example formatInterval([0.888, 0.96], 'en') // '[88.8%; 96.0%]'
 */
export function formatInterval(ci: readonly [number, number] | null | undefined, lang: Lang, digits = 1): string {
  if (!informative(ci)) return MISSING;
  return `[${formatPercent(ci[0], lang, digits)}${NUMBER_CONVENTIONS[lang].intervalSeparator}${formatPercent(ci[1], lang, digits)}]`;
}

/**
 * Formats a change in percentage points, rounded to `digits`: `+5 pts`, `−1 pt`, `0 pt` in French (the
 * singular for 0 and 1 there, for 1 alone in English), a true minus sign, no sign on a zero, no-break space.
 * @example formatPoints(-0.012, 'fr') // '−1 pt'
 * @example formatPoints(0.001, 'en') // '0 pts'
 */
export function formatPoints(difference: number, lang: Lang, digits = 0): string {
  if (!Number.isFinite(difference)) return MISSING;
  const text = formatNumber(Math.abs(difference) * 100, lang, digits);
  const value = Number(text.replace(/[^\d]/g, '')) / 10 ** digits;
  const sign = value === 0 ? '' : difference > 0 ? '+' : MINUS;
  const conventions = NUMBER_CONVENTIONS[lang];
  const unit = new Intl.PluralRules(lang).select(value) === 'one' ? conventions.point : conventions.points;
  return `${sign}${text}${NBSP}${unit}`;
}
