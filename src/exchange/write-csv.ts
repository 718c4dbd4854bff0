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

/**
 * Writes a wave's responses as CSV (RFC 4180, UTF-8): a header of variable names, one line per response,
 * codes (or labels), numbers at full precision, texts neutralised against formula injection and quoted.
 * Ends the stream.
 */
export async function writeCsv(source: ExportSource, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const separator = options.separator ?? ',';
  const decimalComma = separator === ';';
  const writer = new BufferedWriter(out);
  const variables = source.dictionary.variables;
  if (options.bom) writer.text('\ufeff');
  writer.text(variables.map((v) => v.name).join(separator) + '\r\n');
  // codes and labels as ready-made cells, per variable
  const cells = variables.map((v) => {
    const map = new Map<number, string>();
    for (const level of v.levels) map.set(level.code, options.labels ? csvTextCell(level.label[source.lang], separator) : String(level.code));
    return map;
  });
  const types = variables.map((v) => v.type);
  let rows = 0;
  for await (const row of source.rows()) {
    let line = '';
    for (let j = 0; j < types.length; j++) {
      if (j > 0) line += separator;
      if (types[j] === 'text') {
        const text = row.texts[j];
        if (text !== null) line += csvTextCell(text, separator);
        continue;
      }
      const value = row.values[j];
      if (Number.isNaN(value)) continue;
      if (types[j] === 'category') line += cells[j].get(value) ?? String(value);
      else line += formatNumber(value, decimalComma);
    }
    writer.text(line + '\r\n');
    rows++;
    if ((rows & 255) === 0) await writer.flushIfFull();
  }
  await writer.end();
  return Object.freeze({ kind: 'export-summary', format: 'csv', rows, bytes: writer.bytes, variables: variables.length, weighted: source.weighting.kind === 'weighted' });
}
