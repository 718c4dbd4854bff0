import type { ResultTrend } from '../../analysis/wave-results-types.js';
import { formatInterval, formatMargin, formatNumber, formatPercent, formatPoints, type Lang } from '../format/index.js';

/** Anything with an estimate and its confidence interval (an indicator, a cut cell, a benchmark figure). */
export interface Estimated {
  readonly estimate: number | null;
  readonly ci: readonly [number, number] | null;
}

/**
 * The figures of the PDFs, formatted exactly as the dashboard prints them (same functions, same digits):
 * a weighted percentage without decimals, the margin of error in points with one decimal (`± 2,8 pts`, or
 * `−3,5 / +1,2 pts` when the interval is asymmetric, a dash when it has no width), bases as `n = …`.
 */
export const pct = (p: number | null, lang: Lang) => formatPercent(p ?? Number.NaN, lang);
export const moe = (figure: Estimated, lang: Lang) => formatMargin(figure.estimate, figure.ci, lang);
export const count = (n: number | null, lang: Lang, digits = 0) => formatNumber(n ?? Number.NaN, lang, digits);
export const base = (n: number, lang: Lang) => `n\u00A0=\u00A0${formatNumber(n, lang)}`;
export const interval = (ci: readonly [number, number] | null, lang: Lang) => formatInterval(ci, lang);
/** A change in points as the dashboard prints it: `+5 pts`, `−3 pts`, `0 pt`. */
export const points = (difference: number, lang: Lang) => formatPoints(difference, lang);
/** The change column of a table: an arrow only when significant. */
export const trendText = (trend: ResultTrend | null) => (lang: Lang) => {
  if (!trend) return '–';
  const text = points(trend.difference, lang);
  return trend.significant ? `${trend.difference > 0 ? '▲' : '▼'}\u00A0${text}` : text;
};
