import type { IndicatorResult, WaveResults } from '../../../analysis/wave-results-types.js';
import type { Chart } from '../../../report/charts/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { html, type Html } from '../html.js';
import { chartFigure } from './chart-figure.js';
import { base, moe, pct } from './results-format.js';
import { RESULTS_PATHS } from './results-paths.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';

/** One indicator across the published waves: the line chart and its data table. */
export function trendView(lang: Lang, results: WaveResults, indicator: IndicatorResult, chart: Chart, site?: string): Html {
  const study = results.study.id;
  const wave = results.wave.code;
  const id = `trend-${indicator.id}`;
  const rows = [
    ...indicator.history.map((h) => ({ title: h.title, estimate: h.estimate, ci: h.ci, n: h.n, significant: h.significant })),
    { title: results.wave.title, estimate: indicator.estimate, ci: indicator.ci, n: indicator.n, significant: indicator.trend?.significant ?? false },
  ];
  const head = {
    percent: t(lang, 'results.table.percent'),
    margin: t(lang, 'results.table.margin'),
    n: t(lang, 'results.table.n'),
    change: t(lang, 'results.trendPage.change'),
  };
  return html`<article class="trend-page">
<h1>${t(lang, 'results.trendPage.title', { indicator: labelIn(indicator.label, lang) })}</h1>
<p><a href="${RESULTS_PATHS.dashboard(lang, study, { wave })}">${t(lang, 'results.trendPage.back', { wave: results.wave.title })}</a></p>
${chartFigure(lang, study, wave, id, chart, `table-${id}`, site)}
<div class="table-wrap" id="table-${id}" tabindex="0" role="region" aria-label="${t(lang, 'results.trendPage.caption', { indicator: labelIn(indicator.label, lang) })}">
<table class="results-table stack-40">
  <caption>${t(lang, 'results.trendPage.caption', { indicator: labelIn(indicator.label, lang) })}</caption>
  <thead><tr><th scope="col">${t(lang, 'results.trendPage.wave')}</th><th scope="col" class="number">${head.percent}</th>
    <th scope="col" class="number">${head.margin}</th><th scope="col" class="number">${head.n}</th>
    <th scope="col">${head.change}</th></tr></thead>
  <tbody>${rows.map(
    (r, k) => html`<tr><th scope="row">${r.title}</th><td class="number" data-label="${head.percent}">${pct(r.estimate, lang)}</td>
    <td class="number" data-label="${head.margin}">${moe(r, lang)}</td><td class="number" data-label="${head.n}">${base(r.n, lang)}</td>
    <td data-label="${head.change}">${k === 0 ? t(lang, 'results.trend.none') : r.significant ? t(lang, (r.estimate ?? 0) > (rows[k - 1].estimate ?? 0) ? 'results.trend.up' : 'results.trend.down') : t(lang, 'results.trend.stable')}</td></tr>`,
  )}</tbody>
</table>
<p class="table-actions"><a class="csv-link" href="${RESULTS_PATHS.csv(lang, study, wave, id)}" download>${t(lang, 'results.table.csv')}</a></p>
</div>
</article>`;
}
