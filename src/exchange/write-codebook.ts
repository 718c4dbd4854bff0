import type { Writable } from 'node:stream';
import { describeDisplay, findQuestion, labelIn, type Label, type Study } from '../study/index.js';
import { BufferedWriter } from './buffered-writer.js';
import { csvTextCell } from './csv-cell.js';
import type { ExportOptions, ExportSource } from './export-source.js';
import type { ExportVariable } from './export-variables.js';
import type { ExportSummary } from './write-csv.js';

/** The codebook's CSV columns for a study in French and English (`codebookColumns` for other languages). */
export const CODEBOOK_COLUMNS = codebookColumns(['fr', 'en']);

/**
 * The codebook's CSV columns: labels, wordings, display conditions in words (who is asked: empty for
 * everyone) and code labels once per study language, then `missing` and `exported` (`yes`,
 * `yes: identifying` when asked for, `no: identifying` when left out of the data).
 */
export function codebookColumns(languages: readonly string[]): string[] {
  const each = (prefix: string) => languages.map((lang) => `${prefix}_${lang}`);
  return ['variable', 'type', 'measure', 'question', 'set', ...each('label'), ...each('wording'), ...each('condition'), 'code', ...each('code_label'), 'missing', 'exported'];
}

/** Who is asked a variable's question, in words, in a language: its page's and its own conditions, a carry forward ("" for everyone). */
function displayCondition(study: Study, v: ExportVariable, lang: string): string {
  const question = v.question === null ? undefined : findQuestion(study, v.question);
  return question ? describeDisplay(study, question, lang, v.name).join('. ') : '';
}

const exported = (v: ExportVariable, omitted: boolean) => (omitted ? 'no: identifying' : v.identifying ? 'yes: identifying' : 'yes');

function csvLines(source: ExportSource, separator: string): string[] {
  const languages = source.study.languages;
  const texts = (label: Label | null) => languages.map((lang) => (label ? labelIn(label, lang) : ''));
  const line = (cells: (string | number)[]) => cells.map((c) => csvTextCell(String(c), separator)).join(separator);
  const lines = [line(codebookColumns(languages))];
  const variables = [...source.dictionary.variables.map((v) => [v, false] as const), ...source.dictionary.omitted.map((v) => [v, true] as const)];
  for (const [v, omitted] of variables) {
    const conditions = languages.map((lang) => displayCondition(source.study, v, lang));
    const head = [v.name, v.type, v.measure, v.question ?? '', v.set ?? '', ...texts(v.label), ...texts(v.wording), ...conditions];
    lines.push(line([...head, '', ...texts(null), '', exported(v, omitted)]));
    for (const level of v.levels) lines.push(line([...head, level.code, ...texts(level.label), v.missing.includes(level.code) ? 'yes' : '', exported(v, omitted)]));
  }
  return lines;
}

const md = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

function markdownLines(source: ExportSource): string[] {
  const languages = source.study.languages;
  const { variables, omitted } = source.dictionary;
  const lines = [`# ${languages.map((lang) => md(labelIn(source.study.title, lang))).join(' / ')} — ${md(source.wave.code)}`, ''];
  lines.push(`| variable | type | measure | ${languages.map((lang) => `label (${lang})`).join(' | ')} |`, `|---|---|---|${languages.map(() => '---|').join('')}`);
  for (const v of variables) lines.push(`| ${v.name} | ${v.type} | ${v.measure} | ${languages.map((lang) => md(labelIn(v.label, lang))).join(' | ')} |`);
  for (const v of variables) {
    lines.push('', `## ${v.name}`, '');
    if (v.wording) for (const lang of languages) lines.push(`- question (${lang}): ${md(labelIn(v.wording, lang))}`);
    for (const lang of languages) lines.push(`- label (${lang}): ${md(labelIn(v.label, lang))}`);
    for (const lang of languages) {
      const condition = displayCondition(source.study, v, lang);
      if (condition) lines.push(`- asked (${lang}): ${md(condition)}`);
    }
    lines.push(`- type: ${v.type}, ${v.measure}`);
    if (v.identifying) lines.push('- identifying: exported on request');
    if (v.set) lines.push(`- multiple-response set: ${v.set}`);
    if (v.type === 'text') lines.push(`- longest text: ${v.maxLength} characters`);
    if (v.type === 'date')
      lines.push(
        '- date: YYYY-MM-DD in CSV and JSON Lines, a DATE11 date variable in .sav, YYYYMMDD in Triple-S; not tabulated in the results (no table, chart or dashboard figure)',
      );
    if (v.levels.length > 0) {
      lines.push('', `| code | ${languages.map((lang) => `label (${lang})`).join(' | ')} | missing |`, `|---|${languages.map(() => '---|').join('')}---|`);
      for (const l of v.levels) lines.push(`| ${l.code} | ${languages.map((lang) => md(labelIn(l.label, lang))).join(' | ')} | ${v.missing.includes(l.code) ? 'yes' : ''} |`);
    }
  }
  if (omitted.length > 0) {
    lines.push('', '## Left out: identifying questions', '');
    lines.push(
      'These variables identify respondents (the study flags their questions `identifying`); they are not in the data. Export them only when needed, with `--include-identifying` (`barometre export`) or `identifying=1` (workspace).',
      '',
    );
    for (const v of omitted) lines.push(`- ${v.name}: ${md(labelIn(v.label, languages[0]))}`);
  }
  const infos = source.study.pages.flatMap((page) => page.questions.filter((q) => q.kind === 'info').map((q) => ({ page, q })));
  if (infos.length > 0) {
    // texts shown between questions: part of the questionnaire, never a variable
    lines.push('', '## Information texts (no variable)', '');
    for (const { page, q } of infos) {
      lines.push(`- ${q.name} (page ${page.id}${q.condition ? ', shown under a condition' : ''})`);
      for (const lang of languages) lines.push(`  - ${lang}: ${md(labelIn(q.text, lang))}`);
    }
  }
  return lines;
}

/**
 * Writes the codebook of a wave's export: every variable with its type, measurement level, question, labels,
 * wording and display condition in words (page conditions and carry forward included) in each of the study's languages, every code with its labels and whether it is declared
 * missing, and the variables of identifying questions left out of the data (`exported`: `no: identifying`).
 * CSV (one line per variable, then one per code) or Markdown. Ends the stream.
 */
export async function writeCodebook(source: ExportSource, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const writer = new BufferedWriter(out);
  const variables = source.dictionary.variables;
  if (options.codebookFormat === 'markdown') {
    writer.text(markdownLines(source).join('\n') + '\n');
  } else {
    if (options.bom) writer.text('\ufeff');
    writer.text(csvLines(source, options.separator ?? ',').join('\r\n') + '\r\n');
  }
  await writer.end();
  return Object.freeze({ kind: 'export-summary', format: 'codebook', rows: 0, bytes: writer.bytes, variables: variables.length, weighted: source.weights !== null });
}
