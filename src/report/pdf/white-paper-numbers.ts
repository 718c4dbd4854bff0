import type { WaveResults } from '../../analysis/wave-results-types.js';
import type { Lang } from '../format/index.js';
import { count } from './figures.js';
import { drawMeansByCut } from './white-paper-cut-means.js';
import type { PdfFlow } from './pdf-flow.js';
import { t } from '../../messages/index.js';
import { labelIn } from '../../study/index.js';

/** An item's mean and its margin of error as the dashboard prints them (one decimal, `± 0,4`). */
const mean = (value: number | undefined, lang: Lang) => count(value ?? null, lang, 1);
const meanMargin = (ci: readonly [number, number] | undefined, lang: Lang) => (ci ? `±\u00A0${count((ci[1] - ci[0]) / 2, lang, 1)}` : '–');

/**
 * The means chapter, when the study has multiple numeric questions: per question a table of each item's
 * weighted mean among those who gave it a value, with its margin of error, base and effective base, and a
 * note naming the question's unit and the total its items add up to; then the items across each cut.
 */
export function drawNumbers(flow: PdfFlow, results: WaveResults, lang: Lang): void {
  const list = results.numbers ?? [];
  if (list.length === 0) return;
  flow.chapter(t(lang, 'results.numbers.title'), 'numbers');
  for (const numbers of list) {
    const notes = [t(lang, 'results.numbers.legend')];
    if (numbers.unit) notes.push(t(lang, 'results.numbers.unit', { unit: labelIn(numbers.unit, lang) }));
    if (numbers.total !== null) notes.push(t(lang, 'results.numbers.total', { total: count(numbers.total, lang) }));
    flow.table(
      [
        { label: t(lang, 'results.numbers.item') },
        { label: t(lang, 'results.numbers.mean'), align: 'right' },
        { label: t(lang, 'pdf.table.margin'), align: 'right' },
        { label: t(lang, 'results.table.n'), align: 'right' },
        { label: t(lang, 'results.table.nEffective'), align: 'right' },
      ],
      numbers.items.map((item) => [
        labelIn(item.label, lang),
        mean(item.mean?.estimate, lang),
        meanMargin(item.mean?.ci, lang),
        count(item.mean?.n ?? 0, lang),
        count(item.mean?.nEffective ?? null, lang),
      ]),
      {
        caption: t(lang, 'results.numbers.caption', { question: labelIn(numbers.text, lang), wave: results.wave.title }),
        note: notes.join(' '),
      },
    );
    for (const banner of results.banners) {
      if (numbers.items.some((item) => item.cuts[banner.id] === undefined)) continue;
      drawMeansByCut(
        flow,
        results,
        lang,
        banner,
        t(lang, 'results.numbers.cutCaption', { question: labelIn(numbers.text, lang), banner: labelIn(banner.label, lang), wave: results.wave.title }),
        t(lang, 'results.numbers.item'),
        numbers.items.map((item) => ({
          label: item.label,
          overall: { estimate: item.mean?.estimate ?? null, ci: item.mean?.ci ?? null, n: item.mean?.n ?? 0 },
          cells: item.cuts[banner.id]!,
        })),
        { value: (v) => mean(v ?? undefined, lang), margin: (f) => meanMargin(f.ci ?? undefined, lang) },
      );
    }
  }
}
