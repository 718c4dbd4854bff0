import type { BannerInfo, CutCell, IndicatorResult, WaveResults } from '../../../analysis/wave-results-types.js';
import type { Lang } from '../../../report/format/lang.js';
import { html, type Html } from '../html.js';
import { base, count, moe, pct, trendCell } from './results-format.js';
import { RESULTS_PATHS } from './results-paths.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';

/** A theme's indicators: weighted %, margin of error, unweighted and effective bases, change, trend link. */
export function indicatorTable(lang: Lang, results: WaveResults, themeId: string, indicators: readonly IndicatorResult[]): Html {
  const theme = results.themes.find((t) => t.id === themeId)!;
  const study = results.study.id;
  const wave = results.wave.code;
  const previous = results.previousWave;
  const caption = t(lang, 'results.table.caption', { theme: labelIn(theme.label, lang), wave: results.wave.title });
  const head = {
    percent: t(lang, 'results.table.percent'),
    margin: t(lang, 'results.table.margin'),
    n: t(lang, 'results.table.n'),
    nEffective: t(lang, 'results.table.nEffective'),
    trend: previous ? t(lang, 'results.table.trend', { wave: previous.code }) : '',
    history: t(lang, 'results.table.history'),
  };
  return html`<div class="table-wrap" id="table-theme-${themeId}" tabindex="0" role="region" aria-label="${caption}">
<table class="results-table stack-64">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${t(lang, 'results.table.indicator')}</th>
    <th scope="col" class="number">${head.percent}</th>
    <th scope="col" class="number">${head.margin}</th>
    <th scope="col" class="number">${head.n}</th>
    <th scope="col" class="number">${head.nEffective}</th>
    ${previous ? html`<th scope="col" class="number">${head.trend}</th>` : null}
    <th scope="col">${head.history}</th>
  </tr></thead>
  <tbody>
  ${indicators.map(
    (i) => html`<tr>
    <th scope="row">${labelIn(i.label, lang)}</th>
    <td class="number" data-label="${head.percent}">${pct(i.estimate, lang)}</td>
    <td class="number" data-label="${head.margin}">${moe(i, lang)}</td>
    <td class="number" data-label="${head.n}">${count(i.n, lang)}</td>
    <td class="number" data-label="${head.nEffective}">${count(i.nEffective, lang)}</td>
    ${previous ? html`<td class="number" data-label="${head.trend}">${trendCell(i.trend, lang)}</td>` : null}
    <td data-label="${head.history}">${i.estimate === null ? null : html`<a class="trend-link" href="${RESULTS_PATHS.trend(lang, study, wave, i.id)}">${t(lang, 'results.table.trendLink')}<span class="visually-hidden"> : ${labelIn(i.label, lang)}</span></a>`}</td>
  </tr>`,
  )}
  </tbody>
</table>
<p class="table-note">${previous ? html`${t(lang, 'legend.trend', { wave: previous.code })} ` : null}${t(lang, 'legend.margin')} ${t(lang, 'legend.bases')}</p>
<p class="table-actions"><a class="csv-link" href="${RESULTS_PATHS.csv(lang, study, wave, `theme-${themeId}`)}" download>${t(lang, 'results.table.csv')}</a></p>
</div>`;
}

function cutValue(lang: Lang, cell: CutCell): Html {
  if (cell.suppressed) {
    return html`<span class="cell"><span class="suppressed" aria-hidden="true">–</span><span class="visually-hidden">${t(lang, 'results.cut.suppressed')}</span><span class="meta">${base(cell.n, lang)}</span></span>`;
  }
  const letters = cell.letters
    ? html` <span class="letters" aria-hidden="true">${cell.letters}</span><span class="visually-hidden"> (${t(lang, 'results.cut.higherThan', { letters: [...cell.letters].join(', ') })})</span>`
    : null;
  const low = cell.lowBase ? html`<span class="low-base" aria-hidden="true">*</span><span class="visually-hidden"> (${t(lang, 'results.cut.lowBase')})</span>` : null;
  return html`<span class="cell"><span class="value">${pct(cell.estimate, lang)}</span>${low}${letters}${meta(lang, cell, cell.n)}</span>`;
}

/** A cell's margin of error and base; each part stays on one line, the two wrap apart in a narrow column. */
const meta = (lang: Lang, figure: Parameters<typeof moe>[0], n: number): Html => html`<span class="meta"><span>${moe(figure, lang)}</span> · <span>${base(n, lang)}</span></span>`;

/**
 * Cut tables keep every column: up to 3 columns of the banner they are a table from 40 em, up to 5 from 64 em,
 * up to 8 from 72 em (a 1,366 px laptop); below that, and always past 8, one card per indicator.
 */
const cutLayout = (columns: number): string => (columns <= 3 ? 'stack-40' : columns <= 5 ? 'stack-64' : columns <= 8 ? 'stack-72' : 'stack-all');

/** A theme's indicators across the columns of a profile variable, with column letters and base marks. */
export function cutTable(lang: Lang, results: WaveResults, themeId: string, indicators: readonly IndicatorResult[], banner: BannerInfo): Html {
  const theme = results.themes.find((t) => t.id === themeId)!;
  const study = results.study.id;
  const wave = results.wave.code;
  const caption = t(lang, 'results.cut.caption', { theme: labelIn(theme.label, lang), banner: labelIn(banner.label, lang), wave: results.wave.title });
  const total = t(lang, 'results.cut.total');
  const columnLabels = banner.levels.map((level) => `${level.letter} · ${labelIn(level.label, lang)}`);
  return html`<div class="table-wrap" id="table-cut-${themeId}" tabindex="0" role="region" aria-label="${caption}">
<table class="results-table cut-table ${cutLayout(banner.levels.length)}">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${t(lang, 'results.table.indicator')}</th>
    <th scope="col" class="number">${total}</th>
    ${banner.levels.map((level) => html`<th scope="col" class="number"><span class="column-letter">${level.letter}</span> ${labelIn(level.label, lang)}</th>`)}
  </tr></thead>
  <tbody>
  ${indicators.map(
    (i) => html`<tr>
    <th scope="row">${labelIn(i.label, lang)}${i.estimate === null ? null : html` <a class="chart-link" href="${RESULTS_PATHS.chart(lang, study, wave, `cut-${banner.id}-${i.id}`, 'svg')}">${t(lang, 'results.chart.svg')}<span class="visually-hidden"> : ${labelIn(i.label, lang)}</span></a>`}</th>
    <td class="number" data-label="${total}"><span class="cell"><span class="value">${pct(i.estimate, lang)}</span>${meta(lang, i, i.n)}</span></td>
    ${(i.cuts[banner.id] ?? []).map((cell, k) => html`<td class="number${cell.lowBase ? ' is-low-base' : ''}" data-label="${columnLabels[k]}">${cutValue(lang, cell)}</td>`)}
  </tr>`,
  )}
  </tbody>
</table>
<p class="table-note">${t(lang, 'results.cut.legend', { low: results.settings.lowBase, suppress: results.settings.suppressBase })} ${t(lang, 'legend.margin')}</p>
<p class="table-actions"><a class="csv-link" href="${RESULTS_PATHS.csv(lang, study, wave, `cut-${banner.id}-${themeId}`)}" download>${t(lang, 'results.table.csv')}</a></p>
</div>`;
}
