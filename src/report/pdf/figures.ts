import type { ResultTrend } from '../../analysis/wave-results-types.js';
import { formatMarginOfError, formatNumber, formatPercent, type Lang } from '../format/index.js';

/**
 * The figures of the PDFs, formatted exactly as the dashboard prints them (same functions, same digits):
 * a weighted percentage without decimals, the margin of error in points with one decimal, bases as `n = …`.
 */
export const halfWidth = (ci: readonly [number, number] | null) => (ci ? (ci[1] - ci[0]) / 2 : Number.NaN);
export const pct = (p: number | null, lang: Lang) => formatPercent(p ?? Number.NaN, lang);
export const moe = (ci: readonly [number, number] | null, lang: Lang) => formatMarginOfError(halfWidth(ci), lang);
export const count = (n: number | null, lang: Lang, digits = 0) => formatNumber(n ?? Number.NaN, lang, digits);
export const base = (n: number, lang: Lang) => `n\u00A0=\u00A0${formatNumber(n, lang)}`;
export const interval = (ci: readonly [number, number] | null, lang: Lang) => (ci ? `${formatNumber(ci[0] * 100, lang, 1)}–${formatNumber(ci[1] * 100, lang, 1)}` : '–');
/** A change in points as the dashboard prints it: `+5 pts`, `−3 pts`. */
export const points = (difference: number, lang: Lang) => `${difference >= 0 ? '+' : '−'}${formatNumber(Math.abs(difference) * 100, lang, 0)}\u00A0pts`;
/** The change column of a table: an arrow only when significant. */
export const trendText = (trend: ResultTrend | null) => (lang: Lang) => {
  if (!trend) return '–';
  const text = points(trend.difference, lang);
  return trend.significant ? `${trend.difference > 0 ? '▲' : '▼'} ${text}` : text;
};
