import { formatNumber, MISSING } from './format-number.js';
import type { Lang } from './lang.js';
import { NUMBER_CONVENTIONS } from './number-conventions.js';

/**
 * Formats the half-width of a confidence interval on a proportion (0.028) in percentage points:
 * fr `± 2,8 pts`, en `± 2.8 pts`, de `± 2,8 Pp.`, es `± 2,8 p. p.`, with no-break spaces (U+00A0) so it never wraps.
 * @example formatMarginOfError(0.028, 'en') // '± 2.8 pts'
 */
export function formatMarginOfError(halfWidth: number, lang: Lang, digits = 1): string {
  if (!Number.isFinite(halfWidth)) return MISSING;
  return `±\u00A0${formatNumber(Math.abs(halfWidth) * 100, lang, digits)}\u00A0${NUMBER_CONVENTIONS[lang].points}`;
}
