import { benchmarkChart } from '../benchmark/benchmark-chart.js';
import { benchmarkFigure, score } from '../benchmark/benchmark-figures.js';
import { benchmarkWords, bm } from '../benchmark/benchmark-messages.js';
import type { BenchmarkModel } from '../benchmark/benchmark-model.js';
import { renderSvg } from '../charts/index.js';
import { formatNumber, type Lang } from '../format/index.js';
import { COLORS, CONTENT_WIDTH, FONT, PAGE, createPdfDocument, pdfBuffer } from './pdf-document.js';
import { PdfFlow } from './pdf-flow.js';
import { chartAlt } from './pdf-tags.js';
import { pdfText } from './pdf-text.js';

export interface BenchmarkPdfInput {
  readonly model: BenchmarkModel;
  readonly lang: Lang;
  readonly creationDate: Date;
}

/**
 * The personal benchmark as an A4 PDF: the company against the published wave, maturity scores in each
 * dimension with their definitions and chart, recommendations for the weakest dimensions, and each
 * indicator with the respondent's answer beside the percentages of all companies and of companies of
 * their size (margins and bases). The company's name is printed as plain text. Pure. Tagged like the
 * white paper: the title as H1, its sections as H2, the chart as a Figure with its key numbers as text.
 */
export async function renderBenchmarkPdf(input: BenchmarkPdfInput): Promise<Buffer> {
  const { model, lang } = input;
  const title = `${bm(lang, 'title')} — ${model.study.title[lang]}`;
  const doc = createPdfDocument({
    lang, title, author: model.study.producers.join(', ') || 'Baromètre', creationDate: input.creationDate,
    subject: bm(lang, 'meta.subject', { wave: model.wave.title }),
  });
  const flow = new PdfFlow(doc);
  flow.newPage();
  flow.artifact(() => doc.rect(0, 0, PAGE.width, 150).fill(COLORS.primary));
  flow.tag('H1', () => doc.font(FONT.bold).fontSize(26).fillColor('#ffffff').text(bm(lang, 'title'), PAGE.left, 48, { width: CONTENT_WIDTH }));
  flow.tag('P', () => doc.font(FONT.regular).fontSize(12).fillColor('#dbe6f3').text(pdfText(model.study.title[lang]), { width: CONTENT_WIDTH }));
  doc.x = PAGE.left;
  doc.y = 172;
  flow.paragraph(bm(lang, 'lead', { n: formatNumber(model.wave.n, lang), wave: model.wave.title, ...benchmarkWords(model, lang) }), { size: 11 });
  if (model.company) flow.paragraph(bm(lang, 'company', { company: pdfText(model.company, 120) }), { bold: true });
  if (model.size) flow.paragraph(bm(lang, 'size', { size: model.size.label[lang], ...benchmarkWords(model, lang) }));
  flow.space(4);
  flow.heading(bm(lang, 'maturity.title'), 300);
  flow.paragraph(bm(lang, 'maturity.lead', benchmarkWords(model, lang)), { color: COLORS.muted });
  const chart = benchmarkChart(model, lang);
  flow.chart(await renderSvg(chart, { id: 'benchmark-maturity' }), chartAlt(chart), 0.95);
  flow.table(
    [
      { label: bm(lang, 'maturity.dimension'), width: 0.24 },
      { label: bm(lang, 'maturity.definition'), width: 0.43 },
      { label: bm(lang, 'maturity.you'), width: 0.1, align: 'right' },
      { label: bm(lang, 'maturity.all'), width: 0.1, align: 'right' },
      { label: bm(lang, 'maturity.sameSize', benchmarkWords(model, lang)), width: 0.13, align: 'right' },
    ],
    model.dimensions.map((d) => [d.label[lang], d.definition[lang], score(d.respondent, lang), score(d.all, lang), score(d.sameSize, lang)]),
  );
  flow.heading(bm(lang, 'recommendations.title'), 140);
  flow.paragraph(bm(lang, 'recommendations.lead'));
  flow.list(model.recommendations.map((r) => `${r.dimensionLabel[lang]} : ${r.text[lang]}`.replace(' : ', lang === 'fr' ? '\u00A0: ' : ': ')));
  flow.newPage();
  flow.tag('H2', () => doc.font(FONT.bold).fontSize(18).fillColor(COLORS.primary).text(bm(lang, 'indicators.title'), PAGE.left, doc.y, { width: CONTENT_WIDTH }));
  doc.moveDown(0.3);
  flow.paragraph(bm(lang, 'indicators.lead', benchmarkWords(model, lang)), { color: COLORS.muted });
  for (const theme of model.themes) {
    flow.table(
      [
        { label: bm(lang, 'indicators.indicator'), width: 0.3 },
        { label: bm(lang, 'indicators.answer'), width: 0.2 },
        { label: bm(lang, 'indicators.all', benchmarkWords(model, lang)), width: 0.25, align: 'right' },
        { label: bm(lang, 'indicators.sameSize', benchmarkWords(model, lang)), width: 0.25, align: 'right' },
      ],
      model.indicators.filter((i) => i.theme === theme.id).map((i) => [
        i.label[lang], i.answer ? i.answer[lang] : bm(lang, 'indicators.noAnswer'),
        benchmarkFigure(i.all, lang).replace(' (', '\n('), benchmarkFigure(i.sameSize, lang).replace(' (', '\n('),
      ]),
      theme.label[lang],
    );
  }
  flow.paragraph(bm(lang, 'private'), { size: 8.5, color: COLORS.muted });
  flow.decorate(title, (page, total) => bm(lang, 'footer.page', { page, total }));
  return pdfBuffer(doc);
}
