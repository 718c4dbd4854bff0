import type { WaveResults } from '../../analysis/wave-results-types.js';
import { normalQuantile } from '../../stats/index.js';
import { formatDate, formatMarginOfError, formatNumber, formatPercent, type Lang } from '../format/index.js';
import type { PdfFlow } from './pdf-flow.js';
import { count, interval, moe, pct } from './figures.js';
import { themesWithIndicators } from './white-paper-chapters.js';
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
        { label: t(lang, 'pdf.methodology.level'), width: 0.4 },
        { label: t(lang, 'pdf.methodology.target'), width: 0.24, align: 'right' },
        { label: t(lang, 'pdf.methodology.sampleShare'), width: 0.2, align: 'right' },
        { label: t(lang, 'pdf.methodology.achieved'), width: 0.16, align: 'right' },
      ],
      m.levels.map((l) => [
        labelIn(l.label, lang),
        `${formatNumber(l.population, lang)} (${formatPercent(l.targetShare, lang, 1)})`,
        `${formatPercent(l.sampleShare, lang, 1)} (n\u00A0=\u00A0${formatNumber(l.n, lang)})`,
        formatPercent(l.achievedShare, lang, 1),
      ]),
      t(lang, 'pdf.methodology.marginCaption', { variable: labelIn(m.label, lang) }),
    );
  }
  flow.heading(t(lang, 'pdf.methodology.reading'), 200);
  flow.paragraph(t(lang, 'pdf.methodology.readingText'));
  const z = normalQuantile(0.975);
  const bases = [...new Set([30, 50, 100, 200, 500, 1000, results.n].filter((b) => b <= Math.max(100, results.n)))].sort((a, b) => a - b);
  const margin = (p: number, b: number) => formatMarginOfError(z * Math.sqrt((p * (1 - p) * deff) / b), lang);
  flow.table(
    [
      { label: t(lang, 'pdf.methodology.base'), width: 0.25 },
      { label: t(lang, 'pdf.methodology.margin10'), width: 0.25, align: 'right' },
      { label: t(lang, 'pdf.methodology.margin30'), width: 0.25, align: 'right' },
      { label: t(lang, 'pdf.methodology.margin50'), width: 0.25, align: 'right' },
    ],
    bases.map((b) => [`n\u00A0=\u00A0${formatNumber(b, lang)}`, margin(0.1, b), margin(0.3, b), margin(0.5, b)]),
    t(lang, 'pdf.methodology.marginTable'),
  );
}

/** Appendix: every indicator with its interval and bases, then each short profile cut with letters and base marks. */
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
      { label: t(lang, 'pdf.table.theme'), width: 0.15 },
      { label: t(lang, 'pdf.table.indicator'), width: 0.33 },
      { label: t(lang, 'pdf.table.percent'), width: 0.08, align: 'right' },
      { label: t(lang, 'pdf.table.margin'), width: 0.12, align: 'right' },
      { label: t(lang, 'pdf.table.ci'), width: 0.12, align: 'right' },
      { label: t(lang, 'pdf.table.n'), width: 0.09, align: 'right' },
      { label: t(lang, 'pdf.table.nEffective'), width: 0.11, align: 'right' },
    ],
    rows,
  );
  for (const banner of results.banners.filter((b) => b.levels.length <= 6)) {
    flow.heading(t(lang, 'pdf.appendix.cut', { banner: bannerName(lang, banner) }), 160, true, `appendix-${banner.id}`);
    const share = 0.62 / (banner.levels.length + 1);
    flow.table(
      [
        { label: t(lang, 'pdf.table.indicator'), width: 0.38 },
        { label: t(lang, 'pdf.table.total'), width: share, align: 'right' },
        ...banner.levels.map((l) => ({ label: `${l.letter} ${labelIn(l.label, lang)}`, width: share, align: 'right' as const })),
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
      undefined,
      7.5,
    );
    flow.paragraph(t(lang, 'pdf.appendix.cutNote', { low: results.settings.lowBase, suppress: results.settings.suppressBase }), { size: 8, gap: 10 });
  }
}
