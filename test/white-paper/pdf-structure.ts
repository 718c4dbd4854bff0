/**
 * Reads the tagging of a PDF for tests: qpdf writes it uncompressed (QDF, no object streams), then the
 * catalog, the structure elements (type, parent, /Alt) and every page's content stream are read as text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StructNode {
  readonly id: number;
  readonly type: string;
  readonly parent: number | null;
  /** /Alt decoded (UTF-16BE hex or literal), or null */
  readonly alt: string | null;
}

export interface PdfStructure {
  readonly catalog: string;
  readonly elements: readonly StructNode[];
  /** the decoded content stream of each page, in page order */
  readonly pages: readonly string[];
}

/** A PDF string token's text: `<feff…>` (UTF-16BE), `<…>` (bytes) or `(…)` (PDFDocEncoding ≈ latin1). */
function decodeString(token: string): string {
  if (token.startsWith('<')) {
    const bytes = Buffer.from(token.slice(1, -1).replace(/\s+/g, ''), 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  return token.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

export function readStructure(pdf: Buffer): PdfStructure {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-qdf-'));
  let qdf: string;
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
    qdf = readFileSync(join(dir, 'out.pdf')).toString('latin1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const objects = new Map<number, string>();
  for (const match of qdf.matchAll(/^(\d+) 0 obj\n([\s\S]*?)\nendobj$/gm)) objects.set(Number(match[1]), match[2]);
  const catalog = [...objects.values()].find((body) => /^\s*\/Type \/Catalog$/m.test(body)) ?? '';
  const elements: StructNode[] = [];
  for (const [id, body] of objects) {
    const type = /^ {2}\/S \/(\w+)$/m.exec(body);
    if (!type || /^ {2}\/Type \/Action$/m.test(body) || /\/S \/GoTo/.test(body)) continue;
    const parent = /^ {2}\/P (\d+) 0 R$/m.exec(body);
    const alt = /^ {2}\/Alt (<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))$/m.exec(body);
    elements.push({ id, type: type[1], parent: parent ? Number(parent[1]) : null, alt: alt ? decodeString(alt[1]) : null });
  }
  const pages = [...qdf.matchAll(/^%% Contents for page \d+\n(?:%%[^\n]*\n)*\d+ 0 obj\n[\s\S]*?\nstream\n([\s\S]*?)\nendstream$/gm)].map((m) => m[1]);
  return { catalog, elements, pages };
}

/**
 * The painting operators of a content stream (text shown, paths filled or stroked, images and forms drawn)
 * that are outside any marked content (neither a structure element's MCID nor an artifact). Strings,
 * arrays and dictionaries are skipped when tokenising, so their bytes are never taken for operators.
 */
export function unmarkedPainting(content: string): string[] {
  const painting = new Set(['Tj', 'TJ', "'", '"', 'f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*', 'Do', 'sh', 'BI']);
  const found: string[] = [];
  let depth = 0;
  const token = /\((?:\\.|[^\\)])*\)|<<|>>|<[0-9a-fA-F\s]*>|\[|\]|\/[^\s/[\]()<>{}%]+|[+-]?\d*\.?\d+|[A-Za-z'"*]+|%[^\n]*|\S/g;
  for (const [t] of content.matchAll(token)) {
    if (t === 'BDC' || t === 'BMC') depth++;
    else if (t === 'EMC') depth--;
    else if (depth === 0 && painting.has(t)) found.push(t);
  }
  return found;
}

/**
 * The structure tree as poppler reads it (`pdfinfo -struct-text`), in reading order: each element's type and
 * depth, with the text of its own marked content (the quoted lines right under it, joined).
 */
export function structText(pdf: Buffer): { type: string; depth: number; text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-struct-'));
  let out: string;
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    out = execFileSync('pdfinfo', ['-struct-text', join(dir, 'in.pdf')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const nodes: { type: string; depth: number; text: string }[] = [];
  for (const line of out.split('\n')) {
    const element = /^( *)([A-Za-z][\w]*)(?: \((?:block|inline)\))?:?$/.exec(line);
    const text = /^ *"(.*)"$/.exec(line);
    if (element) nodes.push({ type: element[2], depth: element[1].length / 2, text: '' });
    else if (text && nodes.length > 0) nodes[nodes.length - 1].text += text[1];
  }
  return nodes;
}
