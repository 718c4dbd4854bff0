import type { WaveResults } from '../../analysis/wave-results-types.js';
import type { Lang } from '../format/index.js';
import { count, moe, pct } from './figures.js';
import type { PdfFlow } from './pdf-flow.js';
import { tableLegend } from './white-paper-chapters.js';
import { drawMeansByCut, type CutMeanFormat } from './white-paper-cut-means.js';
import { type MessageKey, t } from '../../messages/index.js';
import { labelIn } from '../../study/index.js';

const rank = (value: number | undefined, lang: Lang) => count(value ?? null, lang, 2);
const rankMargin = (ci: readonly [number, number] | undefined, lang: Lang) => (ci ? `±\u00A0${count((ci[1] - ci[0]) / 2, lang, 2)}` : '–');

/**
 * The rankings chapter, when the study has ranking questions: per question a table of each option's mean
 * rank (among those who ranked it) and share ranked first (among those who answered), with margins and bases;
 * then both across each cut (results computed before rankings were split by cut have none).
 */
export function drawRankings(flow: PdfFlow, results: WaveResults, lang: Lang): void {
  const rankings = results.rankings ?? [];
  if (rankings.length === 0) return;
  flow.chapter(t(lang, 'results.ranking.title'), 'rankings');
  for (const ranking of rankings) {
    flow.table(
      [
        { label: t(lang, 'results.ranking.option') },
        { label: t(lang, 'results.ranking.meanRank'), align: 'right' },
        { label: t(lang, 'pdf.table.margin'), align: 'right' },
        { label: t(lang, 'results.ranking.first'), align: 'right' },
        { label: t(lang, 'pdf.table.margin'), align: 'right' },
        { label: t(lang, 'results.ranking.n'), align: 'right' },
      ],
      ranking.options.map((o) => [
        labelIn(o.label, lang),
        rank(o.meanRank?.estimate, lang),
        rankMargin(o.meanRank?.ci, lang),
        pct(o.first?.estimate ?? null, lang),
        moe({ estimate: o.first?.estimate ?? null, ci: o.first?.ci ?? null }, lang),
        `${count(o.meanRank?.n ?? 0, lang)} / ${count(ranking.n, lang)}`,
      ]),
      {
        caption: t(lang, 'results.ranking.caption', { question: labelIn(ranking.text, lang), wave: results.wave.title }),
        note: tableLegend(lang, ['legend.margin', 'legend.bases']),
      },
    );
    for (const banner of results.banners) {
      if (ranking.options.some((o) => o.cuts?.[banner.id] === undefined)) continue;
      const params = { question: labelIn(ranking.text, lang), banner: labelIn(banner.label, lang), wave: results.wave.title };
      const head = t(lang, 'results.ranking.option');
      // mean rank, then share ranked first: one table each across the cut's columns
      const figures: readonly { caption: MessageKey; of: 'meanRank' | 'first'; format: CutMeanFormat }[] = [
        { caption: 'results.ranking.cutCaption', of: 'meanRank', format: { value: (v) => rank(v ?? undefined, lang), margin: (f) => rankMargin(f.ci ?? undefined, lang) } },
        { caption: 'results.ranking.cutFirstCaption', of: 'first', format: { value: (v) => pct(v, lang), margin: (f) => moe(f, lang) } },
      ];
      for (const figure of figures)
        drawMeansByCut(
          flow,
          results,
          lang,
          banner,
          t(lang, figure.caption, params),
          head,
          ranking.options.map((o) => {
            const overall = o[figure.of];
            return { label: o.label, overall: { estimate: overall?.estimate ?? null, ci: overall?.ci ?? null, n: overall?.n ?? 0 }, cells: o.cuts![banner.id]![figure.of] };
          }),
          figure.format,
        );
    }
  }
}
