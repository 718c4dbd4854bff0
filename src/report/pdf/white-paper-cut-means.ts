import type { CutMean } from '../../analysis/cut-estimates.js';
import type { BannerInfo, WaveResults } from '../../analysis/wave-results-types.js';
import { formatNumber, type Lang } from '../format/index.js';
import type { PdfFlow } from './pdf-flow.js';
import { t } from '../../messages/index.js';
import { labelIn, type Label } from '../../study/index.js';

/** One row of a table of means by cut: the overall figure, then one cell per column of the cut. */
export interface CutMeanRow {
  readonly label: Label;
  readonly overall: { readonly estimate: number | null; readonly ci: readonly [number, number] | null; readonly n: number };
  readonly cells: readonly CutMean[];
}

/** How a table prints its figures: the value and the margin of error, formatted as the dashboard does. */
export interface CutMeanFormat {
  readonly value: (estimate: number | null) => string;
  readonly margin: (figure: { readonly estimate: number | null; readonly ci: readonly [number, number] | null }) => string;
}

const base = (n: number, lang: Lang) => `n\u00A0=\u00A0${formatNumber(n, lang)}`;

/**
 * A table of means (a mean rank, a share, an item's mean) across the columns of a cut, as the dashboard shows
 * it: per row the overall figure then each column's, each with its margin of error and base; low bases
 * marked `*`, suppressed columns a dash with their base (a wide cut in parts of columns).
 */
export function drawMeansByCut(
  flow: PdfFlow,
  results: WaveResults,
  lang: Lang,
  banner: BannerInfo,
  caption: string,
  head: string,
  rows: readonly CutMeanRow[],
  format: CutMeanFormat,
): void {
  flow.table(
    [
      { label: head },
      { label: t(lang, 'pdf.table.total'), align: 'right' },
      ...banner.levels.map((l) => ({ label: `${l.letter} ${labelIn(l.label, lang)}`, align: 'right' as const })),
    ],
    rows.map((row) => [
      labelIn(row.label, lang),
      `${format.value(row.overall.estimate)}\n${format.margin(row.overall)}\n${base(row.overall.n, lang)}`,
      ...row.cells.map((c) => (c.suppressed ? `–\n${base(c.n, lang)}` : `${format.value(c.estimate)}${c.lowBase ? '*' : ''}\n${format.margin(c)}\n${base(c.n, lang)}`)),
    ]),
    {
      size: 7.5,
      caption,
      partCaption: (part, parts) => t(lang, 'pdf.table.part', { caption, part, parts }),
      note: t(lang, 'results.cut.meanLegend', { low: results.settings.lowBase, suppress: results.settings.suppressBase }),
    },
  );
}
