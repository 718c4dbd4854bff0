import type { ResultTrend } from '../../../analysis/wave-results-types.js';
import { formatMargin, formatNumber, formatPercent, formatPoints } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { html, type Html } from '../html.js';
import { t } from '../../../messages/index.js';

export const pct = (p: number | null, lang: Lang) => formatPercent(p ?? Number.NaN, lang);
/** The margin of error: `± 2,8 pts`, `−3,5 / +1,2 pts` when the interval is asymmetric, a dash when it has no width. */
export const moe = (figure: { readonly estimate: number | null; readonly ci: readonly [number, number] | null }, lang: Lang) => formatMargin(figure.estimate, figure.ci, lang);
export const count = (n: number | null, lang: Lang, digits = 0) => formatNumber(n ?? Number.NaN, lang, digits);
export const base = (n: number, lang: Lang) => `n\u00A0=\u00A0${formatNumber(n, lang)}`;

/** The change since the previous wave: an arrow only when significant, with its meaning spelled out. */
export function trendCell(trend: ResultTrend | null, lang: Lang): Html {
  if (!trend) return html`<span class="trend none">${t(lang, 'results.trend.none')}</span>`;
  const points = formatPoints(trend.difference, lang);
  if (!trend.significant) return html`<span class="trend stable">${points}<span class="visually-hidden"> (${t(lang, 'results.trend.stable')})</span></span>`;
  const up = trend.difference > 0;
  return html`<span class="trend ${up ? 'up' : 'down'}"><span aria-hidden="true">${up ? '▲' : '▼'} </span>${points}<span class="visually-hidden"> (${t(lang, up ? 'results.trend.up' : 'results.trend.down')})</span></span>`;
}
