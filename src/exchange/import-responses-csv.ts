import { waveStudy } from '../analysis/wave-study.js';
import type { BulkResponse, Store, TransactionStore, Wave } from '../store/index.js';
import { columnLayout, packAnswers, validateResponse, type Answers, type Study } from '../study/index.js';
import { unneutraliseCell } from './csv-cell.js';
import { csvRecords } from '../analysis/read-csv.js';
import { exportVariables, type ExportVariable } from './export-variables.js';

/** One rejected cell or line: where, a stable code, and a message naming the value. */
export interface ImportRejection {
  readonly line: number;
  /** the column's variable name ('' for the whole line) */
  readonly column: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportResult {
  readonly kind: 'import-result';
  readonly imported: number;
  /** lines read (header excluded) */
  readonly lines: number;
  readonly rejected: readonly ImportRejection[];
  /** rejections beyond the first 1,000 are counted, not listed */
  readonly rejectedCount: number;
}

export interface ImportResponsesOptions {
  /** ',' or ';' (default: guessed from the header line); with ';' a decimal comma is accepted */
  readonly separator?: ',' | ';';
  /** import the valid lines even when some fail (default: nothing is imported if any line fails) */
  readonly skipInvalid?: boolean;
  readonly now?: Date;
  /** check every line and count what would be imported, then roll back: nothing is stored (the preview before a confirmation) */
  readonly dryRun?: boolean;
  /** called as lines are read, with the count so far (every 500 lines) */
  readonly onProgress?: (lines: number) => void;
  /**
   * runs in the import's transaction once its rows are in, before it commits (not when nothing is imported
   * because a line failed): a job records its result there, so that the rows and the result commit together
   */
  readonly beforeCommit?: (tx: TransactionStore, result: ImportResult) => Promise<void>;
}

/** Columns of an export that are not read back: the response id, the weights and the channel (set again on import). */
export const CSV_COLUMNS_LEFT_OUT: ReadonlySet<string> = new Set(['response_id', 'weight', 'weight_population', 'channel']);
/** The paradata columns of an export, read back (lineParadata). */
export const CSV_PARADATA_COLUMNS: ReadonlySet<string> = new Set(['exclusion_reason', 'started_at', 'completed_at', 'duration_seconds', 'language']);
// columns of an export that are not answers: the weights and the paradata
const META = new Set([...CSV_COLUMNS_LEFT_OUT, ...CSV_PARADATA_COLUMNS]);
const MAX_LISTED = 1000;

class Rollback extends Error {}

function parseCategory(v: ExportVariable, cell: string): number | undefined {
  if (/^-?\d+$/.test(cell)) return Number(cell);
  // the source questionnaire's code (`A1`, `Y`), then a label
  const level = v.levels.find((l) => l.exportCode === cell) ?? v.levels.find((l) => Object.values(l.label).includes(cell));
  return level?.code;
}

/** Cells of one line to answers, by the export's variable names; problems go to `reject`. */
function lineAnswers(
  study: Study,
  columns: readonly (ExportVariable | null)[],
  names: readonly string[],
  cells: string[],
  decimalComma: boolean,
  reject: (column: string, code: string, message: string) => void,
): { answers: Answers; status: 'complete' | 'partial'; excluded: boolean } {
  const answers: Answers = {};
  let status: 'complete' | 'partial' = 'complete';
  let excluded = false;
  const sets = new Map<string, number[]>();
  const answeredSets = new Set<string>();
  if (cells.length !== names.length) reject('', 'wrong_cell_count', `${cells.length} cells, the header has ${names.length}`);
  columns.forEach((v, k) => {
    const cell = cells[k] ?? '';
    if (v === null || cell === '') return;
    const name = names[k];
    if (v.type === 'text') {
      answers[name] = unneutraliseCell(cell);
      return;
    }
    if (v.type === 'date') {
      // the ISO day of a CSV export; validateResponse refuses anything else
      answers[name] = cell.trim();
      return;
    }
    if (v.type === 'number') {
      const text = decimalComma ? cell.replace(',', '.') : cell;
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) return reject(name, 'not_a_number', `"${cell}" is not a number`);
      answers[name] = n;
      return;
    }
    const code = parseCategory(v, cell);
    if (code === undefined) return reject(name, 'unknown_code', `"${cell}" is neither a code nor a label of ${name}`);
    if (name === 'status') {
      if (code !== 1 && code !== 2) return reject(name, 'unknown_code', `status ${code} is neither 1 (complete) nor 2 (partial)`);
      status = code === 1 ? 'complete' : 'partial';
    } else if (name === 'excluded') excluded = code === 1;
    else if (v.set) {
      if (code !== 0 && code !== 1) return reject(name, 'unknown_code', `${name} is 0 or 1, not ${code}`);
      answeredSets.add(v.set);
      const list = sets.get(v.set) ?? [];
      if (code === 1) list.push(Number(name.slice(v.set.length + 1)));
      sets.set(v.set, list);
    } else {
      const question = study.pages.flatMap((p) => p.questions).find((q) => q.name === name);
      answers[name] = question?.kind === 'consent' ? code === 1 : code;
    }
  });
  for (const set of answeredSets) answers[set] = sets.get(set)!;
  return { answers, status, excluded };
}

/** The paradata columns of an export, read back: the responses keep their dates, duration, language and exclusion reason. */
function lineParadata(
  cell: (name: string) => string,
  reject: (column: string, code: string, message: string) => void,
): { startedAt: string | null; completedAt: string | null; durationMs: number | null; language: string | null; exclusionReason: string | null } {
  const date = (name: string) => {
    const text = cell(name);
    if (text === '') return null;
    const time = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text.replace(' ', 'T')) : Number.NaN;
    if (!Number.isFinite(time)) {
      reject(name, 'not_a_date', `"${text}" is not a date and time such as 2026-03-01T09:30:00Z`);
      return null;
    }
    return new Date(time).toISOString();
  };
  const startedAt = date('started_at');
  const completedAt = date('completed_at');
  let durationMs: number | null = null;
  const duration = cell('duration_seconds');
  if (duration !== '') {
    const seconds = Number(duration.replace(',', '.'));
    if (!Number.isFinite(seconds) || seconds < 0) reject('duration_seconds', 'not_a_number', `"${duration}" is not a number of seconds`);
    else durationMs = Math.round(seconds * 1000);
  }
  const language = cell('language');
  if (language !== '' && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) reject('language', 'not_a_language', `"${language}" is not a language tag such as fr or pt-BR`);
  const reason = cell('exclusion_reason');
  return { startedAt, completedAt, durationMs, language: language || null, exclusionReason: reason === '' ? null : unneutraliseCell(reason) };
}

/**
 * Imports responses into a wave from CSV, matched by variable name (the columns of a CSV export: codes or
 * labels, multiple choices as dichotomies; `response_id`, the weights and `channel` are ignored, `status`,
 * `excluded` and the paradata read: the responses keep their start and completion dates, duration, language
 * and exclusion reason). Every line is checked by the study (validateResponse). Nothing is imported if any line fails,
 * unless `skipInvalid`. Streams the input; the inserts run in one transaction.
 */
export async function importResponsesCsv(
  store: Store,
  wave: Wave,
  input: AsyncIterable<string | Buffer> | Iterable<string>,
  options: ImportResponsesOptions = {},
): Promise<ImportResult> {
  const study = await waveStudy(store, wave);
  const layout = columnLayout(study);
  const byName = new Map(exportVariables(study, { withStatus: true, withWeight: true, includeIdentifying: true }).variables.map((v) => [v.name, v]));
  const rejected: ImportRejection[] = [];
  let rejectedCount = 0;
  let lines = 0;
  let imported = 0;
  const at = (options.now ?? new Date()).toISOString();

  async function* rows(): AsyncGenerator<BulkResponse> {
    let names: string[] | null = null;
    let columns: (ExportVariable | null)[] = [];
    let separator = options.separator;
    let records: AsyncGenerator<{ line: number; cells: string[] }> | null = null;
    // the separator is guessed from the first chunk's header when not given
    const chunks = (async function* () {
      for await (const chunk of input as AsyncIterable<string | Buffer>) {
        const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        if (!separator) {
          const header = text.split(/\r?\n/, 1)[0];
          separator = header.split(';').length > header.split(',').length ? ';' : ',';
        }
        yield text;
      }
    })();
    const iterator = chunks[Symbol.asyncIterator]();
    const firstChunk = await iterator.next();
    const replay = (async function* () {
      if (!firstChunk.done) yield firstChunk.value;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    })();
    records = csvRecords(replay, separator ?? ',');
    for await (const record of records) {
      if (names === null) {
        names = record.cells.map((c) => c.trim());
        columns = names.map((name) => {
          if (META.has(name)) return null;
          const v = byName.get(name);
          if (!v) {
            rejectedCount++;
            rejected.push({ line: record.line, column: name, code: 'unknown_column', message: `"${name}" is not a variable of ${study.id} version ${study.version}` });
          }
          return v ?? null;
        });
        if (rejected.length > 0) return;
        continue;
      }
      if (record.cells.length === 1 && record.cells[0] === '') continue;
      lines++;
      if (lines % 500 === 0) options.onProgress?.(lines);
      let failed = false;
      const columnsRejected = new Set<string>();
      const reject = (column: string, code: string, message: string) => {
        failed = true;
        columnsRejected.add(column);
        rejectedCount++;
        if (rejected.length < MAX_LISTED) rejected.push({ line: record.line, column, code, message });
      };
      const { answers, status, excluded } = lineAnswers(study, columns, names, record.cells, separator === ';', reject);
      const header = names;
      const paradata = lineParadata((name) => {
        const k = header.indexOf(name);
        return k < 0 ? '' : (record.cells[k] ?? '').trim();
      }, reject);
      const checked = validateResponse(study, answers, { complete: status === 'complete' });
      // a cell that could not be read is reported once, not again as missing
      for (const e of checked.errors)
        if (!columnsRejected.has(e.field)) reject(e.field, e.code, `${e.field}: ${e.code}${Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`);
      if (failed) continue;
      imported++;
      yield {
        waveId: wave.id,
        status,
        answers: checked.answers as never,
        packed: packAnswers(layout, checked.answers),
        startedAt: paradata.startedAt ?? paradata.completedAt ?? at,
        completedAt: status === 'complete' ? (paradata.completedAt ?? at) : null,
        durationMs: paradata.durationMs,
        ...(paradata.language ? { language: paradata.language } : {}),
        excluded,
        exclusionReason: excluded ? paradata.exclusionReason : null,
        source: 'import',
      };
    }
  }

  let wouldImport = 0;
  try {
    await store.transaction(async (tx) => {
      await tx.responses.insertMany(rows());
      if (rejectedCount > 0 && !options.skipInvalid) throw new Rollback();
      if (options.dryRun) {
        wouldImport = imported;
        throw new Rollback();
      }
      await options.beforeCommit?.(tx, Object.freeze({ kind: 'import-result', imported, lines, rejected, rejectedCount }));
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    imported = wouldImport;
  }
  return Object.freeze({ kind: 'import-result', imported, lines, rejected, rejectedCount });
}
