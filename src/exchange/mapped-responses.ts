import { AppError } from '../app-error.js';
import { csvRecordsSync } from '../analysis/read-csv.js';
import { findQuestion, numbersItemKey, otherKey, rankKey, textGridCells, type Option, type Study } from '../study/index.js';
import { ourCsvLine } from './csv-cell.js';
import { exportVariables } from './export-variables.js';
import type { ImportRejection } from './import-responses-csv.js';
import { DEFAULT_DATE_FORMATS, dateFormatReader, readDateTime, readDay, type DateFormatReader } from './mapped-date.js';
import { readSavTable } from './read-sav-table.js';
import { readResponseMapping, type MappedColumn, type ResponseMapping } from './response-mapping.js';
import type { ConvertedResponses } from './response-sources.js';

/** What a file read with a mapping becomes: our CSV (the columns of `barometre export`), how each column was read, the columns ignored. */
export interface MappedResponses extends ConvertedResponses {
  readonly kind: 'mapped-responses';
  // csv: its line numbers are the source file's; leftOut: the columns the mapping's `ignore` lists, in the
  // file's order; unknown: always empty (a column neither mapped nor ignored refuses the file)
}

/** How a value is written into our CSV. */
type TargetKind = 'dichotomy' | 'category' | 'number' | 'text' | 'day' | 'time' | 'language' | 'status';

interface Target {
  readonly source: string;
  readonly spec: MappedColumn;
  readonly variable: string;
  readonly kind: TargetKind;
  /** a multiple choice's dichotomy: its question */
  readonly set?: string;
  /** a multiple choice's "other" text: the dichotomy of its option, ticked when the text is given (unless a column fills it) */
  readonly otherDichotomy?: string;
}

/** Paradata written in this order, before the answers (as our export writes them). */
const PARADATA_ORDER = ['status', 'excluded', 'exclusion_reason', 'started_at', 'completed_at', 'duration_seconds', 'language'];

const invalid = (problems: readonly string[]) =>
  new AppError('INVALID_INPUT', `the mapping does not fit the file or the study: ${problems.join('; ')}`, { field: 'mapping', issues: problems });

const optionOf = (options: readonly Option[], wanted: number | string) =>
  options.find((o) => (typeof wanted === 'number' ? o.code === wanted : o.exportCode === wanted || String(o.code) === wanted));

/** The variable of our CSV a mapped column fills, or a problem naming its path. */
function resolveTarget(
  study: Study,
  source: string,
  spec: MappedColumn,
  variables: ReadonlyMap<string, { type: string; set: string | null; question: string | null }>,
): Target | string {
  const path = `columns.${source}`;
  const target = (variable: string, kind: TargetKind, extra: Partial<Target> = {}): Target => ({ source, spec, variable, kind, ...extra });
  if (spec.paradata !== undefined) {
    const p = spec.paradata;
    return target(
      p,
      p === 'started_at' || p === 'completed_at'
        ? 'time'
        : p === 'duration_seconds'
          ? 'number'
          : p === 'language'
            ? 'language'
            : p === 'status'
              ? 'status'
              : p === 'excluded'
                ? 'category'
                : 'text',
    );
  }
  const name = spec.question!;
  const q = findQuestion(study, name);
  const refuse = (key: 'option' | 'item' | 'other') => (spec[key] !== undefined ? `${path}.${key}: "${name}" is a question of kind ${q!.kind}, which has no ${key} to name` : null);
  if (!q) {
    // directly a variable of our CSV export (a matrix item, a dichotomy…)
    const v = variables.get(name);
    if (!v || v.question === null) return `${path}.question: the study has no question or variable "${name}"`;
    if (spec.option !== undefined || spec.item !== undefined || spec.other) return `${path}.question: "${name}" is a variable, not a question: it takes no option, item or other`;
    return target(name, v.set ? 'dichotomy' : v.type === 'date' ? 'day' : (v.type as TargetKind), v.set ? { set: v.set } : {});
  }
  switch (q.kind) {
    case 'multiple': {
      if (spec.item !== undefined) return refuse('item')!;
      if (spec.other) {
        if (!q.other) return `${path}.other: "${name}" has no "other, please specify" option`;
        return target(otherKey(q.name), 'text', { otherDichotomy: `${q.name}_${q.other.code}`, set: q.name });
      }
      if (spec.option === undefined) return `${path}.option: "${name}" is a multiple choice: say which option this column is ticked for (option: its code or export code)`;
      const o = optionOf([...q.options, ...(q.other ? [q.other] : [])], spec.option);
      if (!o)
        return `${path}.option: "${name}" has no option ${JSON.stringify(spec.option)} (its options: ${[...q.options, ...(q.other ? [q.other] : [])].map((x) => x.exportCode ?? x.code).join(', ')})`;
      return target(`${q.name}_${o.code}`, 'dichotomy', { set: q.name });
    }
    case 'single':
      if (spec.option !== undefined || spec.item !== undefined) return (refuse('option') ?? refuse('item'))!;
      if (spec.other) return q.other ? target(otherKey(q.name), 'text') : `${path}.other: "${name}" has no "other, please specify" option`;
      return target(q.name, 'category');
    case 'scale':
    case 'consent':
    case 'number':
    case 'text':
    case 'date': {
      const problem = refuse('option') ?? refuse('item') ?? refuse('other');
      if (problem) return problem;
      return target(q.name, q.kind === 'number' ? 'number' : q.kind === 'text' ? 'text' : q.kind === 'date' ? 'day' : 'category');
    }
    case 'matrix':
    case 'numbers': {
      const problem = refuse('option') ?? refuse('other');
      if (problem) return problem;
      if (spec.item === undefined) return `${path}.item: "${name}" has items: say which item this column is (item: its name)`;
      const item = q.items.find((i) => i.name === spec.item || i.exportCode === spec.item);
      if (!item) return `${path}.item: "${name}" has no item "${spec.item}" (its items: ${q.items.map((i) => i.name).join(', ')})`;
      return q.kind === 'matrix' ? target(item.name, 'category') : target(numbersItemKey(q, item), 'number');
    }
    case 'textgrid': {
      const problem = refuse('option') ?? refuse('other');
      if (problem) return problem;
      const cells = textGridCells(q);
      const cell = cells.find((c) => `${c.row.name}_${c.column.name}` === spec.item);
      if (!cell) return `${path}.item: "${name}" has no cell "${spec.item ?? ''}" (its cells: ${cells.map((c) => `${c.row.name}_${c.column.name}`).join(', ')})`;
      return target(cell.key, 'text');
    }
    case 'ranking': {
      const problem = refuse('item') ?? refuse('other');
      if (problem) return problem;
      if (spec.option === undefined) return `${path}.option: "${name}" is a ranking: say which option's rank this column holds (option)`;
      const o = optionOf(q.options, spec.option);
      if (!o) return `${path}.option: "${name}" has no option ${JSON.stringify(spec.option)} (its options: ${q.options.map((x) => x.exportCode ?? x.code).join(', ')})`;
      return target(rankKey(q.name, o.code), 'number');
    }
    case 'info':
      return `${path}.question: "${name}" is a text between questions, with no answer`;
  }
}

/** A source file as a table of text cells, each data row with the line it starts on. */
interface SourceTable {
  readonly header: readonly string[];
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
  readonly valueLabels: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly sav: boolean;
  /** CSV: the separator read */
  readonly separator?: ',' | ';' | '\t';
}

const isSav = (file: Buffer) => ['$FL2', '$FL3'].includes(file.subarray(0, 4).toString('latin1'));

async function readSource(file: Buffer, mapping: ResponseMapping): Promise<SourceTable> {
  const sav = isSav(file);
  if (mapping.format === 'sav' && !sav) throw new AppError('INVALID_INPUT', 'the file is not an SPSS .sav file (the mapping says format "sav")', { field: 'file' });
  if (mapping.format === 'csv' && sav) throw new AppError('INVALID_INPUT', 'the file is an SPSS .sav file (the mapping says format "csv")', { field: 'file' });
  if (sav) {
    const table = await readSavTable(file);
    // case k is on line k + 1, as in a CSV file with its header
    return { header: table.header, rows: table.rows.map((cells, k) => ({ line: k + 2, cells })), valueLabels: table.valueLabels, sav: true };
  }
  let text: string;
  try {
    text = new TextDecoder(mapping.encoding, { fatal: true }).decode(file);
  } catch {
    throw new AppError('INVALID_INPUT', `the file is not ${mapping.encoding} text: say its encoding in the mapping ("encoding": "windows-1252")`, { field: 'file' });
  }
  text = text.replace(/^\ufeff/, '');
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? '';
  const count = (s: string) => firstLine.split(s).length - 1;
  const separator = mapping.separator ?? ([';', '\t', ','] as const).reduce((best, s) => (count(s) > count(best) ? s : best), ',' as ',' | ';' | '\t');
  const records = csvRecordsSync(text, separator).filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''));
  const [header, ...rows] = records;
  if (!header) throw new AppError('INVALID_INPUT', 'the file is empty', { field: 'file' });
  return { header: header.cells.map((c) => c.trim()), rows, valueLabels: new Map(), sav: false, separator };
}

/**
 * Converts a response file whose columns and codes are not ours (a past wave as CSV or SPSS .sav) to the
 * columns of our CSV export, following a mapping file (see `ZResponseMapping` for its format): each column
 * of the file fills a question, an option's 0/1 column, a matrix or multiple numeric item, an "other" text,
 * a rank or paradata (dates, duration, language, status, exclusion), its values recoded to the study's codes
 * when the mapping says how; dates read in the formats it names; numbers with a decimal comma when the file
 * has one. `importResponsesCsv` then checks every line with the study.
 * Throws AppError('INVALID_INPUT'), storing nothing, for a mapping that is not valid (naming the field's path),
 * a column of the file neither mapped nor ignored, a mapped column the file lacks, a question, option or item
 * the study lacks, and for values the mapping cannot read (listed by line, column and value in
 * `details.rejected`: a value with no recoding, a date not in its format).
 */
export async function mappedResponses(study: Study, file: Buffer, mappingFile: Buffer | string): Promise<MappedResponses> {
  const mapping = readResponseMapping(mappingFile);
  const table = await readSource(file, mapping);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const column of table.header) {
    if (seen.has(column)) problems.push(`the file has two columns named ${column}`);
    seen.add(column);
  }
  const unmapped = table.header.filter((c) => !Object.hasOwn(mapping.columns, c) && !mapping.ignore.includes(c));
  if (unmapped.length > 0)
    problems.push(`column${unmapped.length > 1 ? 's' : ''} ${unmapped.join(', ')} of the file ${unmapped.length > 1 ? 'are' : 'is'} neither in "columns" nor in "ignore"`);
  for (const column of Object.keys(mapping.columns)) if (!seen.has(column)) problems.push(`columns.${column}: the file has no column ${column}`);
  const variables = new Map(exportVariables(study, { withStatus: true, includeIdentifying: true }).variables.map((v) => [v.name, v]));
  const targets = new Map<string, Target>();
  const filledBy = new Map<string, string>();
  for (const [source, spec] of Object.entries(mapping.columns)) {
    const target = resolveTarget(study, source, spec, variables);
    if (typeof target === 'string') {
      problems.push(target);
      continue;
    }
    const path = `columns.${source}`;
    if (filledBy.has(target.variable)) problems.push(`${path}: fills ${target.variable}, as column ${filledBy.get(target.variable)} does`);
    filledBy.set(target.variable, source);
    if ((spec.selected || spec.notSelected) && target.kind !== 'dichotomy') problems.push(`${path}.selected: ${target.variable} is not an option of a multiple choice`);
    if (spec.format !== undefined && target.kind !== 'day' && target.kind !== 'time') problems.push(`${path}.format: ${target.variable} is not a date`);
    if (spec.labels && !table.sav) problems.push(`${path}.labels: value labels come with a .sav file, not a CSV file`);
    else if (spec.labels && !table.valueLabels.has(source)) problems.push(`${path}.labels: the .sav file has no value labels for ${source}`);
    targets.set(source, target);
  }
  if (problems.length > 0) throw invalid(problems);

  // a multiple choice's "other" text ticks its option when no column says whether it is ticked
  const others = [...targets.values()].filter((t) => t.otherDichotomy && !filledBy.has(t.otherDichotomy));
  const written = new Set([...targets.values()].map((t) => t.variable));
  for (const t of others) written.add(t.otherDichotomy!);
  written.add('status');
  const outColumns = [...PARADATA_ORDER.filter((p) => written.has(p)), ...[...variables.keys()].filter((v) => !PARADATA_ORDER.includes(v) && written.has(v))];
  const sets = new Map<string, string[]>();
  for (const t of [...targets.values(), ...others.map((o) => ({ ...o, variable: o.otherDichotomy!, kind: 'dichotomy' as const }))]) {
    if (t.kind === 'dichotomy' && t.set) sets.set(t.set, [...(sets.get(t.set) ?? []), t.variable]);
  }
  const texts = new Set([...targets.values()].filter((t) => t.kind === 'text').map((t) => t.variable));

  const decimalComma = !table.sav && (mapping.decimal ?? (table.separator === ';' ? ',' : '.')) === ',';
  const readers = new Map<string, readonly DateFormatReader[]>();
  const defaultReaders = DEFAULT_DATE_FORMATS.map(dateFormatReader);
  for (const t of targets.values()) {
    const formats = t.spec.format === undefined ? null : typeof t.spec.format === 'string' ? [t.spec.format] : t.spec.format;
    readers.set(t.source, formats ? formats.map(dateFormatReader) : defaultReaders);
  }
  // a .sav date variable arrives as an ISO day or time already (read-sav-table.ts)
  const savDates = new Set<string>();
  if (table.sav) for (const t of targets.values()) if (t.kind === 'day' || t.kind === 'time') savDates.add(t.source);

  const rejected: ImportRejection[] = [];
  let rejectedCount = 0;
  const lines = [outColumns.join(',')];
  let outLine = 1;
  const columnIndex = table.header.map((c) => targets.get(c) ?? null);
  for (const row of table.rows) {
    const out = new Map<string, string>();
    const reject = (column: string, code: string, message: string) => {
      rejectedCount++;
      if (rejected.length < 1000) rejected.push({ line: row.line, column, code, message });
    };
    // a line longer or shorter than the header: its cells cannot be told apart
    if (!table.sav && row.cells.length !== table.header.length) reject('', 'wrong_cell_count', `${row.cells.length} cells, the header has ${table.header.length}`);
    columnIndex.forEach((t, k) => {
      if (!t) return;
      const raw = row.cells[k] ?? '';
      const spec = t.spec;
      const path = `columns.${t.source}`;
      let value = t.kind === 'text' ? raw : raw.trim();
      if (spec.labels && value.trim() !== '') {
        const label = table.valueLabels.get(t.source)?.get(value.trim());
        if (label === undefined) return reject(t.source, 'no_value_label', `value ${JSON.stringify(value)} has no value label in the .sav file (${path}.labels)`);
        value = label;
      }
      if (spec.values) {
        const key = value.trim();
        if (Object.hasOwn(spec.values, key)) {
          const recoded = spec.values[key];
          value = recoded === null || recoded === undefined ? '' : String(recoded);
        } else if (key !== '') return reject(t.source, 'no_recoding', `value ${JSON.stringify(key)} has no recoding in the mapping (${path}.values)`);
      }
      if (t.kind !== 'text' && value.trim() === '') return;
      const v = value.trim();
      switch (t.kind) {
        case 'dichotomy': {
          const selected = spec.selected ?? ['1'];
          const notSelected = spec.notSelected ?? ['0'];
          if (selected.includes(v)) out.set(t.variable, '1');
          else if (notSelected.includes(v)) out.set(t.variable, '0');
          else
            reject(
              t.source,
              'not_a_choice',
              `value ${JSON.stringify(v)} is neither ticked (${selected.join(', ')}) nor not ticked (${notSelected.join(', ')}): say which in ${path}.selected and ${path}.notSelected`,
            );
          return;
        }
        case 'number':
          out.set(t.variable, decimalComma ? v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.') : v);
          return;
        case 'text':
          if (value !== '') out.set(t.variable, value);
          if (t.otherDichotomy && !filledBy.has(t.otherDichotomy) && value.trim() !== '') out.set(t.otherDichotomy, '1');
          return;
        case 'day': {
          const day = readDay(v, savDates.has(t.source) ? defaultReaders : readers.get(t.source)!);
          if (day === null) return reject(t.source, 'not_a_date', `${JSON.stringify(v)} is not a date in the format ${formatsOf(spec, savDates.has(t.source))}`);
          out.set(t.variable, day);
          return;
        }
        case 'time': {
          const time = readDateTime(v, savDates.has(t.source) ? defaultReaders : readers.get(t.source)!, mapping.utcOffset);
          if (time === null) return reject(t.source, 'not_a_date', `${JSON.stringify(v)} is not a date in the format ${formatsOf(spec, savDates.has(t.source))}`);
          out.set(t.variable, time);
          return;
        }
        case 'status': {
          const s = v.toLowerCase();
          if (s === 'complete' || s === '1') out.set('status', '1');
          else if (s === 'partial' || s === '2') out.set('status', '2');
          else reject(t.source, 'unknown_status', `value ${JSON.stringify(v)} is neither complete (1) nor partial (2): recode it in ${path}.values`);
          return;
        }
        default:
          out.set(t.variable, v);
      }
    });
    // a multiple choice with one box answered: its other boxes are not ticked
    for (const dichotomies of sets.values()) if (dichotomies.some((d) => out.has(d))) for (const d of dichotomies) if (!out.has(d)) out.set(d, '0');
    if (!out.has('status')) out.set('status', mapping.complete === 'completed_at' ? (out.has('completed_at') ? '1' : '2') : mapping.complete ? '1' : '2');
    // blank lines keep our line numbers those of the source file, so that the import's rejections name the file's lines
    while (outLine < row.line - 1) {
      lines.push('');
      outLine++;
    }
    const record = ourCsvLine(outColumns, out, texts);
    lines.push(record);
    outLine += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
  }
  if (rejectedCount > 0) {
    const listed = rejected.slice(0, 10).map((r) => `line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.message}`);
    throw new AppError(
      'INVALID_INPUT',
      `${rejectedCount} value${rejectedCount > 1 ? 's' : ''} of the file cannot be read with the mapping (nothing imported): ${listed.join('; ')}${rejectedCount > 10 ? '; …' : ''}`,
      { field: 'file', rejected, rejectedCount },
    );
  }
  return Object.freeze({
    kind: 'mapped-responses',
    csv: lines.join('\r\n') + '\r\n',
    columns: Object.freeze(
      table.header.map((source) => {
        const t = targets.get(source);
        return { source, variables: t ? [t.variable, ...(t.otherDichotomy && !filledBy.has(t.otherDichotomy) ? [t.otherDichotomy] : [])] : [] };
      }),
    ),
    leftOut: Object.freeze(table.header.filter((c) => mapping.ignore.includes(c))),
    unknown: Object.freeze([]),
  });
}

const formatsOf = (spec: MappedColumn, sav: boolean) =>
  sav || spec.format === undefined ? 'YYYY-MM-DD (or YYYY-MM-DD HH:mm:ss)' : (typeof spec.format === 'string' ? [spec.format] : spec.format).join(' or ');
