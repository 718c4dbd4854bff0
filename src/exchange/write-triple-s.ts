import { labelIn } from '../study/index.js';
import type { Writable } from 'node:stream';
import { BufferedWriter } from './buffered-writer.js';
import type { ExportOptions, ExportSource } from './export-source.js';
import type { ExportVariable } from './export-variables.js';
import type { ExportSummary } from './write-csv.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A field of the fixed-width data: one export variable, or a multiple choice's dichotomies as a spread. */
interface Field {
  readonly name: string;
  readonly label: string;
  readonly type: 'single' | 'multiple' | 'quantity' | 'character' | 'date';
  readonly width: number;
  /** export variable indexes (several for a spread) */
  readonly columns: readonly number[];
  /** multiple: the code of each dichotomy */
  readonly codes: readonly number[];
  readonly variable: ExportVariable;
  readonly decimals: number;
  readonly range: readonly [number, number];
}

/** UTF-8 bytes of one code point. */
const utf8Length = (c: string) => {
  const code = c.codePointAt(0)!;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
};

const digits = (n: number) => String(Math.trunc(Math.abs(n))).length;

function fields(source: ExportSource): Field[] {
  const out: Field[] = [];
  const variables = source.dictionary.variables;
  const lang = source.lang;
  for (let j = 0; j < variables.length; j++) {
    const v = variables[j];
    if (v.set) {
      const columns: number[] = [];
      while (j < variables.length && variables[j].set === v.set) columns.push(j++);
      j--;
      const codes = columns.map((k) => Number(variables[k].name.slice(v.set!.length + 1)));
      const width = Math.max(...codes.map(digits));
      out.push({
        name: v.set,
        label: v.wording ? labelIn(v.wording, lang) : v.set,
        type: 'multiple',
        width: width * codes.length,
        columns,
        codes,
        variable: v,
        decimals: 0,
        range: [0, 0],
      });
    } else if (v.type === 'category') {
      const width = Math.max(1, ...v.levels.map((l) => digits(l.code)));
      out.push({ name: v.name, label: labelIn(v.label, lang), type: 'single', width, columns: [j], codes: [], variable: v, decimals: 0, range: [0, 0] });
    } else if (v.type === 'number') {
      const decimals = v.source.kind === 'weight' || v.source.kind === 'weight-population' ? 6 : v.decimals;
      const width = v.source.kind === 'id' ? 12 : decimals > 0 ? 20 : 16;
      const max = Number('9'.repeat(width - decimals - (decimals > 0 ? 1 : 0)));
      const min = -Number('9'.repeat(width - decimals - (decimals > 0 ? 2 : 1)));
      out.push({ name: v.name, label: labelIn(v.label, lang), type: 'quantity', width, columns: [j], codes: [], variable: v, decimals, range: [min, max] });
    } else if (v.type === 'date') {
      // Triple-S 2.0 dates: YYYYMMDD
      out.push({ name: v.name, label: labelIn(v.label, lang), type: 'date', width: 8, columns: [j], codes: [], variable: v, decimals: 0, range: [0, 0] });
    } else {
      // positions count bytes of UTF-8, the declared encoding: a text of maxLength UTF-16 units takes at most 3 bytes a unit
      out.push({ name: v.name, label: labelIn(v.label, lang), type: 'character', width: 3 * v.maxLength, columns: [j], codes: [], variable: v, decimals: 0, range: [0, 0] });
    }
  }
  return out;
}

function metadata(source: ExportSource, list: readonly Field[], dataFile: string, now: Date): string {
  const lang = source.lang;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sss version="2.0">',
    `  <date>${now.toISOString().slice(0, 10)}</date>`,
    `  <time>${now.toISOString().slice(11, 19)}</time>`,
    '  <origin>Baromètre</origin>',
    '  <survey>',
    `    <name>${xml(`${source.study.id}-${source.wave.code}`)}</name>`,
    `    <title>${xml(labelIn(source.study.title, lang))} — ${xml(source.wave.title)}</title>`,
    `    <!-- data file: ${xml(dataFile).replace(/--/g, '- -')} -->`,
    '    <record ident="A">',
  ];
  let start = 1;
  list.forEach((f, k) => {
    lines.push(`      <variable ident="${k + 1}" type="${f.type}">`, `        <name>${xml(f.name)}</name>`, `        <label>${xml(f.label.replace(/\s+/g, ' '))}</label>`);
    lines.push(`        <position start="${start}" finish="${start + f.width - 1}"/>`);
    if (f.type === 'multiple') lines.push(`        <spread subfields="${f.codes.length}" width="${f.width / f.codes.length}"/>`);
    if (f.type === 'single' || f.type === 'multiple') {
      lines.push('        <values>');
      if (f.type === 'single') for (const l of f.variable.levels) lines.push(`          <value code="${l.code}">${xml(labelIn(l.label, lang))}</value>`);
      else {
        const q = f.variable;
        f.columns.forEach((_, i) => {
          const label = labelIn(source.dictionary.variables[f.columns[i]].label, lang);
          const option = q.wording ? label.slice(labelIn(q.wording, lang).length).replace(/^ — /, '') : label;
          lines.push(`          <value code="${f.codes[i]}">${xml(option)}</value>`);
        });
      }
      lines.push('        </values>');
    } else if (f.type === 'date') {
      lines.push('        <values><range from="00010101" to="99991231"/></values>');
    } else if (f.type === 'quantity') {
      const fmt = (n: number) => (f.decimals > 0 ? n.toFixed(f.decimals) : String(n));
      lines.push(`        <values><range from="${fmt(f.range[0])}" to="${fmt(f.range[1])}"/></values>`);
    }
    lines.push('      </variable>');
    start += f.width;
  });
  lines.push('    </record>', '  </survey>', '</sss>', '');
  return lines.join('\n');
}

/**
 * Writes a wave as Triple-S: the XML metadata to `metadataOut` (names, labels, codes, positions) and the
 * fixed-width data to `dataOut` (one line per response, UTF-8, positions and widths in bytes, so that a reader
 * cutting byte columns reads every text whole; a text is cut on a character boundary). Codes are right
 * aligned, a multiple choice is a spread of its selected codes, numbers are fixed-point, texts have their
 * line breaks replaced by spaces. `dataFile` is the name the metadata gives the data file. Ends both streams;
 * either may be null (the metadata alone reads no response).
 */
export async function writeTripleS(
  source: ExportSource,
  metadataOut: Writable | null,
  dataOut: Writable | null,
  options: ExportOptions & { dataFile?: string; now?: Date } = {},
): Promise<ExportSummary> {
  const list = fields(source);
  if (metadataOut) {
    const meta = new BufferedWriter(metadataOut);
    meta.text(metadata(source, list, options.dataFile ?? `${source.study.id}-${source.wave.code}.dat`, options.now ?? new Date()));
    await meta.end();
  }
  if (!dataOut) return Object.freeze({ kind: 'export-summary', format: 'triple-s', rows: 0, bytes: 0, variables: list.length, weighted: source.weights !== null });
  const writer = new BufferedWriter(dataOut);
  let rows = 0;
  for await (const row of source.rows()) {
    let line = '';
    for (const f of list) {
      if (f.type === 'character') {
        const text = row.texts[f.columns[0]];
        let cell = '';
        let bytes = 0;
        if (text !== null) {
          for (const c of text.replace(/[\r\n\t]+/g, ' ')) {
            const size = utf8Length(c);
            if (bytes + size > f.width) break;
            cell += c;
            bytes += size;
          }
        }
        line += cell + ' '.repeat(f.width - bytes);
      } else if (f.type === 'date') {
        const text = row.texts[f.columns[0]];
        line += text === null ? ' '.repeat(8) : text.replace(/-/g, '').padEnd(8, ' ').slice(0, 8);
      } else if (f.type === 'multiple') {
        const w = f.width / f.codes.length;
        if (Number.isNaN(row.values[f.columns[0]])) {
          line += ' '.repeat(f.width);
          continue;
        }
        let cells = '';
        let count = 0;
        f.columns.forEach((column, i) => {
          if (row.values[column] === 1) {
            cells += String(f.codes[i]).padStart(w, '0');
            count++;
          }
        });
        line += cells + '0'.repeat(w * (f.codes.length - count));
      } else {
        const value = row.values[f.columns[0]];
        const text = Number.isNaN(value) ? '' : f.decimals > 0 ? value.toFixed(f.decimals) : String(Math.round(value));
        line += text.padStart(f.width, ' ');
      }
    }
    writer.text(line + '\r\n');
    rows++;
    if ((rows & 255) === 0) await writer.flushIfFull();
  }
  await writer.end();
  return Object.freeze({ kind: 'export-summary', format: 'triple-s', rows, bytes: writer.bytes, variables: list.length, weighted: source.weights !== null });
}
