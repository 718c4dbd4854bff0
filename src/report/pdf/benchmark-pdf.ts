import { benchmarkChart } from '../benchmark/benchmark-chart.js';
import { benchmarkFigure, score } from '../benchmark/benchmark-figures.js';
import type { BenchmarkModel } from '../benchmark/benchmark-model.js';
import { benchmarkWords } from '../benchmark/benchmark-words.js';
import { renderSvg } from '../charts/index.js';
import { formatNumber, type Lang } from '../format/index.js';
import { COLORS, CONTENT_WIDTH, FONT, PAGE, createPdfDocument, pdfBuffer } from './pdf-document.js';
import { PdfFlow } from './pdf-flow.js';
import { chartAlt } from './pdf-tags.js';
import { PDF_CHART_WIDTH } from './white-paper-charts.js';
import { pdfText } from './pdf-text.js';
import { t } from '../../messages/index.js';
import { labelIn, unitWords } from '../../study/index.js';

export interface BenchmarkPdfInput {
  readonly model: BenchmarkModel;
  readonly lang: Lang;
  readonly creationDate: Date;
  /** the study's accent colour (`#rrggbb`, contrast already checked) for the header band and headings; default the product's blue */
  readonly accent?: string;
}

/**
 * The personal benchmark as an A4 PDF: the respondent against the published wave, maturity scores in each
 * dimension with their definitions and chart, recommendations for the weakest dimensions, and each
 * indicator with the respondent's answer beside the percentages of all respondents and of those of
 * their peer group (margins and bases). The respondent's name is printed as plain text. Pure. Tagged like the
 * white paper: the title as H1, its sections as H2, the chart as a Figure with its key numbers as text.
 */
export async function renderBenchmarkPdf(input: BenchmarkPdfInput): Promise<Buffer> {
  const { model, lang } = input;
  const title = `${t(lang, 'benchmark.title')} — ${labelIn(model.study.title, lang)}`;
  const doc = createPdfDocument({
    lang,
    title,
    author: model.study.producers.join(', ') || 'Baromètre',
    creationDate: input.creationDate,
    subject: t(lang, 'benchmark.meta.subject', { wave: model.wave.title }),
  });
  const flow = new PdfFlow(doc, input.accent);
  flow.newPage();
  flow.artifact(() => doc.rect(0, 0, PAGE.width, 150).fill(flow.primary));
  flow.tag('H1', () => doc.font(FONT.bold).fontSize(26).fillColor('#ffffff').text(t(lang, 'benchmark.title'), PAGE.left, 48, { width: CONTENT_WIDTH }));
  flow.tag('P', () =>
    doc
      .font(FONT.regular)
      .fontSize(12)
      .fillColor('#dbe6f3')
      .text(pdfText(labelIn(model.study.title, lang)), { width: CONTENT_WIDTH }),
  );
  doc.x = PAGE.left;
  doc.y = 172;
  flow.paragraph(t(lang, 'benchmark.leadUnits', { n: formatNumber(model.wave.n, lang), wave: model.wave.title, ...unitWords(model.study, lang) }), { size: 11 });
  if (model.company) flow.paragraph(t(lang, 'benchmark.name', { Unit: unitWords(model.study, lang).Unit, name: pdfText(model.company, 120) }), { bold: true });
  if (model.size) flow.paragraph(t(lang, 'benchmark.size', { size: labelIn(model.size.label, lang), peers: benchmarkWords(model, lang).peers }));
  flow.space(4);
  flow.heading(t(lang, 'benchmark.maturity.title'), 300);
  flow.paragraph(t(lang, 'benchmark.maturity.leadUnits', unitWords(model.study, lang)), { color: COLORS.muted });
  const chart = benchmarkChart(model, lang, PDF_CHART_WIDTH);
  flow.chart(await renderSvg(chart, { id: 'benchmark-maturity' }), chartAlt(chart), 0.95);
  flow.table(
    [
      { label: t(lang, 'benchmark.maturity.dimension') },
      { label: t(lang, 'benchmark.maturity.definition') },
      { label: t(lang, 'benchmark.maturity.you'), align: 'right' },
      { label: t(lang, 'benchmark.maturity.all'), align: 'right' },
      { label: benchmarkWords(model, lang).peers, align: 'right' },
    ],
    model.dimensions.map((d) => [labelIn(d.label, lang), labelIn(d.definition, lang), score(d.respondent, lang), score(d.all, lang), score(d.sameSize, lang)]),
  );
  flow.heading(t(lang, 'benchmark.recommendations.title'), 140);
  flow.paragraph(t(lang, 'benchmark.recommendations.lead'));
  flow.list(model.recommendations.map((r) => `${labelIn(r.dimensionLabel, lang)} : ${labelIn(r.text, lang)}`.replace(' : ', lang === 'fr' ? '\u00A0: ' : ': ')));
  flow.newPage();
  flow.tag('H2', () => doc.font(FONT.bold).fontSize(18).fillColor(flow.primary).text(t(lang, 'benchmark.indicators.title'), PAGE.left, doc.y, { width: CONTENT_WIDTH }));
  doc.moveDown(0.3);
  flow.paragraph(t(lang, 'benchmark.indicators.leadUnits', unitWords(model.study, lang)), { color: COLORS.muted });
  for (const theme of model.themes) {
    flow.table(
      [
        { label: t(lang, 'benchmark.indicators.indicator') },
        { label: t(lang, 'benchmark.indicators.answer') },
        { label: t(lang, 'benchmark.indicators.allUnits', unitWords(model.study, lang)), align: 'right' },
        { label: benchmarkWords(model, lang).peers, align: 'right' },
      ],
      model.indicators
        .filter((i) => i.theme === theme.id)
        .map((i) => [
          labelIn(i.label, lang),
          i.answer ? labelIn(i.answer, lang) : t(lang, 'benchmark.indicators.noAnswer'),
          benchmarkFigure(i.all, lang).replace(' (', '\n('),
          benchmarkFigure(i.sameSize, lang).replace(' (', '\n('),
        ]),
      { caption: labelIn(theme.label, lang), note: t(lang, 'legend.margin') },
    );
  }
  flow.paragraph(t(lang, 'benchmark.private'), { size: 8.5, color: COLORS.muted });
  flow.decorate(title, (page, total) => t(lang, 'benchmark.footer.page', { page, total }));
  return pdfBuffer(doc);
}
