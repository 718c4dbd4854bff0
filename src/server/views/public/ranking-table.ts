import type { RankingResult } from '../../../analysis/ranking-estimates.js';
import type { BannerInfo, WaveResults } from '../../../analysis/wave-results-types.js';
import type { Lang } from '../../../report/format/lang.js';
import { formatNumber } from '../../../report/format/index.js';
import { t } from '../../../messages/index.js';
import { labelIn } from '../../../study/index.js';
import { html, type Html } from '../html.js';
import { count, moe, pct } from './results-format.js';
import { meanCutTable, type MeanFormat } from './mean-cut-table.js';

/** A mean rank (two decimals) and its margin of error (`± 0,12`). */
const rank = (value: number | undefined, lang: Lang) => formatNumber(value ?? Number.NaN, lang, 2);
const rankMargin = (ci: readonly [number, number] | undefined, lang: Lang) => (ci ? `±\u00A0${formatNumber((ci[1] - ci[0]) / 2, lang, 2)}` : '–');

/**
 * A ranking question's table: per option its mean rank among those who ranked it and the share who ranked it
 * first among those who answered, each with its margin of error, and the bases.
 */
export function rankingTable(lang: Lang, results: WaveResults, ranking: RankingResult): Html {
  const caption = t(lang, 'results.ranking.caption', { question: labelIn(ranking.text, lang), wave: results.wave.title });
  const head = {
    meanRank: t(lang, 'results.ranking.meanRank'),
    margin: t(lang, 'results.table.margin'),
    first: t(lang, 'results.ranking.first'),
    n: t(lang, 'results.ranking.n'),
  };
  return html`<div class="table-wrap" id="table-ranking-${ranking.question}" tabindex="0" role="region" aria-label="${caption}">
<table class="results-table stack-64">
  <caption>${caption}</caption>
  <thead><tr>
    <th scope="col">${t(lang, 'results.ranking.option')}</th>
    <th scope="col" class="number">${head.meanRank}</th>
    <th scope="col" class="number">${head.margin}</th>
    <th scope="col" class="number">${head.first}</th>
    <th scope="col" class="number">${head.margin}</th>
    <th scope="col" class="number">${head.n}</th>
  </tr></thead>
  <tbody>
  ${ranking.options.map(
    (o) => html`<tr>
    <th scope="row">${labelIn(o.label, lang)}</th>
    <td class="number" data-label="${head.meanRank}">${rank(o.meanRank?.estimate, lang)}</td>
    <td class="number" data-label="${head.margin}">${rankMargin(o.meanRank?.ci, lang)}</td>
    <td class="number" data-label="${head.first}">${pct(o.first?.estimate ?? null, lang)}</td>
    <td class="number" data-label="${head.margin}">${moe({ estimate: o.first?.estimate ?? null, ci: o.first?.ci ?? null }, lang)}</td>
    <td class="number" data-label="${head.n}">${count(o.meanRank?.n ?? 0, lang)} / ${count(ranking.n, lang)}</td>
  </tr>`,
  )}
  </tbody>
</table>
</div>`;
}

/**
 * A ranking question across the columns of a cut: one table of the mean ranks, one of the shares ranked first,
 * each figure with its margin of error and base. Nothing for results computed before rankings were split by cut.
 */
export function rankingCutTables(lang: Lang, results: WaveResults, ranking: RankingResult, banner: BannerInfo): Html | null {
  if (ranking.options.some((o) => o.cuts?.[banner.id] === undefined)) return null;
  const question = labelIn(ranking.text, lang);
  const params = { question, banner: labelIn(banner.label, lang), wave: results.wave.title };
  const meanRank: MeanFormat = { value: (v) => rank(v ?? undefined, lang), margin: (f) => rankMargin(f.ci ?? undefined, lang) };
  const share: MeanFormat = { value: (v) => pct(v, lang), margin: (f) => moe(f, lang) };
  const head = t(lang, 'results.ranking.option');
  return html`${meanCutTable(
    lang,
    results,
    `table-ranking-cut-${ranking.question}`,
    t(lang, 'results.ranking.cutCaption', params),
    head,
    banner,
    ranking.options.map((o) => ({
      label: o.label,
      overall: { estimate: o.meanRank?.estimate ?? null, ci: o.meanRank?.ci ?? null, n: o.meanRank?.n ?? 0 },
      cells: o.cuts![banner.id]!.meanRank,
    })),
    meanRank,
  )}
${meanCutTable(
  lang,
  results,
  `table-ranking-first-cut-${ranking.question}`,
  t(lang, 'results.ranking.cutFirstCaption', params),
  head,
  banner,
  ranking.options.map((o) => ({
    label: o.label,
    overall: { estimate: o.first?.estimate ?? null, ci: o.first?.ci ?? null, n: o.first?.n ?? 0 },
    cells: o.cuts![banner.id]!.first,
  })),
  share,
)}`;
}

/** The dashboard's section of rankings, when the study has any; with a cut chosen, each ranking across its columns too. */
export function rankingSection(lang: Lang, results: WaveResults, banner: BannerInfo | null = null): Html | null {
  const rankings = results.rankings ?? [];
  if (rankings.length === 0) return null;
  return html`<section class="theme" id="rankings" aria-labelledby="rankings-title">
  <h2 id="rankings-title">${t(lang, 'results.ranking.title')}</h2>
  ${rankings.map((r) => html`${rankingTable(lang, results, r)}${banner ? rankingCutTables(lang, results, r, banner) : null}`)}
</section>`;
}
