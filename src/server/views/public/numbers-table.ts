import type { NumbersResult } from '../../../analysis/numbers-estimates.js';
import type { BannerInfo, WaveResults } from '../../../analysis/wave-results-types.js';
import type { Lang } from '../../../report/format/lang.js';
import { formatNumber } from '../../../report/format/index.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';
import { html, type Html } from '../html.js';
import { meanCutTable, type MeanFormat } from './mean-cut-table.js';
import { count } from './results-format.js';

/** An item's mean (one decimal) and its margin of error (`± 0,4`), in the language's typography. */
const mean = (value: number | null | undefined, lang: Lang) => formatNumber(value ?? Number.NaN, lang, 1);
const meanMargin = (ci: readonly [number, number] | null | undefined, lang: Lang) => (ci ? `±\u00A0${formatNumber((ci[1] - ci[0]) / 2, lang, 1)}` : '–');

/** The notes under a multiple numeric question's table: its unit and the total its items add up to, when set. */
function numbersNotes(lang: Lang, numbers: NumbersResult): string {
  const notes = [t(lang, 'results.numbers.legend')];
  if (numbers.unit) notes.push(t(lang, 'results.numbers.unit', { unit: labelIn(numbers.unit, lang) }));
  if (numbers.total !== null) notes.push(t(lang, 'results.numbers.total', { total: formatNumber(numbers.total, lang) }));
  return notes.join(' ');
}

/** A multiple numeric question's table: per item its weighted mean, margin of error, base n and effective base. */
export function numbersTable(lang: Lang, results: WaveResults, numbers: NumbersResult): Html {
  const caption = t(lang, 'results.numbers.caption', { question: labelIn(numbers.text, lang), wave: results.wave.title });
  const head = {
    mean: t(lang, 'results.numbers.mean'),
    margin: t(lang, 'results.table.margin'),
    n: t(lang, 'results.table.n'),
    nEffective: t(lang, 'results.table.nEffective'),
  };
  return html`<div class="table-wrap" id="table-numbers-${numbers.question}" tabindex="0" role="region" aria-label="${caption}">
<table class="results-table stack-64">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${t(lang, 'results.numbers.item')}</th>
    <th scope="col" class="number">${head.mean}</th>
    <th scope="col" class="number">${head.margin}</th>
    <th scope="col" class="number">${head.n}</th>
    <th scope="col" class="number">${head.nEffective}</th>
  </tr></thead>
  <tbody>
  ${numbers.items.map(
    (item) => html`<tr>
    <th scope="row">${labelIn(item.label, lang)}</th>
    <td class="number" data-label="${head.mean}">${mean(item.mean?.estimate, lang)}</td>
    <td class="number" data-label="${head.margin}">${meanMargin(item.mean?.ci, lang)}</td>
    <td class="number" data-label="${head.n}">${count(item.mean?.n ?? 0, lang)}</td>
    <td class="number" data-label="${head.nEffective}">${count(item.mean?.nEffective ?? null, lang)}</td>
  </tr>`,
  )}
  </tbody>
</table>
<p class="table-note">${numbersNotes(lang, numbers)}</p>
</div>`;
}

/** A multiple numeric question's item means across the columns of a cut, each with its margin of error and base. */
export function numbersCutTable(lang: Lang, results: WaveResults, numbers: NumbersResult, banner: BannerInfo): Html | null {
  if (numbers.items.some((item) => item.cuts[banner.id] === undefined)) return null;
  const format: MeanFormat = { value: (v) => mean(v, lang), margin: (f) => meanMargin(f.ci, lang) };
  return meanCutTable(
    lang,
    results,
    `table-numbers-cut-${numbers.question}`,
    t(lang, 'results.numbers.cutCaption', { question: labelIn(numbers.text, lang), banner: labelIn(banner.label, lang), wave: results.wave.title }),
    t(lang, 'results.numbers.item'),
    banner,
    numbers.items.map((item) => ({
      label: item.label,
      overall: { estimate: item.mean?.estimate ?? null, ci: item.mean?.ci ?? null, n: item.mean?.n ?? 0 },
      cells: item.cuts[banner.id]!,
    })),
    format,
  );
}

/** The dashboard's section of means of multiple numeric questions, when the study has any; with a cut chosen, each across its columns too. */
export function numbersSection(lang: Lang, results: WaveResults, banner: BannerInfo | null = null): Html | null {
  const list = results.numbers ?? [];
  if (list.length === 0) return null;
  return html`<section class="theme" id="numbers" aria-labelledby="numbers-title">
  <h2 id="numbers-title">${t(lang, 'results.numbers.title')}</h2>
  ${list.map((n) => html`${numbersTable(lang, results, n)}${banner ? numbersCutTable(lang, results, n, banner) : null}`)}
</section>`;
}
