import { labelIn } from '../study/index.js';
import type { Writable } from 'node:stream';
import { BufferedWriter } from './buffered-writer.js';
import { csvTextCell } from './csv-cell.js';
import type { ExportOptions, ExportSource } from './export-source.js';

export interface ExportSummary {
  readonly kind: 'export-summary';
  readonly format: string;
  readonly rows: number;
  readonly bytes: number;
  readonly variables: number;
  readonly weighted: boolean;
}

/** Formats a number: full precision, a decimal comma when asked. */
export function formatNumber(value: number, decimalComma: boolean): string {
  const s = String(value);
  return decimalComma ? s.replace('.', ',') : s;
}

const TEXT = 0,
  CATEGORY = 1,
  NUMBER = 2;

/**
 * Writes a wave's responses as CSV (RFC 4180, UTF-8): a header of variable names, one line per response,
 * codes (or labels, or the source questionnaire's codes), numbers at full precision, texts neutralised against formula injection and quoted.
 * Cells go straight into the output buffer as bytes: codes and integers as digits, labels as ready-made
 * bytes, no string per line. Ends the stream.
 */
export async function writeCsv(source: ExportSource, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const separator = options.separator ?? ',';
  const sep = separator.charCodeAt(0);
  const decimalComma = separator === ';';
  const writer = new BufferedWriter(out);
  const variables = source.dictionary.variables;
  if (options.bom) writer.text('\ufeff');
  writer.text(variables.map((v) => v.name).join(separator) + '\r\n');
  // labels as ready-made cells, per variable (codes are written as integers)
  // (or the source's codes, `codes: 'source'`, where the study keeps them)
  const labels = variables.map((v) => {
    if (v.type !== 'category') return null;
    if (options.labels) return new Map(v.levels.map((level) => [level.code, Buffer.from(csvTextCell(labelIn(level.label, source.lang), separator), 'utf8')]));
    if (options.codes === 'source' && v.levels.some((level) => level.exportCode))
      return new Map(v.levels.flatMap((level) => (level.exportCode ? [[level.code, Buffer.from(csvTextCell(level.exportCode, separator), 'utf8')] as const] : [])));
    return null;
  });
  // a date is written as its ISO text
  const types = Int8Array.from(variables, (v) => (v.type === 'text' || v.type === 'date' ? TEXT : v.type === 'category' ? CATEGORY : NUMBER));
  let rows = 0;
  for await (const batch of source.batches()) {
    for (const row of batch) {
      const { values, texts } = row;
      for (let j = 0; j < types.length; j++) {
        if (j > 0) writer.byte(sep);
        if (types[j] === TEXT) {
          const text = texts[j];
          if (text !== null) writer.text(csvTextCell(text, separator));
          continue;
        }
        const value = values[j];
        if (Number.isNaN(value)) continue;
        const label = labels[j]?.get(value);
        if (label !== undefined) writer.small(label);
        else if (Number.isInteger(value) && Math.abs(value) < 1e15) writer.integer(value);
        else writer.ascii(String(value), decimalComma);
      }
      writer.byte(13);
      writer.byte(10);
    }
    rows += batch.n;
    await writer.flushIfFull();
  }
  await writer.end();
  return Object.freeze({ kind: 'export-summary', format: 'csv', rows, bytes: writer.bytes, variables: variables.length, weighted: source.weights !== null });
}
