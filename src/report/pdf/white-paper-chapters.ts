import type { KeyFinding } from '../../analysis/key-findings.js';
import type { IndicatorResult, WaveResults } from '../../analysis/wave-results-types.js';
import { renderSvg, type Chart } from '../charts/index.js';
import type { Lang } from '../format/index.js';
import { COLORS, CONTENT_WIDTH, FONT, PAGE } from './pdf-document.js';
import type { PdfFlow } from './pdf-flow.js';
import { chartAlt } from './pdf-tags.js';
import { pdfText } from './pdf-text.js';
import { base, count, moe, pct, trendText } from './figures.js';
import { cutChart, isRankedGroup, themeChart, trendChart } from './white-paper-charts.js';
import { cutComment, hierarchyComment, themeComments, waveName } from './white-paper-commentary.js';
import { bannerName } from './banner-name.js';
import { t } from '../../messages/index.js';
import { labelIn, unitWords } from '../../study/index.js';

/** The themes that have indicators in the results, in the study's order. */
export const themesWithIndicators = (results: WaveResults) => results.themes.filter((t) => results.indicators.some((i) => i.theme === t.id));

/** A chart as a Figure whose alternative text gives its key numbers. */
async function figure(flow: PdfFlow, chart: Chart, id: string, widthShare = 1): Promise<void> {
  flow.chart(await renderSvg(chart, { id }), chartAlt(chart), widthShare);
}

/** Summary: tiles with the headline figure of each theme (a list, one item per tile), then the key findings. */
export function drawSummary(flow: PdfFlow, results: WaveResults, findings: readonly KeyFinding[], lang: Lang): void {
  const doc = flow.doc;
  flow.chapter(t(lang, 'pdf.summary.title'), 'summary', t(lang, 'pdf.summary.lead'));
  flow.heading(t(lang, 'pdf.summary.figures'), 200);
  const headlines = themesWithIndicators(results)
    .map((t) => results.indicators.filter((i) => i.theme === t.id && i.estimate !== null).sort((a, b) => b.estimate! - a.estimate!)[0])
    .filter((i): i is IndicatorResult => i !== undefined)
    .slice(0, 8);
  const columns = 4,
    gap = 10,
    width = (CONTENT_WIDTH - gap * (columns - 1)) / columns,
    height = 96;
  const tiles = flow.tag('L');
  for (let row = 0; row * columns < headlines.length; row++) {
    flow.ensure(height + gap);
    const y = doc.y;
    headlines.slice(row * columns, row * columns + columns).forEach((i, k) => {
      const x = PAGE.left + k * (width + gap);
      flow.artifact(() => {
        doc.rect(x, y, width, height).fill(COLORS.band);
        doc.rect(x, y, 3, height).fill(COLORS.primary);
      });
      const tile = flow.tag('LI', undefined, {}, tiles);
      const body = flow.tag('LBody', undefined, {}, tile);
      flow.tag(
        'P',
        () =>
          doc
            .font(FONT.bold)
            .fontSize(22)
            .fillColor(COLORS.primary)
            .text(pct(i.estimate, lang), x + 10, y + 8, { width: width - 16, lineBreak: false }),
        {},
        body,
      );
      flow.tag(
        'P',
        () =>
          doc
            .font(FONT.regular)
            .fontSize(8)
            .fillColor(COLORS.text)
            .text(pdfText(labelIn(i.label, lang)), x + 10, y + 38, { width: width - 16, height: 36, ellipsis: true }),
        {},
        body,
      );
      flow.tag(
        'P',
        () =>
          doc
            .fontSize(7)
            .fillColor(COLORS.muted)
            .text(`${moe(i, lang)}\n${base(i.n, lang)}`, x + 10, y + height - 22, { width: width - 16 }),
        {},
        body,
      );
      body.end();
      tile.end();
    });
    doc.x = PAGE.left;
    doc.y = y + height + gap;
  }
  tiles.end();
  flow.space(8);
  flow.heading(t(lang, 'pdf.summary.findings'));
  // findings are written in French and English: other interface languages read the English one
  flow.list(findings.map((f) => f.text[lang] ?? f.text.en ?? labelIn(f.text, lang)));
}

/** The indicators' table of a theme: %, margin, bases, change since the previous wave. */
function themeTable(flow: PdfFlow, results: WaveResults, indicators: readonly IndicatorResult[], lang: Lang, caption: string): void {
  const previous = results.previousWave;
  const columns = [
    { label: t(lang, 'pdf.table.indicator'), align: 'left' as const },
    { label: t(lang, 'pdf.table.percent'), align: 'right' as const },
    { label: t(lang, 'pdf.table.margin'), align: 'right' as const },
    { label: t(lang, 'pdf.table.n'), align: 'right' as const },
    { label: t(lang, 'pdf.table.nEffective'), align: 'right' as const },
    ...(previous ? [{ label: t(lang, 'pdf.table.trend', { wave: waveName(previous) }), align: 'right' as const }] : []),
  ];
  const rows = indicators.map((i) => [
    labelIn(i.label, lang),
    pct(i.estimate, lang),
    moe(i, lang),
    count(i.n, lang),
    count(i.nEffective, lang),
    ...(previous ? [trendText(i.trend)(lang)] : []),
  ]);
  const note = tableLegend(lang, previous ? ['legend.trend', 'legend.margin', 'legend.bases'] : ['legend.margin', 'legend.bases'], previous ? waveName(previous) : '');
  flow.table(columns, rows, { caption, note });
}

/** The legend printed under a results table: what its arrows, margins and bases mean. */
export function tableLegend(lang: Lang, keys: readonly ('legend.trend' | 'legend.margin' | 'legend.bases')[], wave = ''): string {
  return keys.map((key) => t(lang, key, { wave })).join(' ');
}

/**
 * A theme's chapter: its chart, a comment per indicator, the spread by the first cut, the trend of its
 * largest significant change (when there is one), the table.
 */
export async function drawTheme(flow: PdfFlow, results: WaveResults, theme: WaveResults['themes'][number], lang: Lang): Promise<void> {
  const indicators = results.indicators.filter((i) => i.theme === theme.id);
  const title = labelIn(theme.label, lang);
  flow.chapter(title, `theme-${theme.id}`, t(lang, 'pdf.theme.leadUnits', unitWords(results.study, lang)));
  await figure(flow, themeChart(results, theme.id, lang, title), `wp-theme-${theme.id}`);
  const ranked = isRankedGroup(indicators);
  const measured = indicators.filter((i) => i.estimate !== null);
  const commented = ranked ? [...measured].sort((a, b) => b.estimate! - a.estimate!) : measured;
  for (const comment of themeComments(results, commented, lang)) flow.paragraph(comment);
  const size = results.banners.find((b) => b.id === 'size') ?? results.banners[0];
  const lead = commented[0];
  if (size && lead) {
    flow.heading(t(lang, 'pdf.theme.byCut', { banner: bannerName(lang, size) }), 260);
    await figure(flow, cutChart(results, lead, size, lang, t(lang, 'pdf.table.total')), `wp-cut-${lead.id}`, 0.92);
    const comment = cutComment(lead, size, lang);
    if (comment) flow.paragraph(comment);
  }
  const moving = [...measured]
    .filter((i) => i.history.length > 0 && i.trend?.significant)
    .sort((a, b) => Math.abs(b.trend?.difference ?? 0) - Math.abs(a.trend?.difference ?? 0))[0];
  if (moving) {
    flow.heading(t(lang, 'pdf.theme.trend'), 240);
    await figure(flow, trendChart(results, moving, lang, labelIn(moving.label, lang)), `wp-trend-${moving.id}`, 0.8);
  }
  themeTable(flow, results, indicators, lang, t(lang, 'pdf.theme.table', { theme: title }));
}

/** A hierarchy: the first theme whose indicators form one multiple-answer group, ranked, with the gap between the first two. */
export async function drawHierarchy(flow: PdfFlow, results: WaveResults, lang: Lang): Promise<void> {
  const theme = results.themes.find((t) => isRankedGroup(results.indicators.filter((i) => i.theme === t.id)));
  if (!theme) return;
  const ranked = results.indicators.filter((i) => i.theme === theme.id && i.estimate !== null).sort((a, b) => b.estimate! - a.estimate!);
  if (ranked.length < 2) return;
  flow.chapter(t(lang, 'pdf.hierarchy.title'), 'hierarchy', t(lang, 'pdf.hierarchy.leadUnits', unitWords(results.study, lang)));
  await figure(flow, themeChart(results, theme.id, lang, t(lang, 'pdf.hierarchy.title')), 'wp-hierarchy');
  const comment = hierarchyComment(ranked, lang);
  if (comment) flow.paragraph(comment);
  flow.table(
    [
      { label: t(lang, 'pdf.hierarchy.rank'), align: 'right' },
      { label: t(lang, 'pdf.table.indicator') },
      { label: t(lang, 'pdf.table.percent'), align: 'right' },
      { label: t(lang, 'pdf.table.margin'), align: 'right' },
      { label: t(lang, 'pdf.table.n'), align: 'right' },
    ],
    ranked.map((i, k) => [String(k + 1), labelIn(i.label, lang), pct(i.estimate, lang), moe(i, lang), count(i.n, lang)]),
    { rowLabels: 2, note: tableLegend(lang, ['legend.margin', 'legend.bases']) },
  );
}
