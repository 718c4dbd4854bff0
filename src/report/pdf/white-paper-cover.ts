import type { WaveResults } from '../../analysis/wave-results-types.js';
import { formatDate, formatNumber, type Lang } from '../format/index.js';
import { COLORS, CONTENT_WIDTH, FONT, PAGE } from './pdf-document.js';
import type { PdfFlow, TocEntry } from './pdf-flow.js';
import { drawLogo } from './pdf-logo.js';
import { linkTo, type StructElement } from './pdf-tags.js';
import { pdfText } from './pdf-text.js';
import { t } from '../../messages/index.js';
import { labelIn, unitWords } from '../../study/index.js';

/** `A, B et C`, `A, B and C`, `A, B und C`, `A, B y C`: the producers in the language's list style. */
const joinNames = (names: readonly string[], lang: Lang) => new Intl.ListFormat(lang === 'en' ? 'en-GB' : lang, { type: 'conjunction' }).format(names);

/**
 * The cover: a band with the kind of document, the study and the edition; producers, sample, fieldwork.
 * Tagged: the logo as a Figure, the study's title as H1, every other line as P; the bands are artifacts.
 */
export function drawCover(flow: PdfFlow, results: WaveResults, lang: Lang, logo: string | null | undefined, recipient: string | null): void {
  const doc = flow.doc;
  flow.newPage();
  flow.artifact(() => {
    doc.rect(0, 0, PAGE.width, 360).fill(flow.primary);
    doc.rect(0, 360, PAGE.width, 6).fill(COLORS.accent);
  });
  const study = pdfText(labelIn(results.study.title, lang));
  const logoBox = [PAGE.left, 56, PAGE.left + 140, 56 + 60] as const;
  const hasLogo = drawLogo(doc, logo, PAGE.left, 56, 140, 60, (draw) => flow.tag('Figure', draw, { alt: t(lang, 'pdf.cover.logo', { study }), bbox: logoBox, placement: 'Block' }));
  flow.tag('P', () =>
    doc
      .font(FONT.bold)
      .fontSize(12)
      .fillColor('#ffffff')
      .text(t(lang, 'pdf.cover.kind').toUpperCase(), PAGE.left, hasLogo ? 140 : 110, { width: CONTENT_WIDTH, characterSpacing: 2 }),
  );
  doc.moveDown(0.8);
  flow.tag('H1', () => doc.font(FONT.bold).fontSize(30).fillColor('#ffffff').text(study, { width: CONTENT_WIDTH, lineGap: 2 }));
  doc.moveDown(0.5);
  flow.tag('P', () =>
    doc
      .font(FONT.regular)
      .fontSize(16)
      .fillColor('#dbe6f3')
      .text(/^\d{4}$/.test(results.wave.code) ? t(lang, 'pdf.cover.edition', { wave: results.wave.code }) : pdfText(results.wave.title), { width: CONTENT_WIDTH }),
  );
  let y = 410;
  const line = (text: string, size: number, color: string, bold = false) => {
    flow.tag('P', () =>
      doc
        .font(bold ? FONT.bold : FONT.regular)
        .fontSize(size)
        .fillColor(color)
        .text(text, PAGE.left, y, { width: CONTENT_WIDTH, lineGap: 2 }),
    );
    y = doc.y + 10;
  };
  const producers = results.study.producers.map((p) => pdfText(p, 200)).filter(Boolean);
  if (producers.length > 0) line(t(lang, 'pdf.cover.producers', { producers: joinNames(producers, lang) }), 12, COLORS.text, true);
  line(t(lang, 'pdf.cover.sampleUnits', { n: formatNumber(results.n, lang), ...unitWords(results.study, lang) }), 11, COLORS.muted);
  if (results.wave.opensAt && results.wave.closesAt) {
    line(t(lang, 'pdf.cover.fieldwork', { from: formatDate(results.wave.opensAt, lang), to: formatDate(results.wave.closesAt, lang) }), 11, COLORS.muted);
  }
  if (recipient) {
    y = PAGE.height - 120;
    line(t(lang, 'pdf.cover.recipient', { recipient: pdfText(recipient, 240) }), 9.5, COLORS.muted);
  }
}

/**
 * The table of contents, written on its reserved page once every chapter has its page: a line per entry
 * with dotted leaders, the page number and a link to the chapter. Tagged under `section` (reserved in the
 * structure tree where the page stands in the book): H1, then TOC with a TOCI per entry holding a Link (its
 * text and the link annotation); the leaders are artifacts.
 */
export function drawToc(flow: PdfFlow, section: StructElement, tocPageIndex: number, entries: readonly TocEntry[], lang: Lang): void {
  const doc = flow.doc;
  doc.switchToPage(tocPageIndex);
  doc.y = PAGE.top;
  flow.artifact(() => doc.rect(PAGE.left, doc.y, 36, 4).fill(flow.primary));
  flow.tag(
    'H1',
    () =>
      doc
        .font(FONT.bold)
        .fontSize(21)
        .fillColor(flow.primary)
        .text(t(lang, 'pdf.toc.title'), PAGE.left, PAGE.top + 14, { width: CONTENT_WIDTH }),
    {},
    section,
  );
  const toc = flow.tag('TOC', undefined, {}, section);
  let y = doc.y + 18;
  for (const entry of entries) {
    const indent = entry.level === 1 ? 0 : 16;
    const size = entry.level === 1 ? 11.5 : 10;
    doc
      .font(entry.level === 1 ? FONT.bold : FONT.regular)
      .fontSize(size)
      .fillColor(COLORS.text);
    const number = String(entry.page);
    const numberWidth = doc.widthOfString(number);
    const titleWidth = Math.min(doc.widthOfString(entry.title), CONTENT_WIDTH - indent - numberWidth - 30);
    const item = flow.tag('TOCI', undefined, {}, toc);
    const link = flow.tag('Link', undefined, {}, item);
    link.add(() => doc.text(entry.title, PAGE.left + indent, y, { width: titleWidth, lineBreak: false, ellipsis: true }));
    const dotsFrom = PAGE.left + indent + titleWidth + 6;
    const dotsTo = PAGE.left + CONTENT_WIDTH - numberWidth - 6;
    flow.artifact(() => {
      doc.font(FONT.regular).fillColor(COLORS.rule);
      for (let x = dotsFrom; x < dotsTo; x += 5) doc.circle(x, y + size * 0.75, 0.6).fill(COLORS.rule);
    });
    link.add(() =>
      doc
        .font(entry.level === 1 ? FONT.bold : FONT.regular)
        .fillColor(COLORS.text)
        .text(number, PAGE.left + CONTENT_WIDTH - numberWidth, y, { lineBreak: false }),
    );
    linkTo(doc, link, [PAGE.left + indent, y, CONTENT_WIDTH - indent, doc.currentLineHeight()], entry.destination, entry.title);
    link.end();
    item.end();
    y += entry.level === 1 ? 24 : 18;
  }
  toc.end();
  section.end();
}
