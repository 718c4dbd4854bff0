import { COLORS, CONTENT_WIDTH, FONT, PAGE, svgToPdfKit } from './pdf-document.js';
import { svgSize } from '../charts/index.js';
import { pdfText } from './pdf-text.js';
import { artifact, tag, type StructElement, type StructOptions } from './pdf-tags.js';
import { columnExtents, columnGroups, fitColumns, keepNumbersTogether } from './table-layout.js';

/** An entry of the table of contents: where a chapter starts (1-based page number as printed). */
export interface TocEntry {
  readonly title: string;
  readonly destination: string;
  readonly page: number;
  readonly level: 1 | 2;
}

export interface TableColumn {
  readonly label: string;
  readonly align?: 'left' | 'right';
}

export interface TableOptions {
  /** the caption, above the table */
  readonly caption?: string;
  /** font size of the cells (8.5 by default) */
  readonly size?: number;
  /** the first columns, which name the rows: repeated in each part of a table too wide for the page (1 by default) */
  readonly rowLabels?: number;
  /** the caption of each part of a table split into groups of columns */
  readonly partCaption?: (part: number, parts: number) => string;
  /** a legend printed under the table in small type, kept on the page of its last row */
  readonly note?: string;
}

const NOTE = { size: 7.5, color: COLORS.muted, gap: 10 } as const;

export interface TextOptions {
  readonly size?: number;
  readonly bold?: boolean;
  readonly color?: string;
  readonly gap?: number;
  readonly indent?: number;
}

const BODY_SIZE = 10;
/** A table cell: plain text, line breaks kept (a figure above its base). */
const cellText = (cell: string) =>
  cell
    .split('\n')
    .map((line) => keepNumbersTogether(pdfText(line, 2000)))
    .join('\n');
const bottomLimit = () => PAGE.height - PAGE.bottom;

/**
 * Lays out a document top to bottom on buffered PDFKit pages: chapters (each on a new page, with a named
 * destination, a bookmark and a table-of-contents entry), paragraphs, lists, tables that repeat their
 * header across pages, and charts (SVG drawn as vectors, fonts mapped to the embedded DejaVu Sans). Every
 * string goes through `pdfText`, so user text is plain characters.
 *
 * The document is tagged (PDF/UA-style): everything painted is either content of a structure element under
 * one Document root, in reading order (H1 chapter titles, H2 headings, P, L/LI/Lbl/LBody, Figure with its
 * alternative text, Table/Caption/TR/TH/TD), or an artifact (backgrounds, rules, running headers, page
 * numbers, a table header repeated on a new page).
 */
export class PdfFlow {
  readonly toc: TocEntry[] = [];
  /** the chapter title of each page (0-based page index), for running headers */
  readonly chapterOfPage: string[] = [];
  /** the Document element every structure element of the flow hangs from */
  readonly root: StructElement;
  #chapter = '';

  /**
   * @param primary the colour of headings, their bands and links: the study's accent colour (checked for
   *   contrast against white), else the product's blue
   */
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly primary: string = COLORS.primary,
  ) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    doc.on('pageAdded', () => {
      this.chapterOfPage.push(this.#chapter);
      (doc.page.dictionary.data as Record<string, unknown>)['Tabs'] = 'S'; // tab through links in structure order
      doc.x = PAGE.left;
      doc.y = PAGE.top;
    });
  }

  /** A structure element under `parent` (the root by default) whose content `draw` paints; see `tag`. */
  tag(type: string, draw?: () => void, options: StructOptions = {}, parent: StructElement = this.root): StructElement {
    return tag(this.doc, parent, type, options, draw);
  }

  /** Paints decoration that is not content (see `artifact`). */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    artifact(this.doc, type, draw);
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
    this.artifact(() => doc.rect(PAGE.left, doc.y, 36, 4).fill(this.primary));
    doc.y += 14;
    this.tag('H1', () => doc.font(FONT.bold).fontSize(21).fillColor(this.primary).text(pdfText(title), PAGE.left, doc.y, { width: CONTENT_WIDTH }));
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
    this.tag('H2', () => doc.font(FONT.bold).fontSize(13).fillColor(COLORS.text).text(pdfText(title), PAGE.left, doc.y, { width: CONTENT_WIDTH }));
    doc.y += 5;
  }

  paragraph(text: string, options: TextOptions = {}): void {
    const doc = this.doc;
    const indent = options.indent ?? 0;
    doc
      .font(options.bold ? FONT.bold : FONT.regular)
      .fontSize(options.size ?? BODY_SIZE)
      .fillColor(options.color ?? COLORS.text);
    const width = CONTENT_WIDTH - indent;
    const clean = pdfText(text, 5000);
    this.ensure(Math.min(doc.heightOfString(clean, { width, lineGap: 2 }), 60));
    this.tag('P', () => doc.text(clean, PAGE.left + indent, doc.y, { width, lineGap: 2, align: 'left' }));
    doc.y += options.gap ?? 6;
  }

  /** A bulleted (or numbered) list. */
  list(items: readonly string[], numbered = false, options: TextOptions = {}): void {
    const doc = this.doc;
    const list = this.tag('L');
    items.forEach((item, k) => {
      const clean = pdfText(item, 5000);
      doc.font(FONT.regular).fontSize(options.size ?? BODY_SIZE);
      const height = doc.heightOfString(clean, { width: CONTENT_WIDTH - 18, lineGap: 2 });
      this.ensure(Math.min(height, 60) + 4);
      const y = doc.y;
      const entry = this.tag('LI', undefined, {}, list);
      this.tag(
        'Lbl',
        () =>
          doc
            .fillColor(this.primary)
            .font(FONT.bold)
            .text(numbered ? `${k + 1}.` : '•', PAGE.left, y, { width: 16 }),
        {},
        entry,
      );
      this.tag(
        'LBody',
        () =>
          doc
            .fillColor(options.color ?? COLORS.text)
            .font(FONT.regular)
            .text(clean, PAGE.left + 18, y, { width: CONTENT_WIDTH - 18, lineGap: 2 }),
        {},
        entry,
      );
      entry.end();
      doc.y += 4;
    });
    list.end();
    doc.y += options.gap ?? 4;
  }

  /**
   * A table whose header row is repeated on every page it spans: Table, its Caption, a TR of TH (scope
   * Column) then a TR of TD per row; the header repeated on a later page is an artifact. Column widths come
   * from the content (see `table-layout.ts`): a cell wraps only between words, never inside a word or a
   * number; a table too wide for the page is printed in parts, each a group of columns after the row labels.
   */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
    const doc = this.doc;
    const size = options.size ?? BODY_SIZE - 1.5;
    const pad = 4;
    const header = columns.map((c) => cellText(c.label));
    const body = rows.map((row) => row.map(cellText));
    const measure = (text: string, bold: boolean) =>
      doc
        .font(bold ? FONT.bold : FONT.regular)
        .fontSize(size)
        .widthOfString(text);
    const extents = columnExtents(header, body, measure, pad);
    const widths = fitColumns(extents, CONTENT_WIDTH);
    const note = options.note ? pdfText(options.note, 5000) : '';
    const noteHeight = note ? doc.font(FONT.regular).fontSize(NOTE.size).heightOfString(note, { width: CONTENT_WIDTH, lineGap: 2 }) + 4 : 0;
    if (widths) {
      this.#table(columns, header, body, widths, size, pad, options.caption, noteHeight);
      if (note) this.paragraph(note, NOTE);
      return;
    }
    const groups = columnGroups(extents, CONTENT_WIDTH, Math.min(options.rowLabels ?? 1, columns.length));
    groups.forEach((group, k) => {
      const part = group.map((j) => extents[j]);
      // a column wider than the page on its own still gets the whole width (and wraps inside itself)
      const partWidths = fitColumns(part, CONTENT_WIDTH) ?? part.map((e) => (e.min * CONTENT_WIDTH) / part.reduce((sum, x) => sum + x.min, 0));
      const caption = options.partCaption && groups.length > 1 ? options.partCaption(k + 1, groups.length) : k === 0 ? options.caption : undefined;
      this.#table(
        group.map((j) => columns[j]),
        group.map((j) => header[j]),
        body.map((row) => group.map((j) => row[j] ?? '')),
        partWidths,
        size,
        pad,
        caption,
        k === groups.length - 1 ? noteHeight : 0,
      );
    });
    if (note) this.paragraph(note, NOTE);
  }

  /** One table of fixed column widths; `keep` points are kept free under its last row (for its note). */
  #table(
    columns: readonly TableColumn[],
    header: readonly string[],
    rows: readonly (readonly string[])[],
    widths: readonly number[],
    size: number,
    pad: number,
    caption: string | undefined,
    keep: number,
  ): void {
    const doc = this.doc;
    const tableWidth = widths.reduce((a, b) => a + b, 0);
    const heightOf = (cells: readonly string[], bold: boolean) => {
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
      return Math.max(...cells.map((cell, j) => doc.heightOfString(cell, { width: widths[j] - 2 * pad }))) + 2 * pad;
    };
    /** a row: under `table` as a TR of `cellType` cells, or as an artifact without `table` */
    const drawRow = (cells: readonly string[], bold: boolean, fill: string | null, table?: StructElement, cellType = 'TD') => {
      const height = heightOf(cells, bold);
      const y = doc.y;
      if (fill) this.artifact(() => doc.rect(PAGE.left, y, tableWidth, height).fill(fill));
      const row = table ? this.tag('TR', undefined, {}, table) : undefined;
      let x = PAGE.left;
      cells.forEach((cell, j) => {
        const left = x;
        const draw = () => {
          doc
            .font(bold ? FONT.bold : FONT.regular)
            .fontSize(size)
            .fillColor(COLORS.text);
          doc.text(cell, left + pad, y + pad, { width: widths[j] - 2 * pad, align: columns[j].align ?? 'left' });
        };
        if (row) this.tag(cellType, draw, cellType === 'TH' ? { scope: 'Column' } : {}, row);
        else this.artifact(draw, 'Pagination');
        x += widths[j];
      });
      row?.end();
      this.artifact(() =>
        doc
          .moveTo(PAGE.left, y + height)
          .lineTo(PAGE.left + tableWidth, y + height)
          .lineWidth(0.5)
          .strokeColor(COLORS.rule)
          .stroke(),
      );
      doc.x = PAGE.left;
      doc.y = y + height;
    };
    const startHeight = heightOf(header, true) + (rows[0] ? heightOf(rows[0], false) : 0) + (caption ? 18 : 0);
    this.ensure(startHeight);
    const table = this.tag('Table');
    if (caption) {
      this.tag('Caption', () => doc.font(FONT.bold).fontSize(9).fillColor(COLORS.muted).text(pdfText(caption), PAGE.left, doc.y, { width: CONTENT_WIDTH }), {}, table);
      doc.y += 3;
    }
    drawRow(header, true, COLORS.band, table, 'TH');
    rows.forEach((row, k) => {
      if (doc.y + heightOf(row, false) + (k === rows.length - 1 ? keep : 0) > bottomLimit()) {
        this.newPage();
        drawRow(header, true, COLORS.band);
      }
      drawRow(row, false, k % 2 === 1 ? '#f8f9fb' : null, table);
    });
    table.end();
    doc.y += 10;
  }

  /**
   * A chart rendered to SVG, scaled to `widthShare` of the content width, kept on one page: a Figure whose
   * alternative text is `alt` (see `chartAlt`) and whose bounding box is the drawing's.
   */
  chart(svg: string, alt: string, widthShare = 1): void {
    const doc = this.doc;
    const size = svgSize(svg);
    const width = Math.min(CONTENT_WIDTH * widthShare, size.width);
    const height = (size.height * width) / size.width;
    this.ensure(height + 8);
    const y = doc.y;
    this.tag(
      'Figure',
      () =>
        svgToPdfKit()(doc, svg, PAGE.left, y, {
          width,
          height,
          preserveAspectRatio: 'xMinYMin meet',
          assumePt: false,
          fontCallback: (_family: string, bold: boolean) => (bold ? FONT.bold : FONT.regular),
        }),
      { alt: pdfText(alt, 4000), bbox: [PAGE.left, y, PAGE.left + width, y + height], placement: 'Block' },
    );
    doc.x = PAGE.left;
    doc.y += height + 10;
  }

  /**
   * Running headers and page numbers on every page but the first (the cover): the document's name on the
   * left, the chapter on the right, a rule; "page N / M" at the foot. All of it is a pagination artifact.
   */
  decorate(left: string, footer: (page: number, total: number) => string): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, top: 0, bottom: 0 };
      this.artifact(() => {
        doc.font(FONT.regular).fontSize(8).fillColor(COLORS.muted);
        doc.text(pdfText(left), PAGE.left, 40, { width: CONTENT_WIDTH * 0.55, lineBreak: false, ellipsis: true });
        doc.text(this.chapterOfPage[i] ?? '', PAGE.left + CONTENT_WIDTH * 0.55, 40, { width: CONTENT_WIDTH * 0.45, align: 'right', lineBreak: false, ellipsis: true });
        doc
          .moveTo(PAGE.left, 54)
          .lineTo(PAGE.left + CONTENT_WIDTH, 54)
          .lineWidth(0.5)
          .strokeColor(COLORS.rule)
          .stroke();
        doc.text(footer(i + 1, range.count), PAGE.left, PAGE.height - 46, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
      }, 'Pagination');
      doc.page.margins = margins;
    }
  }
}
