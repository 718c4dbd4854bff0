import { formatNumber, MISSING } from './format-number.js';
import type { Lang } from './lang.js';
import { NUMBER_CONVENTIONS } from './number-conventions.js';

/**
 * Formats a proportion (0.653) as a percentage: fr, de, es `65,3 %` (no-break space U+00A0 before %), en `65.3%`.
 * @example formatPercent(0.65, 'fr') // '65 %'
 */
export function formatPercent(p: number, lang: Lang, digits = 0): string {
  if (!Number.isFinite(p)) return MISSING;
  const number = formatNumber(p * 100, lang, digits);
  return `${number}${NUMBER_CONVENTIONS[lang].percentSpace}%`;
}
