// The one CSV reader of the project, on csv-parse: every other module reads CSV through it (a test checks
// that no other module parses CSV by hand or imports csv-parse).
import { CsvError, parse, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';

/** One CSV record with the 1-based line of the file it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

/** CSV that cannot be read: a quote left open. `line` is where the record holding it starts. */
export class CsvSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * RFC 4180 as files come: quoted cells may hold separators, doubled quotes and line breaks; CRLF, LF or CR
 * ends a record (mixed in one file too); a leading byte-order mark is dropped; records may have different
 * lengths (the callers check); a quote inside an unquoted cell is kept as written.
 */
function options(separator: string): Options {
  return { delimiter: separator, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'], info: true };
}

/** Tracks where each record starts: csv-parse reports the line a record ends on. */
function lineCounter() {
  let next = 1;
  return (endLine: number): number => {
    const start = next;
    next = endLine + 1;
    return start;
  };
}

function unclosed(error: unknown, start: () => number): never {
  if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') throw new CsvSyntaxError(`line ${start()}: a quoted cell is not closed`, start());
  throw error;
}

/**
 * Parses CSV from text chunks (a file stream with setEncoding('utf8'), buffers, or strings), streaming.
 * Throws a CsvSyntaxError naming the line for a quote left open at the end.
 */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer> | Iterable<string>, separator: string): AsyncGenerator<CsvRecord> {
  const parser = parse(options(separator));
  let failure: unknown = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  const startOf = lineCounter();
  let lastEnd = 0;
  // records are read as each chunk is written, so that those before an error still come out
  function* take(): Generator<CsvRecord> {
    for (let r = parser.read(); r !== null; r = parser.read()) {
      const { record, info } = r as { record: string[]; info: { lines: number } };
      lastEnd = info.lines;
      yield { line: startOf(info.lines), cells: record };
    }
  }
  for await (const chunk of chunks as AsyncIterable<string | Buffer>) {
    parser.write(chunk);
    yield* take();
    if (failure) break;
  }
  if (!failure) {
    await new Promise<void>((resolve) => {
      parser.once('finish', resolve);
      parser.once('error', () => resolve());
      parser.end();
    });
    yield* take();
  }
  if (failure) unclosed(failure, () => lastEnd + 1);
}

/** Every record of a CSV text, at once; `onRecord` may take each instead (then nothing is kept). */
export function csvRecordsSync(text: string, separator: string, onRecord?: (record: CsvRecord) => void): CsvRecord[] {
  const startOf = lineCounter();
  const out: CsvRecord[] = [];
  let lastEnd = 0;
  try {
    parseSync(text, {
      ...options(separator),
      info: false,
      on_record: (record, context) => {
        lastEnd = context.lines;
        const r = { line: startOf(context.lines), cells: record };
        if (onRecord) onRecord(r);
        else out.push(r);
        return null;
      },
    });
  } catch (error) {
    unclosed(error, () => lastEnd + 1);
  }
  return out;
}

/** A CSV file as text columns: the header and one array of raw values per column. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly columns: ReadonlyMap<string, readonly string[]>;
  readonly rowCount: number;
  /** 1-based line of the file where each data row starts (a quoted field may span lines) */
  readonly lines: Int32Array;
}

/**
 * Reads a comma-separated table: the first non-empty record is the header; empty lines are skipped; quoting
 * is dropped, so `"2015"` and `2015` both read as "2015". Calls `onRow(cells, line)` for each data row.
 * @throws Error naming the 1-based file line of a row with the wrong number of fields or a quote left open.
 */
export function readCsvRows(text: string, onHeader: (header: string[]) => void, onRow: (cells: string[], line: number) => void): void {
  let width = -1;
  try {
    csvRecordsSync(text, ',', ({ line, cells }) => {
      if (cells.length === 1 && cells[0] === '') return;
      if (width < 0) {
        width = cells.length;
        onHeader(cells);
        return;
      }
      if (cells.length !== width) throw new Error(`readCsv: line ${line} has ${cells.length} fields, the header ${width}`);
      onRow(cells, line);
    });
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new Error(`readCsv: a quoted field opened on line ${error.line} is never closed`);
    throw error;
  }
}

/** A comma-separated file as columns of raw strings (see readCsvRows). */
export function readCsv(text: string): CsvTable {
  let header: string[] = [];
  let columns: string[][] = [];
  const lines: number[] = [];
  readCsvRows(
    text,
    (h) => {
      header = h;
      columns = h.map(() => []);
    },
    (cells, line) => {
      cells.forEach((v, c) => columns[c].push(v));
      lines.push(line);
    },
  );
  return Object.freeze({ header, columns: new Map(header.map((name, c) => [name, columns[c]])), rowCount: lines.length, lines: Int32Array.from(lines) });
}
