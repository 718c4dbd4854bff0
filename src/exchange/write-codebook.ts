import type { Writable } from 'node:stream';
import { BufferedWriter } from './buffered-writer.js';
import { csvTextCell } from './csv-cell.js';
import type { ExportOptions, ExportSource } from './export-source.js';
import type { ExportVariable } from './export-variables.js';
import type { ExportSummary } from './write-csv.js';

/** The codebook's CSV columns. */
export const CODEBOOK_COLUMNS = [
  'variable', 'type', 'measure', 'question', 'set', 'label_fr', 'label_en', 'wording_fr', 'wording_en',
  'code', 'code_label_fr', 'code_label_en', 'missing',
] as const;

function csvLines(variables: readonly ExportVariable[], separator: string): string[] {
  const line = (cells: (string | number)[]) => cells.map((c) => csvTextCell(String(c), separator)).join(separator);
  const lines = [line([...CODEBOOK_COLUMNS])];
  for (const v of variables) {
    const head = [v.name, v.type, v.measure, v.question ?? '', v.set ?? '', v.label.fr, v.label.en, v.wording?.fr ?? '', v.wording?.en ?? ''];
    lines.push(line([...head, '', '', '', '']));
    for (const level of v.levels) lines.push(line([...head, level.code, level.label.fr, level.label.en, v.missing.includes(level.code) ? 'yes' : '']));
  }
  return lines;
}

const md = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

function markdownLines(source: ExportSource, variables: readonly ExportVariable[]): string[] {
  const lines = [`# ${md(source.study.title.fr)} / ${md(source.study.title.en)} — ${md(source.wave.code)}`, ''];
  lines.push('| variable | type | measure | label (fr) | label (en) |', '|---|---|---|---|---|');
  for (const v of variables) lines.push(`| ${v.name} | ${v.type} | ${v.measure} | ${md(v.label.fr)} | ${md(v.label.en)} |`);
  for (const v of variables) {
    lines.push('', `## ${v.name}`, '');
    if (v.wording) lines.push(`- question (fr): ${md(v.wording.fr)}`, `- question (en): ${md(v.wording.en)}`);
    lines.push(`- label (fr): ${md(v.label.fr)}`, `- label (en): ${md(v.label.en)}`, `- type: ${v.type}, ${v.measure}`);
    if (v.set) lines.push(`- multiple-response set: ${v.set}`);
    if (v.type === 'text') lines.push(`- longest text: ${v.maxLength} characters`);
    if (v.levels.length > 0) {
      lines.push('', '| code | label (fr) | label (en) | missing |', '|---|---|---|---|');
      for (const l of v.levels) lines.push(`| ${l.code} | ${md(l.label.fr)} | ${md(l.label.en)} | ${v.missing.includes(l.code) ? 'yes' : ''} |`);
    }
  }
  return lines;
}

/**
 * Writes the codebook of a wave's export: every variable with its type, measurement level, question, labels
 * and wording in fr and en, and every code with its labels and whether it is declared missing. CSV (one line
 * per variable, then one per code) or Markdown. Ends the stream.
 */
export async function writeCodebook(source: ExportSource, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const writer = new BufferedWriter(out);
  const variables = source.dictionary.variables;
  if (options.codebookFormat === 'markdown') {
    writer.text(markdownLines(source, variables).join('\n') + '\n');
  } else {
    if (options.bom) writer.text('\ufeff');
    writer.text(csvLines(variables, options.separator ?? ',').join('\r\n') + '\r\n');
  }
  await writer.end();
  return Object.freeze({ kind: 'export-summary', format: 'codebook', rows: 0, bytes: writer.bytes, variables: variables.length, weighted: source.weights !== null });
}
