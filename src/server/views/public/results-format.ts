import type { ResultTrend } from '../../../analysis/wave-results-types.js';
import { formatMarginOfError, formatNumber, formatPercent } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { html, type Html } from '../html.js';
import { t } from '../../../messages/index.js';

/** Half-width of an interval. */
export const halfWidth = (ci: readonly [number, number] | null) => (ci ? (ci[1] - ci[0]) / 2 : Number.NaN);
export const pct = (p: number | null, lang: Lang) => formatPercent(p ?? Number.NaN, lang);
export const moe = (ci: readonly [number, number] | null, lang: Lang) => formatMarginOfError(halfWidth(ci), lang);
export const count = (n: number | null, lang: Lang, digits = 0) => formatNumber(n ?? Number.NaN, lang, digits);
export const base = (n: number, lang: Lang) => `n\u00A0=\u00A0${formatNumber(n, lang)}`;

/** The change since the previous wave: an arrow only when significant, with its meaning spelled out. */
export function trendCell(trend: ResultTrend | null, lang: Lang): Html {
  if (!trend) return html`<span class="trend none">${t(lang, 'results.trend.none')}</span>`;
  const points = `${trend.difference >= 0 ? '+' : '−'}${formatNumber(Math.abs(trend.difference) * 100, lang, 0)}\u00A0pts`;
  if (!trend.significant) return html`<span class="trend stable">${points}<span class="visually-hidden"> (${t(lang, 'results.trend.stable')})</span></span>`;
  const up = trend.difference > 0;
  return html`<span class="trend ${up ? 'up' : 'down'}"><span aria-hidden="true">${up ? '▲' : '▼'} </span>${points}<span class="visually-hidden"> (${t(lang, up ? 'results.trend.up' : 'results.trend.down')})</span></span>`;
}
