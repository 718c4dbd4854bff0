import { keyFindings, type KeyFinding } from '../../analysis/key-findings.js';
import type { WaveResults } from '../../analysis/wave-results-types.js';
import type { Lang } from '../format/index.js';
import { createPdfDocument, pdfBuffer } from './pdf-document.js';
import { PdfFlow } from './pdf-flow.js';
import { pdfText } from './pdf-text.js';
import { drawHierarchy, drawSummary, drawTheme, themesWithIndicators } from './white-paper-chapters.js';
import { drawRankings } from './white-paper-rankings.js';
import { drawNumbers } from './white-paper-numbers.js';
import { drawCover, drawToc } from './white-paper-cover.js';
import { drawAppendix, drawMethodology } from './white-paper-methodology.js';
import { t } from '../../messages/index.js';
import { labelIn } from '../../study/index.js';

export interface WhitePaperInput {
  readonly results: WaveResults;
  readonly lang: Lang;
  /** CreationDate and ModDate of the file: with the same input and date, the same bytes */
  readonly creationDate: Date;
  /** the study's logo: a PNG or JPEG data: URL, or SVG markup (anything else is ignored) */
  readonly logo?: string | null;
  /** the study's accent colour (`#rrggbb`, contrast already checked): headings, bands and links; default the product's blue */
  readonly accent?: string;
  /** the key findings to print (default: keyFindings(results), as the dashboard shows them) */
  readonly findings?: readonly KeyFinding[];
  /** "Copy prepared for …" on the cover (a lead's name and organisation), printed as plain text */
  readonly recipient?: string | null;
}

/**
 * The white paper of a published wave as an A4 PDF: cover, table of contents (with page numbers and links,
 * written once the book is laid out), key figures, one chapter per theme with its charts and generated
 * commentary, the hierarchy of challenges, methodology with the margins of error by base, appendix tables
 * with bases; running headers, page numbers, bookmarks, metadata and embedded DejaVu fonts. Pure: reads only
 * `input`. Every figure is formatted as the dashboard prints it.
 */
export async function renderWhitePaper(input: WhitePaperInput): Promise<Buffer> {
  const { results, lang } = input;
  const title = `${labelIn(results.study.title, lang)} — ${results.wave.title}`;
  const doc = createPdfDocument({
    lang,
    title,
    author: results.study.producers.join(', ') || 'Baromètre',
    creationDate: input.creationDate,
    subject: t(lang, 'pdf.meta.subject', { wave: results.wave.title }),
    keywords: results.themes.map((t) => labelIn(t.label, lang)).join(', '),
  });
  const flow = new PdfFlow(doc, input.accent);
  drawCover(flow, results, lang, input.logo, input.recipient ? pdfText(input.recipient, 240) : null);
  flow.newPage();
  const tocPage = flow.pageNumber - 1;
  const tocSection = flow.tag('Sect'); // its place in the reading order; filled once the pages are known
  drawSummary(flow, results, input.findings ?? keyFindings(results), lang);
  for (const theme of themesWithIndicators(results)) await drawTheme(flow, results, theme, lang);
  await drawHierarchy(flow, results, lang);
  drawRankings(flow, results, lang);
  drawNumbers(flow, results, lang);
  drawMethodology(flow, results, lang);
  drawAppendix(flow, results, lang);
  flow.chapterOfPage[tocPage] = t(lang, 'pdf.toc.title');
  drawToc(flow, tocSection, tocPage, flow.toc, lang);
  flow.decorate(`${labelIn(results.study.title, lang)} · ${/^\d{4}$/.test(results.wave.code) ? results.wave.code : results.wave.title}`, (page, total) =>
    t(lang, 'pdf.footer.page', { page, total }),
  );
  return pdfBuffer(doc);
}
