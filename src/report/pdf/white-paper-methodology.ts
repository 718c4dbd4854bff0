import type { WaveResults } from '../../analysis/wave-results-types.js';
import { normalQuantile } from '../../stats/index.js';
import { formatDate, formatMarginOfError, formatNumber, formatPercent, type Lang } from '../format/index.js';
import type { PdfFlow } from './pdf-flow.js';
import { count, interval, moe, pct } from './figures.js';
import { tableLegend, themesWithIndicators } from './white-paper-chapters.js';
import { bannerName } from './banner-name.js';
import { t } from '../../messages/index.js';
import { labelIn, unitWords } from '../../study/index.js';

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const m = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
};

/** The median design effect of the wave's indicators (1 when none is known). */
export function medianDesignEffect(results: WaveResults): number {
  const deff = median(results.indicators.flatMap((i) => (i.deff === null ? [] : [i.deff])));
  return Number.isFinite(deff) ? deff : 1;
}

/** Fieldwork, sample (n), weighting and its diagnostics, how to read a margin of error and its table by base. */
export function drawMethodology(flow: PdfFlow, results: WaveResults, lang: Lang): void {
  const w = results.weighting;
  flow.chapter(t(lang, 'pdf.methodology.title'), 'methodology', t(lang, 'pdf.methodology.lead'));
  flow.heading(t(lang, 'pdf.methodology.fieldwork'));
  flow.paragraph(
    results.wave.opensAt && results.wave.closesAt
      ? t(lang, 'pdf.methodology.fieldworkDates', { from: formatDate(results.wave.opensAt, lang), to: formatDate(results.wave.closesAt, lang) })
      : t(lang, 'pdf.methodology.fieldworkOpen', { wave: results.wave.title }),
  );
  flow.heading(t(lang, 'pdf.methodology.sample'));
  flow.paragraph(t(lang, 'pdf.methodology.sampleText', { n: formatNumber(results.n, lang) }));
  flow.heading(t(lang, 'pdf.methodology.weighting'));
  flow.paragraph(
    w.status === 'weighted'
      ? t(lang, 'pdf.methodology.weightedUnits', { ...unitWords(results.study, lang), variables: w.margins.map((m) => labelIn(m.label, lang)).join(', '), source: w.source ?? '–' })
      : t(lang, 'pdf.methodology.unweighted', { reason: w.reason ?? '' }),
  );
  const deff = medianDesignEffect(results);
  flow.paragraph(
    t(lang, 'pdf.methodology.diagnostics', {
      efficiency: formatPercent(w.efficiency, lang, 1),
      kish: formatNumber(w.kishDeff, lang, 2),
      effective: formatNumber(w.effectiveSampleSize, lang),
      min: formatNumber(w.minWeight, lang, 2),
      max: formatNumber(w.maxWeight, lang, 2),
      deff: formatNumber(deff, lang, 2),
    }),
  );
  for (const m of w.margins) {
    flow.table(
      [
        { label: t(lang, 'pdf.methodology.level') },
        { label: t(lang, 'pdf.methodology.target'), align: 'right' },
        { label: t(lang, 'pdf.methodology.sampleShare'), align: 'right' },
        { label: t(lang, 'pdf.methodology.achieved'), align: 'right' },
      ],
      m.levels.map((l) => [
        labelIn(l.label, lang),
        `${formatNumber(l.population, lang)} (${formatPercent(l.targetShare, lang, 1)})`,
        `${formatPercent(l.sampleShare, lang, 1)} (n\u00A0=\u00A0${formatNumber(l.n, lang)})`,
        formatPercent(l.achievedShare, lang, 1),
      ]),
      { caption: t(lang, 'pdf.methodology.marginCaption', { variable: labelIn(m.label, lang) }) },
    );
  }
  flow.heading(t(lang, 'pdf.methodology.reading'), 200);
  flow.paragraph(t(lang, 'pdf.methodology.readingText'));
  const z = normalQuantile(0.975);
  const bases = [...new Set([30, 50, 100, 200, 500, 1000, results.n].filter((b) => b <= Math.max(100, results.n)))].sort((a, b) => a - b);
  const margin = (p: number, b: number) => formatMarginOfError(z * Math.sqrt((p * (1 - p) * deff) / b), lang);
  flow.table(
    [
      { label: t(lang, 'pdf.methodology.base') },
      { label: t(lang, 'pdf.methodology.margin10'), align: 'right' },
      { label: t(lang, 'pdf.methodology.margin30'), align: 'right' },
      { label: t(lang, 'pdf.methodology.margin50'), align: 'right' },
    ],
    bases.map((b) => [`n\u00A0=\u00A0${formatNumber(b, lang)}`, margin(0.1, b), margin(0.3, b), margin(0.5, b)]),
    { caption: t(lang, 'pdf.methodology.marginTable') },
  );
}

/** Appendix: every indicator with its interval and bases, then each profile cut with letters and base marks (a wide one in parts of columns). */
export function drawAppendix(flow: PdfFlow, results: WaveResults, lang: Lang): void {
  flow.chapter(t(lang, 'pdf.appendix.title'), 'appendix', t(lang, 'pdf.appendix.lead'));
  flow.heading(t(lang, 'pdf.appendix.overall'), 120, true, 'appendix-overall');
  const themes = themesWithIndicators(results);
  const rows = themes.flatMap((t) =>
    results.indicators
      .filter((i) => i.theme === t.id)
      .map((i) => [labelIn(t.label, lang), labelIn(i.label, lang), pct(i.estimate, lang), moe(i, lang), interval(i.ci, lang), count(i.n, lang), count(i.nEffective, lang)]),
  );
  flow.table(
    [
      { label: t(lang, 'pdf.table.theme') },
      { label: t(lang, 'pdf.table.indicator') },
      { label: t(lang, 'pdf.table.percent'), align: 'right' },
      { label: t(lang, 'pdf.table.margin'), align: 'right' },
      { label: t(lang, 'pdf.table.ci'), align: 'right' },
      { label: t(lang, 'pdf.table.n'), align: 'right' },
      { label: t(lang, 'pdf.table.nEffective'), align: 'right' },
    ],
    rows,
    { rowLabels: 2, note: tableLegend(lang, ['legend.margin', 'legend.bases']) },
  );
  for (const banner of results.banners) {
    const heading = t(lang, 'pdf.appendix.cut', { banner: bannerName(lang, banner) });
    flow.heading(heading, 160, true, `appendix-${banner.id}`);
    flow.table(
      [
        { label: t(lang, 'pdf.table.indicator') },
        { label: t(lang, 'pdf.table.total'), align: 'right' },
        ...banner.levels.map((l) => ({ label: `${l.letter} ${labelIn(l.label, lang)}`, align: 'right' as const })),
      ],
      results.indicators.map((i) => [
        labelIn(i.label, lang),
        `${pct(i.estimate, lang)}\nn\u00A0=\u00A0${formatNumber(i.n, lang)}`,
        ...(i.cuts[banner.id] ?? []).map((c) =>
          c.suppressed
            ? `–\nn\u00A0=\u00A0${formatNumber(c.n, lang)}`
            : `${pct(c.estimate, lang)}${c.lowBase ? '*' : ''}${c.letters ? ` ${c.letters}` : ''}\nn\u00A0=\u00A0${formatNumber(c.n, lang)}`,
        ),
      ]),
      {
        size: 7.5,
        partCaption: (part, parts) => t(lang, 'pdf.table.part', { caption: heading, part, parts }),
        note: `${t(lang, 'pdf.appendix.cutNote', { low: results.settings.lowBase, suppress: results.settings.suppressBase })} ${tableLegend(lang, ['legend.bases'])}`,
      },
    );
  }
}
