import { csvRecordsSync } from '../analysis/read-csv.js';
import { allQuestions, numbersItemKey, otherKey, rankKey, type Option, type Question, type Study } from '../study/index.js';
import { ourCsvLine } from './csv-cell.js';
import { exportVariables } from './export-variables.js';
import type { ConvertedResponses, SourceColumn } from './response-sources.js';

/** LimeSurvey's own columns of a response export: read (dates, language) or left out (listed). */
const METADATA_READ = new Set(['submitdate', 'startdate', 'startlanguage', 'datestamp']);
const METADATA_LEFT_OUT = new Set(['id', 'lastpage', 'seed', 'refurl', 'ipaddr', 'token', 'interviewtime']);

/** What a LimeSurvey response export becomes: our CSV (the columns of `barometre export`), and the columns left out. */
export interface LimeSurveyResponses extends ConvertedResponses {
  readonly kind: 'limesurvey-responses';
  // columns: each column of the export, in its order; leftOut: LimeSurvey's bookkeeping columns (row id, last
  // page, seed, referrer, IP address, token, timings); the CSV keeps the source codes
}

/** A LimeSurvey date `2024-03-01 09:07:30` as ISO 8601 UTC (LimeSurvey writes the server's local time without zone: read as UTC). */
function isoTime(text: string): string {
  const t = text.trim();
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(t) ? `${t.replace(' ', 'T')}Z` : t;
}

const byExportCode = (options: readonly Option[], code: string) => options.find((o) => (o.exportCode ?? String(o.code)) === code);

/**
 * Converts a LimeSurvey response export (CSV, "question code" headings, "answer codes" values: `Q1`,
 * `Q2[SQ001]`, `Q3[other]`, `Y` for a ticked option, `-oth-` for "other") of a questionnaire imported from
 * that survey into the columns of our CSV export, keeping the source codes (which the import reads through
 * the options' export codes): single choices and scales by answer code, multiple choices as one 0/1 column per
 * option (all empty when the question was not answered), matrices by subquestion, rankings from their
 * `Q[1]`, `Q[2]` rank columns, multiple numerics by subquestion, "other" texts; `submitdate` makes a response
 * complete and gives its completion time, `startdate` its start, `startlanguage` its language. Question codes
 * are matched with the study's variable names case-insensitively, as the LimeSurvey importer names them.
 */
export function limeSurveyResponses(study: Study, text: string): LimeSurveyResponses {
  const records = csvRecordsSync(text.replace(/^\ufeff/, ''), text.split(/\r?\n/, 1)[0]!.includes(';') && !text.split(/\r?\n/, 1)[0]!.includes(',') ? ';' : ',');
  const [header, ...rows] = records.map((r) => r.cells);
  if (!header) return { kind: 'limesurvey-responses', csv: '', columns: [], leftOut: [], unknown: [] };
  const questions = new Map<string, Question>(allQuestions(study).map(({ question }) => [question.name, question]));
  const leftOut: string[] = [];
  const unknown: string[] = [];
  /** each source column: how it writes into our row */
  type Writer = (cell: string, out: Map<string, string>) => void;
  const writers: (Writer | null)[] = [];
  /** the variables each column fills, in the header's order */
  const sourceColumns: SourceColumn[] = [];
  const fills = (column: string, variables: readonly string[]) => sourceColumns.push(Object.freeze({ source: column, variables: Object.freeze([...variables]) }));
  const outColumns = new Set<string>(['status', 'started_at', 'completed_at', 'language']);
  const add = (name: string) => outColumns.add(name);
  // multiple choices: their dichotomies are all empty unless a box of the question is ticked
  const multiples = new Map<string, { question: Question & { kind: 'multiple' }; columns: string[] }>();
  // an unknown column keeps its name for importResponsesCsv to refuse, unless one of our columns has it (it would be read or ignored)
  const reserved = new Set(exportVariables(study, { withStatus: true, withWeight: true, includeIdentifying: true }).variables.map((v) => v.name));
  const unknownColumn = (column: string) => (reserved.has(column) || outColumns.has(column) ? `${column} (LimeSurvey column)` : column);
  for (const raw of header) {
    const column = raw.trim();
    // LimeSurvey writes its own columns in lower case; a question coded STARTDATE is a question
    const lower = column;
    if (METADATA_READ.has(lower)) {
      fills(column, lower === 'submitdate' ? ['completed_at', 'status'] : lower === 'startdate' ? ['started_at'] : lower === 'startlanguage' ? ['language'] : []);
      writers.push(
        lower === 'submitdate'
          ? (cell, out) => {
              if (cell.trim() !== '') out.set('completed_at', isoTime(cell));
            }
          : lower === 'startdate'
            ? (cell, out) => {
                if (cell.trim() !== '') out.set('started_at', isoTime(cell));
              }
            : lower === 'startlanguage'
              ? (cell, out) => {
                  if (cell.trim() !== '') out.set('language', cell.trim());
                }
              : null,
      );
      continue;
    }
    if (METADATA_LEFT_OUT.has(lower) || /^[a-z0-9]+time$/.test(lower)) {
      leftOut.push(column);
      fills(column, []);
      writers.push(null);
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9_]*)(?:\[([^\]]+)\])?$/.exec(column);
    const q = m ? questions.get(m[1]!.toLowerCase()) : undefined;
    if (!m || !q) {
      unknown.push(column);
      fills(column, []);
      const written = unknownColumn(column);
      add(written);
      writers.push((cell, out) => out.set(written, cell));
      continue;
    }
    const sub = m[2];
    let writer: Writer | null = null;
    let variables: string[] = [];
    if (sub === 'other' || sub === 'comment') {
      if ((q.kind === 'single' || q.kind === 'multiple') && q.other && sub === 'other') {
        const key = otherKey(q.name);
        add(key);
        variables = q.kind === 'multiple' ? [key, `${q.name}_${q.other.code}`] : [key];
        writer = (cell, out) => {
          if (cell !== '') out.set(key, cell);
          if (q.kind === 'multiple' && cell.trim() !== '') out.set(`${q.name}_${q.other!.code}`, '1');
        };
        if (q.kind === 'multiple') {
          const entry = multiples.get(q.name) ?? { question: q, columns: [] };
          entry.columns.push(`${q.name}_${q.other.code}`);
          multiples.set(q.name, entry);
          add(`${q.name}_${q.other.code}`);
        }
      }
    } else if (sub === undefined) {
      if (q.kind === 'single' || q.kind === 'scale' || q.kind === 'number' || q.kind === 'text' || q.kind === 'consent') {
        add(q.name);
        variables = [q.name];
        writer =
          q.kind === 'single' && q.other
            ? (cell, out) => {
                if (cell !== '') out.set(q.name, cell === '-oth-' ? (q.other!.exportCode ?? String(q.other!.code)) : cell);
              }
            : (cell, out) => {
                if (cell !== '') out.set(q.name, cell);
              };
      } else if (q.kind === 'date') {
        add(q.name);
        variables = [q.name];
        writer = (cell, out) => {
          if (cell.trim() !== '') out.set(q.name, cell.trim().slice(0, 10));
        };
      }
    } else if (q.kind === 'multiple') {
      const option = byExportCode(q.options, sub);
      if (option) {
        const name = `${q.name}_${option.code}`;
        add(name);
        variables = [name];
        const entry = multiples.get(q.name) ?? { question: q, columns: [] };
        entry.columns.push(name);
        multiples.set(q.name, entry);
        writer = (cell, out) => {
          if (cell.trim() !== '') out.set(name, cell.trim() === 'Y' || cell.trim() === '1' ? '1' : '0');
        };
      }
    } else if (q.kind === 'matrix') {
      const item = q.items.find((i) => (i.exportCode ?? i.name).toLowerCase() === sub.toLowerCase());
      if (item) {
        add(item.name);
        variables = [item.name];
        writer = (cell, out) => {
          if (cell !== '') out.set(item.name, cell);
        };
      }
    } else if (q.kind === 'ranking' && /^\d+$/.test(sub)) {
      const rank = Number(sub);
      for (const o of q.options) add(rankKey(q.name, o.code));
      variables = q.options.map((o) => rankKey(q.name, o.code));
      writer = (cell, out) => {
        const option = cell.trim() === '' ? undefined : byExportCode(q.options, cell.trim());
        if (option) out.set(rankKey(q.name, option.code), String(rank));
        else if (cell.trim() !== '') out.set(`${q.name}[${sub}]`, cell);
      };
    } else if (q.kind === 'numbers') {
      const item = q.items.find((i) => (i.exportCode ?? i.name).toLowerCase() === sub.toLowerCase());
      if (item) {
        const key = numbersItemKey(q, item);
        add(key);
        variables = [key];
        writer = (cell, out) => {
          if (cell.trim() !== '') out.set(key, cell.trim());
        };
      }
    }
    if (!writer) {
      unknown.push(column);
      const written = unknownColumn(column);
      add(written);
      writer = (cell, out) => out.set(written, cell);
      variables = [];
    }
    fills(column, variables);
    writers.push(writer);
  }
  const columns = [...outColumns];
  // texts are neutralised as our exports write them (the import reads them back so); codes and numbers only quoted
  const texts = new Set(
    [...questions.values()].flatMap((q) => [...(q.kind === 'text' ? [q.name] : []), ...((q.kind === 'single' || q.kind === 'multiple') && q.other ? [otherKey(q.name)] : [])]),
  );
  const lines = [columns.join(',')];
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue;
    const out = new Map<string, string>();
    row.forEach((cell, k) => writers[k]?.(cell, out));
    // a multiple choice nobody ticked in stays unanswered; one ticked box makes the others "not selected"
    for (const { columns: dichotomies } of multiples.values()) {
      if (dichotomies.some((c) => out.get(c) === '1')) {
        for (const c of dichotomies) if (!out.has(c)) out.set(c, '0');
      } else {
        for (const c of dichotomies) out.delete(c);
      }
    }
    out.set('status', out.has('completed_at') ? '1' : '2');
    lines.push(ourCsvLine(columns, out, texts));
  }
  return Object.freeze({
    kind: 'limesurvey-responses',
    csv: lines.join('\r\n') + '\r\n',
    columns: Object.freeze(sourceColumns),
    leftOut: Object.freeze(leftOut),
    unknown: Object.freeze(unknown),
  });
}
