import type { CutMean } from '../../../analysis/cut-estimates.js';
import type { BannerInfo, WaveResults } from '../../../analysis/wave-results-types.js';
import type { Lang } from '../../../report/format/lang.js';
import { t } from '../../../messages/index.js';
import { labelIn, type Label } from '../../../study/index.js';
import { html, type Html } from '../html.js';
import { base } from './results-format.js';

/** A figure as a mean table prints it: its value and its margin of error, each already formatted. */
export interface MeanFormat {
  readonly value: (estimate: number | null) => string;
  readonly margin: (figure: { readonly estimate: number | null; readonly ci: readonly [number, number] | null }) => string;
}

/** One row of a table of means by cut: the overall figure, then one cell per column of the cut. */
export interface MeanCutRow {
  readonly label: Label;
  readonly overall: { readonly estimate: number | null; readonly ci: readonly [number, number] | null; readonly n: number };
  readonly cells: readonly CutMean[];
}

const meta = (lang: Lang, margin: string, n: number): Html => html`<span class="meta"><span>${margin}</span> · <span>${base(n, lang)}</span></span>`;

function cellValue(lang: Lang, cell: CutMean, format: MeanFormat): Html {
  if (cell.suppressed) {
    return html`<span class="cell"><span class="suppressed" aria-hidden="true">–</span><span class="visually-hidden">${t(lang, 'results.cut.suppressed')}</span><span class="meta">${base(cell.n, lang)}</span></span>`;
  }
  const low = cell.lowBase ? html`<span class="low-base" aria-hidden="true">*</span><span class="visually-hidden"> (${t(lang, 'results.cut.lowBase')})</span>` : null;
  return html`<span class="cell"><span class="value">${format.value(cell.estimate)}</span>${low}${meta(lang, format.margin(cell), cell.n)}</span>`;
}

/** Up to 3 columns a table from 40 em, up to 5 from 64 em, up to 8 from 72 em; else one card per row (as the cut tables of indicators). */
const layout = (columns: number): string => (columns <= 3 ? 'stack-40' : columns <= 5 ? 'stack-64' : columns <= 8 ? 'stack-72' : 'stack-all');

/**
 * A table of means (a mean rank, a share, an item's mean) across the columns of a cut: per row the overall
 * figure then each column's, each with its margin of error and base, low bases marked and small ones
 * suppressed as in the cut tables of indicators.
 */
export function meanCutTable(
  lang: Lang,
  results: WaveResults,
  id: string,
  caption: string,
  head: string,
  banner: BannerInfo,
  rows: readonly MeanCutRow[],
  format: MeanFormat,
): Html {
  const total = t(lang, 'results.cut.total');
  const columnLabels = banner.levels.map((level) => `${level.letter} · ${labelIn(level.label, lang)}`);
  return html`<div class="table-wrap" id="${id}" tabindex="0" role="region" aria-label="${caption}">
<table class="results-table cut-table ${layout(banner.levels.length)}">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${head}</th>
    <th scope="col" class="number">${total}</th>
    ${banner.levels.map((level) => html`<th scope="col" class="number"><span class="column-letter">${level.letter}</span> ${labelIn(level.label, lang)}</th>`)}
  </tr></thead>
  <tbody>
  ${rows.map(
    (row) => html`<tr>
    <th scope="row">${labelIn(row.label, lang)}</th>
    <td class="number" data-label="${total}"><span class="cell"><span class="value">${format.value(row.overall.estimate)}</span>${meta(lang, format.margin(row.overall), row.overall.n)}</span></td>
    ${row.cells.map((cell, k) => html`<td class="number${cell.lowBase ? ' is-low-base' : ''}" data-label="${columnLabels[k]}">${cellValue(lang, cell, format)}</td>`)}
  </tr>`,
  )}
  </tbody>
</table>
<p class="table-note">${t(lang, 'results.cut.meanLegend', { low: results.settings.lowBase, suppress: results.settings.suppressBase })}</p>
</div>`;
}
