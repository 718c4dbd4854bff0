import type { Chart } from '../charts/index.js';
import { pdfText } from './pdf-text.js';

/** A structure element of a tagged PDF (H1, P, Figure, Table, TR, TD…). */
export type StructElement = PDFKit.PDFStructureElement;

/**
 * What PDFKit's `struct` accepts beyond @types/pdfkit's declaration: `bbox` (left, top, right, bottom in
 * page coordinates from the top) and `placement` become a Layout attribute, `scope` a Table attribute.
 */
export interface StructOptions {
  readonly alt?: string;
  readonly lang?: string;
  readonly actual?: string;
  readonly bbox?: readonly [number, number, number, number];
  readonly placement?: 'Block' | 'Inline';
  readonly scope?: 'Row' | 'Column' | 'Both';
}

type StructFn = (type: string, options: StructOptions, children?: (() => void) | readonly unknown[]) => StructElement;

/**
 * Adds a structure element of `type` under `parent`; `draw` paints its content, marked with a new MCID of
 * the current page (the parent must already be in the tree: PDFKit then runs `draw` at once). Without
 * `draw`, the element is returned open, to receive children; `end()` it when they are all added.
 * Never call `artifact` or start a page by hand inside `draw` (PDFKit closes open marked content there).
 */
export function tag(doc: PDFKit.PDFDocument, parent: StructElement, type: string, options: StructOptions = {}, draw?: () => void): StructElement {
  const struct = doc.struct.bind(doc) as unknown as StructFn;
  const element = draw ? struct(type, options, draw) : struct(type, options);
  parent.add(element);
  return element;
}

/**
 * Paints what a screen reader must skip (backgrounds, rules, running headers, page numbers, repeated table
 * headers) as an artifact: marked content outside the structure tree.
 */
export function artifact(doc: PDFKit.PDFDocument, type: 'Pagination' | 'Layout', draw: () => void): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

/** A link annotation to a named destination, attached to its Link structure element (PDF/UA 7.18.5). */
export function linkTo(doc: PDFKit.PDFDocument, link: StructElement, rect: readonly [number, number, number, number], destination: string, contents: string): void {
  const goTo = doc.goTo.bind(doc) as unknown as (x: number, y: number, w: number, h: number, name: string, options: object) => void;
  goTo(rect[0], rect[1], rect[2], rect[3], destination, { structParent: link, Contents: new String(pdfText(contents, 500)) });
}

/** A chart's alternative text for its Figure: the title, then the key numbers the chart builder wrote. */
export function chartAlt(chart: Chart): string {
  const title = pdfText(chart.title, 500);
  const alternative = pdfText(chart.alternative, 4000);
  if (alternative.startsWith(title)) return alternative;
  return title === '' ? alternative : `${title}${/[.!?…:]$/.test(title) ? '' : '.'} ${alternative}`.trim();
}
