import { formatMargin, formatNumber, formatPercent, frenchTypography, MISSING, type Lang } from '../format/index.js';
import { t } from '../../messages/index.js';
import type { DataTable, IndicatorDatum, Interval } from './chart-types.js';

/** Digits of the percentages and of the margins of error. */
export interface NumberDigits {
  readonly percentDigits: number;
  readonly marginDigits: number;
}

export const DEFAULT_DIGITS: NumberDigits = Object.freeze({ percentDigits: 0, marginDigits: 1 });

/** The digits asked in an input, the defaults otherwise. */
export function digitsOf(input: Partial<NumberDigits>): NumberDigits {
  return {
    percentDigits: input.percentDigits ?? DEFAULT_DIGITS.percentDigits,
    marginDigits: input.marginDigits ?? DEFAULT_DIGITS.marginDigits,
  };
}

/**
 * `65 % (± 3,0 pts)`, `99 % (−3,2 / +0,8 pt)` when the interval is not symmetric within rounding, the bare
 * percentage when the interval has no width (p = 0 or 1), or a dash when the estimate is missing.
 */
export function valueWithMargin(estimate: number, ci: Interval, lang: Lang, digits: NumberDigits): string {
  if (!Number.isFinite(estimate)) return MISSING;
  const margin = formatMargin(estimate, ci, lang, digits.marginDigits);
  const percent = formatPercent(estimate, lang, digits.percentDigits);
  return margin === MISSING ? percent : `${percent} (${margin})`;
}

/** `Mesurer le ROI : 65 % (± 3,0 pts)` with the colon spacing of the language. */
export function labelledValue(label: string, value: string, lang: Lang): string {
  return lang === 'fr' ? `${label}\u00A0: ${value}` : `${label}: ${value}`;
}

/** Joins the items of a text alternative: `a ; b.` in French, `a; b.` in English. */
export function joinItems(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'fr' ? '\u202F; ' : '; ');
}

/** Ends a sentence with a full stop unless it ends with punctuation already. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Applies French typography to a whole alternative text (idempotent, leaves English alone). */
export function typeset(text: string, lang: Lang): string {
  return lang === 'fr' ? frenchTypography(text) : text;
}

/** `base : 1 234 répondants` or `bases : de 812 à 1 234 répondants`. */
export function baseNote(ns: readonly number[], lang: Lang): string {
  const finite = ns.filter(Number.isFinite);
  if (finite.length === 0) return '';
  const [low, high] = [Math.min(...finite), Math.max(...finite)];
  return low === high ? t(lang, 'chart.baseNote', { base: formatNumber(low, lang) }) : t(lang, 'chart.basesNote', { low: formatNumber(low, lang), high: formatNumber(high, lang) });
}

/** The data table of a list of indicators: label, percentage, margin of error, interval, base. */
export function indicatorTable(caption: string, rows: readonly IndicatorDatum[], lang: Lang, digits: NumberDigits, firstColumn?: string): DataTable {
  const ciDigits = digits.percentDigits + 1;
  return {
    caption,
    columns: [
      { label: firstColumn ?? t(lang, 'chart.indicator'), align: 'left' },
      { label: t(lang, 'chart.percentage'), align: 'right' },
      { label: t(lang, 'chart.marginOfError'), align: 'right' },
      { label: t(lang, 'chart.confidenceInterval'), align: 'right' },
      { label: t(lang, 'chart.base'), align: 'right' },
    ],
    rows: rows.map((row) => {
      const available = Number.isFinite(row.estimate);
      return [
        row.label,
        formatPercent(row.estimate, lang, digits.percentDigits),
        available ? formatMargin(row.estimate, row.ci, lang, digits.marginDigits) : MISSING,
        available ? `${formatPercent(row.ci[0], lang, ciDigits)} – ${formatPercent(row.ci[1], lang, ciDigits)}` : MISSING,
        formatNumber(row.n, lang),
      ];
    }),
    notes: [],
  };
}

/** The first sentences of a text alternative: the title (with a qualifier such as "in descending order") and the subtitle. */
export function headline(input: { readonly title: string; readonly subtitle?: string }, qualifier?: string): string {
  const title = sentence(qualifier ? `${input.title}, ${qualifier}` : input.title);
  return input.subtitle && input.subtitle.trim() !== '' ? `${title} ${sentence(input.subtitle)}` : title;
}
