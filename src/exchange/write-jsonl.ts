import { labelIn } from '../study/index.js';
import type { Writable } from 'node:stream';
import { BufferedWriter } from './buffered-writer.js';
import type { ExportOptions, ExportSource } from './export-source.js';
import type { ExportSummary } from './write-csv.js';

/**
 * Writes a wave's responses as JSON Lines: one object per response, keyed by variable name, codes (or
 * labels), numbers, texts, null when missing. Ends the stream.
 */
export async function writeJsonl(source: ExportSource, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const writer = new BufferedWriter(out);
  const variables = source.dictionary.variables;
  const keys = variables.map((v) => JSON.stringify(v.name) + ':');
  const labels = variables.map((v) => new Map(v.levels.map((l) => [l.code, JSON.stringify(labelIn(l.label, source.lang))])));
  let rows = 0;
  for await (const row of source.rows()) {
    let line = '{';
    for (let j = 0; j < variables.length; j++) {
      if (j > 0) line += ',';
      line += keys[j];
      const v = variables[j];
      if (v.type === 'text' || v.type === 'date') {
        const text = row.texts[j];
        line += text === null ? 'null' : JSON.stringify(text);
        continue;
      }
      const value = row.values[j];
      if (Number.isNaN(value)) line += 'null';
      else if (options.labels && v.type === 'category') line += labels[j].get(value) ?? String(value);
      else line += String(value);
    }
    writer.text(line + '}\n');
    rows++;
    if ((rows & 255) === 0) await writer.flushIfFull();
  }
  await writer.end();
  return Object.freeze({ kind: 'export-summary', format: 'jsonl', rows, bytes: writer.bytes, variables: variables.length, weighted: source.weights !== null });
}
