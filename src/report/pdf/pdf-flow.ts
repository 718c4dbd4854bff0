import { COLORS, CONTENT_WIDTH, FONT, PAGE, svgToPdfKit } from './pdf-document.js';
import { svgSize } from '../charts/index.js';
import { pdfText } from './pdf-text.js';

/** An entry of the table of contents: where a chapter starts (1-based page number as printed). */
export interface TocEntry {
  readonly title: string;
  readonly destination: string;
  readonly page: number;
  readonly level: 1 | 2;
}

export interface TableColumn {
  readonly label: string;
  /** share of the content width (the shares of a table add up to 1) */
  readonly width: number;
  readonly align?: 'left' | 'right';
}

export interface TextOptions {
  readonly size?: number;
  readonly bold?: boolean;
  readonly color?: string;
  readonly gap?: number;
  readonly indent?: number;
}

const BODY_SIZE = 10;
/** A table cell: plain text, line breaks kept (a figure above its base). */
const cellText = (cell: string) => cell.split('\n').map((line) => pdfText(line, 2000)).join('\n');
const bottomLimit = () => PAGE.height - PAGE.bottom;

/**
 * Lays out a document top to bottom on buffered PDFKit pages: chapters (each on a new page, with a named
 * destination, a bookmark and a table-of-contents entry), paragraphs, lists, tables that repeat their
 * header across pages, and charts (SVG drawn as vectors, fonts mapped to the embedded DejaVu Sans). Every
 * string goes through `pdfText`, so user text is plain characters.
 */
export class PdfFlow {
  readonly toc: TocEntry[] = [];
  /** the chapter title of each page (0-based page index), for running headers */
  readonly chapterOfPage: string[] = [];
  #chapter = '';

  constructor(readonly doc: PDFKit.PDFDocument) {
    doc.on('pageAdded', () => {
      this.chapterOfPage.push(this.#chapter);
      doc.x = PAGE.left;
      doc.y = PAGE.top;
    });
  }

  get pageNumber(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Starts a page break when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.doc.y + height > bottomLimit()) this.newPage();
  }

  space(points: number): void {
    this.doc.y += points;
  }

  /** A chapter: new page, title, bookmark, entry in the table of contents. */
  chapter(title: string, destination: string, lead?: string): void {
    this.#chapter = pdfText(title);
    this.newPage();
    const doc = this.doc;
    doc.addNamedDestination(destination);
    doc.outline.addItem(pdfText(title));
    this.toc.push({ title: pdfText(title), destination, page: this.pageNumber, level: 1 });
    doc.rect(PAGE.left, doc.y, 36, 4).fill(COLORS.primary);
    doc.y += 14;
    doc.font(FONT.bold).fontSize(21).fillColor(COLORS.primary).text(pdfText(title), PAGE.left, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.4);
    if (lead) this.paragraph(lead, { size: 11.5, color: COLORS.muted, gap: 10 });
    else doc.y += 6;
  }

  /** A heading inside a chapter (kept with at least `keep` points of what follows). */
  heading(title: string, keep = 90, toc = false, destination?: string): void {
    this.ensure(keep);
    const doc = this.doc;
    doc.y += 6;
    if (toc && destination) {
      doc.addNamedDestination(destination);
      this.toc.push({ title: pdfText(title), destination, page: this.pageNumber, level: 2 });
    }
    doc.font(FONT.bold).fontSize(13).fillColor(COLORS.text).text(pdfText(title), PAGE.left, doc.y, { width: CONTENT_WIDTH });
    doc.y += 5;
  }

  paragraph(text: string, options: TextOptions = {}): void {
    const doc = this.doc;
    const indent = options.indent ?? 0;
    doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? BODY_SIZE).fillColor(options.color ?? COLORS.text);
    const width = CONTENT_WIDTH - indent;
    const clean = pdfText(text, 5000);
    this.ensure(Math.min(doc.heightOfString(clean, { width, lineGap: 2 }), 60));
    doc.text(clean, PAGE.left + indent, doc.y, { width, lineGap: 2, align: 'left' });
    doc.y += options.gap ?? 6;
  }

  /** A bulleted (or numbered) list. */
  list(items: readonly string[], numbered = false, options: TextOptions = {}): void {
    const doc = this.doc;
    items.forEach((item, k) => {
      const clean = pdfText(item, 5000);
      doc.font(FONT.regular).fontSize(options.size ?? BODY_SIZE);
      const height = doc.heightOfString(clean, { width: CONTENT_WIDTH - 18, lineGap: 2 });
      this.ensure(Math.min(height, 60) + 4);
      const y = doc.y;
      doc.fillColor(COLORS.primary).font(FONT.bold).text(numbered ? `${k + 1}.` : '•', PAGE.left, y, { width: 16 });
      doc.fillColor(options.color ?? COLORS.text).font(FONT.regular).text(clean, PAGE.left + 18, y, { width: CONTENT_WIDTH - 18, lineGap: 2 });
      doc.y += 4;
    });
    doc.y += (options.gap ?? 4);
  }

  /** A table whose header row is repeated on every page it spans. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], caption?: string, size = 8.5): void {
    const doc = this.doc;
    const widths = columns.map((c) => c.width * CONTENT_WIDTH);
    const pad = 4;
    const heightOf = (cells: readonly string[], bold: boolean) => {
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
      return Math.max(...cells.map((cell, j) => doc.heightOfString(cellText(cell), { width: widths[j] - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: readonly string[], bold: boolean, fill: string | null) => {
      const height = heightOf(cells, bold);
      const y = doc.y;
      if (fill) doc.rect(PAGE.left, y, CONTENT_WIDTH, height).fill(fill);
      let x = PAGE.left;
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(size).fillColor(COLORS.text);
      cells.forEach((cell, j) => {
        doc.text(cellText(cell), x + pad, y + pad, { width: widths[j] - 2 * pad, align: columns[j].align ?? 'left' });
        x += widths[j];
      });
      doc.moveTo(PAGE.left, y + height).lineTo(PAGE.left + CONTENT_WIDTH, y + height).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      doc.x = PAGE.left;
      doc.y = y + height;
    };
    const header = columns.map((c) => c.label);
    const startHeight = heightOf(header, true) + (rows[0] ? heightOf(rows[0], false) : 0) + (caption ? 18 : 0);
    this.ensure(startHeight);
    if (caption) {
      doc.font(FONT.bold).fontSize(9).fillColor(COLORS.muted).text(pdfText(caption), PAGE.left, doc.y, { width: CONTENT_WIDTH });
      doc.y += 3;
    }
    drawRow(header, true, COLORS.band);
    rows.forEach((row, k) => {
      if (doc.y + heightOf(row, false) > bottomLimit()) {
        this.newPage();
        drawRow(header, true, COLORS.band);
      }
      drawRow(row, false, k % 2 === 1 ? '#f8f9fb' : null);
    });
    doc.y += 10;
  }

  /** A chart rendered to SVG, scaled to `widthShare` of the content width, kept on one page. */
  chart(svg: string, widthShare = 1): void {
    const doc = this.doc;
    const size = svgSize(svg);
    const width = Math.min(CONTENT_WIDTH * widthShare, size.width);
    const height = (size.height * width) / size.width;
    this.ensure(height + 8);
    svgToPdfKit()(doc, svg, PAGE.left, doc.y, {
      width, height, preserveAspectRatio: 'xMinYMin meet', assumePt: false,
      fontCallback: (_family: string, bold: boolean) => (bold ? FONT.bold : FONT.regular),
    });
    doc.x = PAGE.left;
    doc.y += height + 10;
  }

  /**
   * Running headers and page numbers on every page but the first (the cover): the document's name on the
   * left, the chapter on the right, a rule; "page N / M" at the foot.
   */
  decorate(left: string, footer: (page: number, total: number) => string): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, top: 0, bottom: 0 };
      doc.font(FONT.regular).fontSize(8).fillColor(COLORS.muted);
      doc.text(pdfText(left), PAGE.left, 40, { width: CONTENT_WIDTH * 0.55, lineBreak: false, ellipsis: true });
      doc.text(this.chapterOfPage[i] ?? '', PAGE.left + CONTENT_WIDTH * 0.55, 40, { width: CONTENT_WIDTH * 0.45, align: 'right', lineBreak: false, ellipsis: true });
      doc.moveTo(PAGE.left, 54).lineTo(PAGE.left + CONTENT_WIDTH, 54).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      doc.text(footer(i + 1, range.count), PAGE.left, PAGE.height - 46, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      doc.page.margins = margins;
    }
  }
}
