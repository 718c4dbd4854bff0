import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { chartFontFiles } from '../charts/index.js';
import type { Lang } from '../format/index.js';
import { pdfText } from './pdf-text.js';

/** A4 in PostScript points and the page's margins (the header and footer live inside the top and bottom ones). */
export const PAGE = Object.freeze({ width: 595.28, height: 841.89, top: 78, bottom: 72, left: 62, right: 62 });
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** The two faces registered in every document (DejaVu Sans, embedded as subsets: full French coverage). */
export const FONT = Object.freeze({ regular: 'DejaVu', bold: 'DejaVu-Bold' });

export const COLORS = Object.freeze({ text: '#1a1a1a', muted: '#5b6470', primary: '#1d4e89', rule: '#c9d1db', band: '#eef2f7', accent: '#b3541e' });

export interface PdfMetadata {
  readonly lang: Lang;
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords?: string;
  /** CreationDate and ModDate: the only thing that differs between two renderings of the same input */
  readonly creationDate: Date;
}

/**
 * A new PDFKit document: A4, pages buffered (so the table of contents, running headers and page numbers
 * are written once the whole book is laid out), DejaVu Sans registered, metadata (title, author, subject,
 * language) set and the title shown in the reader's title bar, tagged (MarkInfo /Marked true and a
 * structure tree: see PdfFlow) so that screen readers read it in order. PDFKit derives the file identifier from
 * the metadata, so a fixed creation date gives the same bytes for the same input.
 */
export function createPdfDocument(meta: PdfMetadata): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: ({ fr: 'fr-FR', en: 'en-GB', de: 'de-DE', es: 'es-ES' } as const)[meta.lang],
    displayTitle: true,
    info: {
      Title: pdfText(meta.title, 500),
      Author: pdfText(meta.author, 500),
      Subject: pdfText(meta.subject, 500),
      Keywords: pdfText(meta.keywords ?? '', 500),
      Creator: 'Baromètre',
      Producer: 'Baromètre (PDFKit)',
      CreationDate: meta.creationDate,
      ModDate: meta.creationDate,
    },
  });
  escapeXmpInfo(doc);
  const fonts = chartFontFiles();
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular);
  return doc;
}

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);

/**
 * PDFKit copies the Info strings (title, author, subject, keywords) into the XMP metadata stream as they
 * are, so a title with `&` or `<` (a study's or an organisation's name) made that XML invalid, or let it carry
 * markup. The copy it writes there is now XML-escaped; the Info dictionary, written before, keeps the text.
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = d._addInfo;
  if (typeof addInfo !== 'function') throw new Error('PDFKit no longer has _addInfo: check how it writes the XMP metadata');
  d._addInfo = function addEscapedInfo(this: typeof d) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

/** Ends the document and collects its bytes. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

type SvgToPdf = (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options: Record<string, unknown>) => void;
let svgToPdf: SvgToPdf | undefined;

/** svg-to-pdfkit (CommonJS, untyped), loaded once. */
export function svgToPdfKit(): SvgToPdf {
  svgToPdf ??= createRequire(import.meta.url)('svg-to-pdfkit') as SvgToPdf;
  return svgToPdf;
}
