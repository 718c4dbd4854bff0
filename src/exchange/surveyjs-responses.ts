import { z } from 'zod';
import { AppError } from '../app-error.js';
import { allQuestions, numbersItemKey, otherKey, rankKey, textGridCells, type Option, type Question, type Study } from '../study/index.js';
import { ourCsvLine, quoteCell } from './csv-cell.js';
import { exportVariables } from './export-variables.js';
import { variableNameOf } from './questionnaire-import.js';
import type { ConvertedResponses, SourceColumn } from './response-sources.js';
import { readSurveyJsRecords } from './surveyjs-records.js';

/** The suffix of the key of a question's comment (its "other" text, or its comment box): SurveyJS's `settings.commentSuffix`. */
const COMMENT_SUFFIX = '-Comment';
/** The value SurveyJS records for its "other" item. */
const OTHER_VALUE = 'other';
/** Metadata keys read when no question has the name, and the column of our CSV each fills. */
const META_READ: Readonly<Record<string, string>> = {
  startedAt: 'started_at',
  completedAt: 'completed_at',
  createdAt: 'completed_at',
  locale: 'language',
  language: 'language',
  isPartialCompleted: 'status',
};
/** Bookkeeping keys of stored results left out (listed, never imported): ids of the record, the survey and the respondent. */
const META_LEFT_OUT = new Set(['id', '_id', 'postId', 'clientId', 'surveyId', 'updatedAt']);
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Problems listed in the error before the rest are counted. */
const MAX_LISTED = 20;

/** What a SurveyJS results file becomes: our CSV (the columns of `barometre export`), with how its keys were read. */
export interface SurveyJsResponses extends ConvertedResponses {
  readonly kind: 'surveyjs-responses';
  // csv: one line per result in the file's order; columns: each key met, in order of first appearance;
  // leftOut: bookkeeping keys (record, survey and respondent ids); unknown: keys naming no question
  /** results read */
  readonly records: number;
}

const ZScalar = z.union([z.string(), z.number(), z.boolean()], { error: 'an answer here is one value (a text, a number or true/false), not a list or an object' });
const ZList = z.array(z.union([z.string(), z.number(), z.boolean()]), { error: 'an answer here is a list of choice values' });
const ZCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ZObject = z.record(z.string(), z.union([ZCell, z.record(z.string(), ZCell)]), { error: 'an answer here is an object keyed by row or item' });
const ZDate = z.union([z.string(), z.number()], { error: 'a date and time such as 2025-03-01T09:30:00Z' });

type Out = Map<string, string>;
type Issue = (message: string) => void;
/** How one key of a result writes into our row. */
interface Plan {
  readonly variables: readonly string[];
  readonly schema: z.ZodType | null;
  readonly write: (value: never, out: Out, issue: Issue) => void;
  /** unknown keys are written under this column, which importResponsesCsv refuses by name */
  readonly unknownColumn?: string;
  readonly leftOut?: true;
}

const codeOf = (option: Option) => option.exportCode ?? String(option.code);
const optionOf = (options: readonly Option[], value: unknown) => options.find((o) => codeOf(o) === String(value));
const listOf = (options: readonly Option[]) => options.map(codeOf).join(', ');
const empty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** A time of a result as ISO 8601 UTC: ISO texts (without a zone: read as UTC) or milliseconds since 1970. */
function isoTime(value: string | number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? new Date(value).toISOString() : null;
  const text = value.trim();
  if (!ISO_TIME.test(text)) return null;
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text) || text.length === 10 ? text : `${text}Z`;
  const time = Date.parse(zoned.replace(' ', 'T'));
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}

/** The plan of an answer key naming question `q`. */
function answerPlan(q: Question, texts: Set<string>): Plan | null {
  const name = q.name;
  switch (q.kind) {
    case 'single':
    case 'scale': {
      const options = q.kind === 'single' ? q.options : [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])];
      const other = q.kind === 'single' ? q.other : undefined;
      if (other) texts.add(otherKey(name));
      return {
        variables: other ? [name, otherKey(name)] : [name],
        schema: ZScalar,
        write: (value: string | number | boolean, out, issue) => {
          const option = optionOf(options, value);
          if (option) out.set(name, String(option.code));
          else if (other && String(value) === (other.exportCode ?? OTHER_VALUE)) out.set(name, String(other.code));
          else if (other && typeof value === 'string') {
            // storeOthersAsComment: false: the "other" text stands in the value
            out.set(name, String(other.code));
            out.set(otherKey(name), value);
          } else issue(`${JSON.stringify(value)} is not a choice of ${name} (${listOf(options)}${other ? `, ${other.exportCode ?? OTHER_VALUE}` : ''})`);
        },
      };
    }
    case 'consent':
      return {
        variables: [name],
        schema: ZScalar,
        write: (value: string | number | boolean, out, issue) => {
          const text = String(value);
          if (text === 'true' || text === '1') out.set(name, '1');
          else if (text === 'false' || text === '0') out.set(name, '0');
          else issue(`${JSON.stringify(value)} is not true or false`);
        },
      };
    case 'multiple': {
      const other = q.other;
      const dichotomies = [...q.options, ...(other ? [other] : [])].map((o) => `${name}_${o.code}`);
      if (other) texts.add(otherKey(name));
      return {
        variables: [...dichotomies, ...(other ? [otherKey(name)] : [])],
        schema: ZList,
        write: (values: (string | number | boolean)[], out, issue) => {
          if (values.length === 0) return;
          for (const d of dichotomies) out.set(d, '0');
          for (const value of values) {
            const option = optionOf(q.options, value);
            if (option) out.set(`${name}_${option.code}`, '1');
            else if (other && String(value) === (other.exportCode ?? OTHER_VALUE)) out.set(`${name}_${other.code}`, '1');
            else if (other && typeof value === 'string') {
              out.set(`${name}_${other.code}`, '1');
              out.set(otherKey(name), value);
            } else issue(`${JSON.stringify(value)} is not a choice of ${name} (${listOf(q.options)}${other ? `, ${other.exportCode ?? OTHER_VALUE}` : ''})`);
          }
        },
      };
    }
    case 'ranking':
      return {
        variables: q.options.map((o) => rankKey(name, o.code)),
        schema: ZList,
        write: (values: (string | number | boolean)[], out, issue) => {
          values.forEach((value, k) => {
            const option = optionOf(q.options, value);
            if (!option) return issue(`${JSON.stringify(value)} is not a choice of ${name} (${listOf(q.options)})`);
            const key = rankKey(name, option.code);
            if (out.has(key)) return issue(`${JSON.stringify(value)} is ranked twice`);
            out.set(key, String(k + 1));
          });
        },
      };
    case 'matrix': {
      const points = [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])];
      // a row's SurveyJS value: its export code, else what the importer put after the question's name
      const rowOf = (row: string) =>
        q.items.find((i) => i.exportCode === row) ?? q.items.find((i) => i.exportCode === undefined && (i.name === variableNameOf(`${name}_${row}`, 'q') || i.name === row));
      return {
        variables: q.items.map((i) => i.name),
        schema: ZObject,
        write: (rows: Record<string, unknown>, out, issue) => {
          for (const [row, value] of Object.entries(rows)) {
            const item = rowOf(row);
            if (!item) issue(`"${row}" is not a row of ${name} (${q.items.map((i) => i.exportCode ?? i.name.slice(name.length + 1)).join(', ')})`);
            else if (empty(value)) continue;
            else if (typeof value === 'object') issue(`row "${row}": one column value, not an object`);
            else {
              const point = optionOf(points, value);
              if (point) out.set(item.name, String(point.code));
              else issue(`row "${row}": ${JSON.stringify(value)} is not a column of ${name} (${listOf(points)})`);
            }
          }
        },
      };
    }
    case 'numbers': {
      const itemOf = (key: string) => q.items.find((i) => (i.exportCode ?? i.name) === key);
      return {
        variables: q.items.map((i) => numbersItemKey(q, i)),
        schema: ZObject,
        write: (items: Record<string, unknown>, out, issue) => {
          for (const [key, value] of Object.entries(items)) {
            const item = itemOf(key);
            if (!item) issue(`"${key}" is not an item of ${name} (${q.items.map((i) => i.exportCode ?? i.name).join(', ')})`);
            else if (empty(value)) continue;
            else if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))))
              out.set(numbersItemKey(q, item), String(value).trim());
            else issue(`item "${key}": ${JSON.stringify(value)} is not a number`);
          }
        },
      };
    }
    case 'textgrid': {
      const cells = textGridCells(q);
      for (const c of cells) texts.add(c.key);
      const keyOf = (item: { name: string; exportCode?: string }) => item.exportCode ?? item.name;
      return {
        variables: cells.map((c) => c.key),
        schema: ZObject,
        write: (rows: Record<string, unknown>, out, issue) => {
          for (const [row, value] of Object.entries(rows)) {
            const item = q.rows.find((r) => keyOf(r) === row);
            if (!item) {
              issue(`"${row}" is not an item of ${name} (${q.rows.map(keyOf).join(', ')})`);
              continue;
            }
            // one text per item (a SurveyJS multipletext), or per column when the grid has several
            const byColumn: [string, unknown][] = typeof value === 'object' && value !== null ? Object.entries(value) : [[keyOf(q.columns[0]!), value]];
            if (typeof value !== 'object' && q.columns.length > 1) issue(`item "${row}": one text per column (${q.columns.map(keyOf).join(', ')}), not one text`);
            for (const [column, text] of byColumn) {
              const cell = cells.find((c) => c.row === item && keyOf(c.column) === column);
              if (!cell) issue(`item "${row}": "${column}" is not a column of ${name}`);
              else if (!empty(text)) out.set(cell.key, String(text));
            }
          }
        },
      };
    }
    case 'number':
      return {
        variables: [name],
        schema: ZScalar,
        write: (value: string | number | boolean, out, issue) => {
          if (typeof value !== 'boolean' && String(value).trim() !== '' && Number.isFinite(Number(value))) out.set(name, String(value).trim());
          else issue(`${JSON.stringify(value)} is not a number`);
        },
      };
    case 'text':
      texts.add(name);
      return { variables: [name], schema: ZScalar, write: (value: string | number | boolean, out) => out.set(name, String(value)) };
    case 'date':
      return {
        variables: [name],
        schema: ZScalar,
        write: (value: string | number | boolean, out, issue) => {
          // SurveyJS's date input gives the day; a date and time keeps its day
          if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}([T ]|$)/.test(value.trim())) out.set(name, value.trim().slice(0, 10));
          else issue(`${JSON.stringify(value)} is not a day written YYYY-MM-DD`);
        },
      };
    case 'info':
      return null;
  }
}

/** The plan of a metadata key. */
function metaPlan(key: string): Plan {
  const column = META_READ[key]!;
  if (column === 'status')
    return {
      variables: ['status'],
      schema: z.boolean({ error: 'isPartialCompleted is true or false' }),
      write: (value: boolean, out) => {
        if (value) out.set('status', '2');
      },
    };
  if (column === 'language')
    return {
      variables: ['language'],
      schema: z.string({ error: 'a language tag such as fr or pt-BR' }),
      write: (value: string, out, issue) => {
        if (value.trim() === '') return;
        if (LANGUAGE_TAG.test(value.trim())) out.set('language', value.trim());
        else issue(`"${value}" is not a language tag such as fr or pt-BR`);
      },
    };
  return {
    variables: [column],
    schema: ZDate,
    write: (value: string | number, out, issue) => {
      if (value === '') return;
      const time = isoTime(value);
      if (time === null) return issue(`${JSON.stringify(value)} is not a date and time such as 2025-03-01T09:30:00Z`);
      // completedAt wins over createdAt, whatever their order in the record
      if (key === 'createdAt' && out.has(column)) return;
      out.set(column, time);
    },
  };
}

/**
 * Converts SurveyJS results (what `survey.data` gives at `onComplete`, as SurveyJS users store it) of a
 * questionnaire imported from that survey (`importSurveyJs`) into the columns of our CSV export.
 *
 * The file: a JSON array of results, a root object holding that array (`data`, `Data` or `results`), one
 * result object, or newline-delimited JSON (one result per line). A result is either the answers themselves
 * (`{ "q1": "item2", "q2": ["a", "b"], "matrix": { "row1": "col2" }, "rank": ["c", "a"], "mt": { "item1": "x" },
 * "q2-Comment": "…" }`) or a wrapper holding them in `data` (or `surveyResult`, an object or its JSON text,
 * as SurveyJS's service protocol posts it) beside metadata.
 *
 * Keys name questions by their SurveyJS name (read as the importer named the variables: lower case,
 * accents removed, `_` for other characters); choice values are read through the options' export codes,
 * "other" (with its text in `name-Comment`, or standing in the value when the survey stored others in place,
 * `storeOthersAsComment: false`), none / refused / dontknow; matrices by row value, multipletext by item
 * name, rankings in rank order, booleans as true/false (or their valueTrue/valueFalse). Metadata, when no
 * question has the name: `startedAt`, `completedAt` (or `createdAt`) as ISO 8601 texts (UTC without a zone)
 * or milliseconds, `locale` (or `language`) as the response's language, `isPartialCompleted: true` for a
 * partial response; without them a response is complete, dated by the import, in the study's first
 * language (SurveyJS's default locale, which the importer puts first). The keys
 * `id`, `_id`, `postId`, `clientId`, `surveyId` and `updatedAt` are left out (listed); a comment box's
 * `name-Comment` is left out too (the importer does not keep comment boxes). Other keys are unknown.
 *
 * Category cells are written as storage codes, so that no source value is read as another option's code.
 * Throws AppError INVALID_INPUT naming the record (its index in the array, from 0; its line for
 * newline-delimited JSON) and the key of every value that is not of its question's shape or choices.
 */
export function surveyJsResponses(study: Study, text: string): SurveyJsResponses {
  const questions = new Map<string, Question>(allQuestions(study).map(({ question }) => [question.name, question]));
  const questionOf = (key: string) => questions.get(key) ?? questions.get(variableNameOf(key, 'q'));
  const records = readSurveyJsRecords(text, (key) => questionOf(key) !== undefined);
  // an unknown key is written under its name, unless that name is one of our columns (then importResponsesCsv would read or ignore it)
  const reserved = new Set(exportVariables(study, { withStatus: true, withWeight: true, includeIdentifying: true }).variables.map((v) => v.name));
  const texts = new Set<string>();
  const plans = new Map<string, Plan>();
  const columns: SourceColumn[] = [];
  const leftOut: string[] = [];
  const unknown: string[] = [];
  const unknownColumns = new Set<string>();
  const planOf = (key: string, inWrapper: boolean): Plan => {
    const id = `${inWrapper ? 'w' : 'd'}:${key}`;
    const known = plans.get(id);
    if (known) return known;
    let plan: Plan | null = null;
    const q = inWrapper ? undefined : questionOf(key);
    if (q) plan = answerPlan(q, texts);
    else if (!inWrapper && key.endsWith(COMMENT_SUFFIX) && questionOf(key.slice(0, -COMMENT_SUFFIX.length))) {
      const base = questionOf(key.slice(0, -COMMENT_SUFFIX.length))!;
      if ((base.kind === 'single' || base.kind === 'multiple') && base.other) {
        const column = otherKey(base.name);
        texts.add(column);
        plan = { variables: [column], schema: ZScalar, write: (value: string | number | boolean, out) => out.set(column, String(value)) };
      } else plan = { variables: [], schema: null, write: () => {}, leftOut: true };
    } else if (Object.hasOwn(META_READ, key)) plan = metaPlan(key);
    else if (META_LEFT_OUT.has(key)) plan = { variables: [], schema: null, write: () => {}, leftOut: true };
    if (!plan) {
      const column = reserved.has(key.trim()) || key.trim() === '' || unknownColumns.has(key) ? `${key} (SurveyJS key)` : key;
      unknownColumns.add(column);
      if (!unknown.includes(key)) unknown.push(key);
      plan = {
        variables: [],
        schema: null,
        unknownColumn: column,
        write: (value: unknown, out: Out) => out.set(column, typeof value === 'string' ? value : JSON.stringify(value)),
      };
    }
    if (plan.leftOut && !leftOut.includes(key)) leftOut.push(key);
    plans.set(id, plan);
    if (!columns.some((c) => c.source === key)) columns.push(Object.freeze({ source: key, variables: Object.freeze([...plan.variables]) }));
    return plan;
  };

  const issues: string[] = [];
  let issueCount = 0;
  const rows = records.map((record) => {
    const out: Out = new Map();
    const read = (entries: Record<string, unknown>, inWrapper: boolean) => {
      for (const [key, value] of Object.entries(entries)) {
        const plan = planOf(key, inWrapper);
        const issue = (message: string) => {
          issueCount++;
          if (issues.length < MAX_LISTED) issues.push(`${record.where}, key "${key}": ${message}`);
        };
        if (plan.schema === null) {
          if (plan.unknownColumn !== undefined) plan.write(value as never, out, issue);
          continue;
        }
        if (empty(value)) continue;
        const parsed = plan.schema.safeParse(value);
        if (!parsed.success) {
          issue(parsed.error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; '));
          continue;
        }
        plan.write(parsed.data as never, out, issue);
      }
    };
    read(record.wrapper, true);
    read(record.data, false);
    if (!out.has('status')) out.set('status', '1');
    // a result without its locale was answered in the survey's default locale: the study's first language
    if (!out.has('language')) out.set('language', study.languages[0]!);
    return out;
  });
  if (issueCount > 0)
    throw new AppError(
      'INVALID_INPUT',
      `SurveyJS results: ${issueCount} value${issueCount > 1 ? 's' : ''} not read:\n${issues.join('\n')}${issueCount > issues.length ? `\n… and ${issueCount - issues.length} more` : ''}`,
      { issues },
    );

  const header = [...new Set(['status', 'started_at', 'completed_at', 'language', ...[...plans.values()].flatMap((p) => (p.unknownColumn ? [p.unknownColumn] : p.variables))])];
  const lines = [header.map((h) => quoteCell(h, ',')).join(',')];
  for (const out of rows) lines.push(ourCsvLine(header, out, texts));
  return Object.freeze({
    kind: 'surveyjs-responses',
    csv: lines.join('\r\n') + '\r\n',
    columns: Object.freeze(columns),
    leftOut: Object.freeze(leftOut),
    unknown: Object.freeze(unknown),
    records: rows.length,
  });
}
