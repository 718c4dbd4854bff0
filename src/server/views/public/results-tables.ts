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
  return html`<div class="table-wrap" id="table-theme-${themeId}" tabindex="0" role="region" aria-label="${caption}">
<table class="results-table">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${t(lang, 'results.table.indicator')}</th>
    <th scope="col" class="number">${t(lang, 'results.table.percent')}</th>
    <th scope="col" class="number">${t(lang, 'results.table.margin')}</th>
    <th scope="col" class="number">${t(lang, 'results.table.n')}</th>
    <th scope="col" class="number">${t(lang, 'results.table.nEffective')}</th>
    ${previous ? html`<th scope="col" class="number">${t(lang, 'results.table.trend', { wave: previous.code })}</th>` : null}
    <th scope="col">${t(lang, 'results.table.history')}</th>
  </tr></thead>
  <tbody>
  ${indicators.map(
    (i) => html`<tr>
    <th scope="row">${labelIn(i.label, lang)}</th>
    <td class="number">${pct(i.estimate, lang)}</td>
    <td class="number">${moe(i, lang)}</td>
    <td class="number">${count(i.n, lang)}</td>
    <td class="number">${count(i.nEffective, lang)}</td>
    ${previous ? html`<td class="number">${trendCell(i.trend, lang)}</td>` : null}
    <td>${i.estimate === null ? null : html`<a class="trend-link" href="${RESULTS_PATHS.trend(lang, study, wave, i.id)}">${t(lang, 'results.table.trendLink')}<span class="visually-hidden"> : ${labelIn(i.label, lang)}</span></a>`}</td>
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
    return html`<span class="suppressed" aria-hidden="true">–</span><span class="visually-hidden">${t(lang, 'results.cut.suppressed')}</span><span class="meta">${base(cell.n, lang)}</span>`;
  }
  const letters = cell.letters
    ? html` <span class="letters" aria-hidden="true">${cell.letters}</span><span class="visually-hidden"> (${t(lang, 'results.cut.higherThan', { letters: [...cell.letters].join(', ') })})</span>`
    : null;
  const low = cell.lowBase ? html`<span class="low-base" aria-hidden="true">*</span><span class="visually-hidden"> (${t(lang, 'results.cut.lowBase')})</span>` : null;
  return html`<span class="value">${pct(cell.estimate, lang)}</span>${low}${letters}<span class="meta">${moe(cell, lang)} · ${base(cell.n, lang)}</span>`;
}

/** A theme's indicators across the columns of a profile variable, with column letters and base marks. */
export function cutTable(lang: Lang, results: WaveResults, themeId: string, indicators: readonly IndicatorResult[], banner: BannerInfo): Html {
  const theme = results.themes.find((t) => t.id === themeId)!;
  const study = results.study.id;
  const wave = results.wave.code;
  const caption = t(lang, 'results.cut.caption', { theme: labelIn(theme.label, lang), banner: labelIn(banner.label, lang), wave: results.wave.title });
  return html`<div class="table-wrap" id="table-cut-${themeId}" tabindex="0" role="region" aria-label="${caption}">
<table class="results-table cut-table">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${t(lang, 'results.table.indicator')}</th>
    <th scope="col" class="number">${t(lang, 'results.cut.total')}</th>
    ${banner.levels.map((level) => html`<th scope="col" class="number"><span class="column-letter">${level.letter}</span> ${labelIn(level.label, lang)}</th>`)}
  </tr></thead>
  <tbody>
  ${indicators.map(
    (i) => html`<tr>
    <th scope="row">${labelIn(i.label, lang)}${i.estimate === null ? null : html` <a class="chart-link" href="${RESULTS_PATHS.chart(lang, study, wave, `cut-${banner.id}-${i.id}`, 'svg')}">${t(lang, 'results.chart.svg')}<span class="visually-hidden"> : ${labelIn(i.label, lang)}</span></a>`}</th>
    <td class="number"><span class="value">${pct(i.estimate, lang)}</span><span class="meta">${moe(i, lang)} · ${base(i.n, lang)}</span></td>
    ${(i.cuts[banner.id] ?? []).map((cell) => html`<td class="number${cell.lowBase ? ' is-low-base' : ''}">${cutValue(lang, cell)}</td>`)}
  </tr>`,
  )}
  </tbody>
</table>
<p class="table-note">${t(lang, 'results.cut.legend', { low: results.settings.lowBase, suppress: results.settings.suppressBase })} ${t(lang, 'legend.margin')}</p>
<p class="table-actions"><a class="csv-link" href="${RESULTS_PATHS.csv(lang, study, wave, `cut-${banner.id}-${themeId}`)}" download>${t(lang, 'results.table.csv')}</a></p>
</div>`;
}
