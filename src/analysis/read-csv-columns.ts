import { readCsvRows } from './read-csv.js';

/**
 * A CSV file read into typed columns, in one pass: for every column its numbers (NaN for "NA" or empty)
 * while every value is a number, and its category codes (in order of first appearance, -1 for "NA" or
 * empty) with the distinct values.
 */
export interface CsvColumns {
  readonly header: readonly string[];
  readonly rowCount: number;
  /** 1-based line of the file where each data row starts (a quoted field may span lines) */
  readonly lines: Int32Array;
  /** numbers of a column, or the first row whose value is not a number and that value */
  numbers(column: number): { readonly numbers: Float64Array } | { readonly numbers: null; readonly row: number; readonly text: string };
  /** codes of a column in order of first appearance (-1 missing) and its distinct values */
  codes(column: number): { readonly codes: Int32Array; readonly values: readonly string[] };
}

const decoder = new TextDecoder();

interface ColumnState {
  numbers: number[] | null;
  notNumeric: { row: number; text: string } | null;
  codes: number[];
  values: string[];
  byText: Map<string, number>;
}

function add(state: ColumnState, row: number, text: string): void {
  if (text === '' || text === 'NA') {
    state.numbers?.push(NaN);
    state.codes.push(-1);
    return;
  }
  if (state.numbers) {
    const x = Number(text);
    if (Number.isFinite(x) && text.trim() !== '') state.numbers.push(x);
    else {
      state.numbers = null;
      state.notNumeric = { row, text };
    }
  }
  let code = state.byText.get(text);
  if (code === undefined) {
    code = state.values.length;
    state.values.push(text);
    state.byText.set(text, code);
  }
  state.codes.push(code);
}

/**
 * Reads CSV bytes (UTF-8; as readCsv: comma separator, double-quoted fields with "" escapes, CRLF, LF or CR
 * line ends, empty lines skipped, a byte-order mark dropped) into typed columns, through the project's one
 * CSV reader. Complexity O(bytes) plus O(distinct values) per column.
 * @throws Error naming the 1-based line of a row with the wrong number of fields or an unclosed quote.
 * @example readCsvColumns(new TextEncoder().encode('g,x\nb,1.5\na,NA\n')).codes(0) // { codes: [0, 1], values: ['b', 'a'] }
 */
export function readCsvColumns(bytes: Uint8Array): CsvColumns {
  let header: string[] = [];
  let states: ColumnState[] = [];
  const lines: number[] = [];
  readCsvRows(
    decoder.decode(bytes),
    (h) => {
      header = h;
      states = h.map(() => ({ numbers: [], notNumeric: null, codes: [], values: [], byText: new Map() }));
    },
    (cells, line) => {
      const row = lines.length;
      lines.push(line);
      cells.forEach((text, c) => add(states[c], row, text));
    },
  );
  const numbers = states.map((s) => (s.numbers ? { numbers: Float64Array.from(s.numbers) } : { numbers: null, ...s.notNumeric! }));
  const codes = states.map((s) => ({ codes: Int32Array.from(s.codes), values: s.values }));
  return Object.freeze({
    header,
    rowCount: lines.length,
    lines: Int32Array.from(lines),
    numbers: (column: number) => numbers[column],
    codes: (column: number) => codes[column],
  });
}
