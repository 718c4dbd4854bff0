import { readCsv } from './read-csv.js';

/**
 * A CSV file read straight from its bytes into typed columns, in one pass: for every column its numbers
 * (NaN for "NA" or empty) while every value is a number, and its category codes (in order of first
 * appearance, -1 for "NA" or empty) with the distinct values. No string is made per field: a value is
 * decoded once, when first seen. A numeric column with many distinct values keeps only its numbers; its
 * codes, when asked, come from a second pass over that column alone.
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

/** a numeric column keeps its codes up to this many distinct values (a weight column does not) */
const NUMERIC_CODES_LIMIT = 1024;
const decoder = new TextDecoder();

interface ColumnState {
  numbers: Float64Array | null;
  notNumeric: { row: number; text: string } | null;
  codes: Int32Array | null;
  values: string[];
  /** open-addressing hash of byte ranges: slot -> start, length, code + 1 (0 = empty) */
  slotStart: Int32Array;
  slotLength: Int32Array;
  slotCode: Int32Array;
  slotsUsed: number;
  /** every value by its text, made when a quoted field with "" escapes is met */
  byText: Map<string, number> | null;
}

function newState(rows: number, limit: number): ColumnState {
  return {
    numbers: new Float64Array(rows),
    notNumeric: null,
    codes: new Int32Array(rows),
    values: [],
    slotStart: new Int32Array(16),
    slotLength: new Int32Array(16),
    slotCode: new Int32Array(16),
    slotsUsed: 0,
    byText: limit === Infinity ? new Map() : null,
  };
}

/**
 * Reads CSV bytes (UTF-8; RFC 4180 as readCsv: comma separator, double-quoted fields with "" escapes, CRLF
 * or LF line ends, empty lines skipped, a byte-order mark dropped) into typed columns. Complexity O(bytes)
 * plus O(distinct values) per column.
 * @throws Error naming the 1-based line of a row with the wrong number of fields or an unclosed quote.
 * @example readCsvColumns(new TextEncoder().encode('g,x\nb,1.5\na,NA\n')).codes(0) // { codes: [0, 1], values: ['b', 'a'] }
 */
export function readCsvColumns(bytes: Uint8Array): CsvColumns {
  const length = bytes.length;
  let i = length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // the header: the first non-empty line, through readCsv
  let line = 1;
  while (i < length && (bytes[i] === 10 || bytes[i] === 13)) {
    if (bytes[i] === 10 || bytes[i + 1] !== 10) line++;
    i++;
  }
  let headerEnd = i;
  for (let quoted = false; headerEnd < length; headerEnd++) {
    const c = bytes[headerEnd];
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) break;
    else if (c === 10) line++;
  }
  const header = readCsv(decoder.decode(bytes.subarray(i, headerEnd))).header;
  const dataStart = headerEnd < length ? headerEnd + (bytes[headerEnd] === 13 && bytes[headerEnd + 1] === 10 ? 2 : 1) : headerEnd;
  // room for the rows guessed from the first lines' length (grown if short)
  let sample = 0;
  for (let k = dataStart, seen = 0; k < length && seen < 200; k++) if (bytes[k] === 10 || bytes[k] === 13) seen++, (sample = k - dataStart);
  const capacity = Math.ceil(((length - dataStart) / Math.max(1, sample)) * 200 * 1.05) + 16;
  const scanned = scan(bytes, dataStart, line + 1, header.length, capacity, NUMERIC_CODES_LIMIT, -1);
  const states = scanned.states;
  const rowCount = scanned.rowCount;
  return Object.freeze({
    header,
    rowCount,
    lines: scanned.lines,
    numbers(column: number) {
      const s = states[column];
      return s.numbers ? { numbers: s.numbers.length === rowCount ? s.numbers : (s.numbers = s.numbers.subarray(0, rowCount)) } : { numbers: null, ...s.notNumeric! };
    },
    codes(column: number) {
      let s = states[column];
      if (!s.codes) {
        // a second pass over this column alone, keeping every distinct value
        s = scan(bytes, dataStart, line + 1, header.length, rowCount + 1, Infinity, column).states[column];
        states[column].codes = s.codes;
        states[column].values = s.values;
      }
      if (s.codes!.length !== rowCount) s.codes = s.codes!.subarray(0, rowCount);
      return { codes: s.codes!, values: s.values };
    },
  });
}

function scan(bytes: Uint8Array, start: number, firstLine: number, cols: number, initialCapacity: number, limit: number, only: number) {
  const length = bytes.length;
  let capacity = initialCapacity;
  const states = Array.from({ length: cols }, (_, c) => (only < 0 || c === only ? newState(capacity, limit) : null));
  let lines = new Int32Array(capacity);
  let rows = 0;
  let line = firstLine;
  let i = start;
  while (i < length) {
    const c0 = bytes[i];
    if (c0 === 10 || c0 === 13) {
      // an empty line
      i += c0 === 13 && bytes[i + 1] === 10 ? 2 : 1;
      line++;
      continue;
    }
    if (rows === capacity) {
      capacity *= 2;
      lines = grown(lines, capacity);
      for (const state of states) {
        if (state?.numbers) state.numbers = grown(state.numbers, capacity);
        if (state?.codes) state.codes = grown(state.codes, capacity);
      }
    }
    const rowLine = line;
    let f = 0;
    for (;;) {
      let s = i,
        e: number,
        escaped = false;
      if (i < length && bytes[i] === 34) {
        s = i + 1;
        let q = s;
        for (;;) {
          q = bytes.indexOf(34, q);
          if (q < 0) throw new Error(`readCsv: a quoted field opened on line ${line} is never closed`);
          if (bytes[q + 1] === 34) {
            escaped = true;
            q += 2;
            continue;
          }
          break;
        }
        for (let k = s; k < q; k++) if (bytes[k] === 10) line++;
        e = q;
        i = q + 1;
        while (i < length) {
          const c = bytes[i];
          if (c === 44 || c === 10 || c === 13) break;
          i++;
          escaped = true;
        }
        if (escaped) {
          s -= 1;
          e = i;
        }
      } else {
        while (i < length) {
          const c = bytes[i];
          if (c === 44 || c === 10 || c === 13) break;
          i++;
        }
        e = i;
      }
      const state = f < cols ? states[f] : null;
      if (state !== null) {
        if (escaped) addText(state, rows, readCsv(`x\n${decoder.decode(bytes.subarray(s, e))}\n`).columns.get('x')![0], limit);
        else addBytes(state, rows, bytes, s, e, limit);
      }
      f++;
      if (i < length && bytes[i] === 44) {
        i++;
        continue;
      }
      break;
    }
    if (f !== cols) throw new Error(`readCsv: line ${rowLine} has ${f} fields, the header ${cols}`);
    lines[rows++] = rowLine;
    if (i < length) {
      i += bytes[i] === 13 && bytes[i + 1] === 10 ? 2 : 1;
      line++;
    }
  }
  return { states: states as ColumnState[], rowCount: rows, lines: lines.slice(0, rows) };
}

function grown<T extends Float64Array | Int32Array>(array: T, capacity: number): T {
  const out = new (array.constructor as new (n: number) => T)(capacity);
  out.set(array);
  return out;
}

const POWERS = Array.from({ length: 23 }, (_, e) => Number(`1e${e}`));

/** One unquoted (or simply quoted) field: its number and its code. */
function addBytes(state: ColumnState, row: number, bytes: Uint8Array, s: number, e: number, limit: number): void {
  const len = e - s;
  if (len === 0 || (len === 2 && bytes[s] === 78 && bytes[s + 1] === 65)) {
    if (state.numbers) state.numbers[row] = NaN;
    if (state.codes) state.codes[row] = -1;
    return;
  }
  if (state.numbers) {
    // decimal literals of at most 15 significant digits and |exponent| <= 22 exactly (Clinger's fast path:
    // one correctly rounded division, the same double as Number()); anything else through Number()
    let k = s;
    let c = bytes[k];
    const negative = c === 45;
    if (negative || c === 43) k++;
    let mantissa = 0,
      digits = 0,
      scale = 0,
      any = false;
    for (; k < e; k++) {
      c = bytes[k];
      if (c < 48 || c > 57) break;
      any = true;
      if (mantissa !== 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
    }
    if (k < e && c === 46) {
      for (k++; k < e; k++) {
        c = bytes[k];
        if (c < 48 || c > 57) break;
        any = true;
        if (mantissa !== 0 || c !== 48) digits++;
        mantissa = mantissa * 10 + (c - 48);
        scale--;
      }
    }
    if (k === e && any && digits <= 15 && scale >= -22) {
      const v = scale === 0 ? mantissa : mantissa / POWERS[-scale];
      state.numbers[row] = negative ? -v : v;
    } else numberFromText(state, row, decoder.decode(bytes.subarray(s, e)));
  }
  const codes = state.codes;
  if (!codes) return;
  // the code: a hash of the bytes, compared with the first occurrence of each value
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  const mask = state.slotCode.length - 1;
  let slot = h & mask;
  for (;;) {
    const code = state.slotCode[slot] - 1;
    if (code < 0) break;
    if (state.slotLength[slot] === len) {
      const at = state.slotStart[slot];
      let same = true;
      for (let k = 0; k < len; k++)
        if (bytes[at + k] !== bytes[s + k]) {
          same = false;
          break;
        }
      if (same) {
        codes[row] = code;
        return;
      }
    }
    slot = (slot + 1) & mask;
  }
  const text = decoder.decode(bytes.subarray(s, e));
  let code = state.byText?.get(text);
  if (code === undefined) {
    code = newValue(state, text, limit);
    if (code < 0) return;
  }
  codes[row] = code;
  state.slotStart[slot] = s;
  state.slotLength[slot] = len;
  state.slotCode[slot] = code + 1;
  if (++state.slotsUsed * 2 > mask) grow(state, bytes);
}

/** A field read through readCsv's slow path (quoted with "" escapes, or text after its closing quote). */
function addText(state: ColumnState, row: number, text: string, limit: number): void {
  if (text === '' || text === 'NA') {
    if (state.numbers) state.numbers[row] = NaN;
    if (state.codes) state.codes[row] = -1;
    return;
  }
  if (state.numbers) numberFromText(state, row, text);
  if (!state.codes) return;
  state.byText ??= new Map(state.values.map((v, k) => [v, k]));
  const code = state.byText.get(text) ?? newValue(state, text, limit);
  if (code >= 0) state.codes[row] = code;
}

function numberFromText(state: ColumnState, row: number, text: string): void {
  const x = Number(text);
  if (Number.isFinite(x) && text.trim() !== '') state.numbers![row] = x;
  else {
    state.numbers = null;
    state.notNumeric = { row, text };
  }
}

/** Adds a distinct value; a numeric column past the limit drops its codes (returns -1). */
function newValue(state: ColumnState, text: string, limit: number): number {
  if (state.numbers && state.values.length >= limit) {
    state.codes = null;
    state.values = [];
    state.byText = null;
    return -1;
  }
  const code = state.values.length;
  state.values.push(text);
  state.byText?.set(text, code);
  return code;
}

function grow(state: ColumnState, bytes: Uint8Array): void {
  const size = state.slotCode.length * 4;
  const starts = new Int32Array(size),
    lengths = new Int32Array(size),
    codes = new Int32Array(size);
  const mask = size - 1;
  for (let old = 0; old < state.slotCode.length; old++) {
    if (state.slotCode[old] === 0) continue;
    const s = state.slotStart[old],
      len = state.slotLength[old];
    let h = 0x811c9dc5;
    for (let k = s; k < s + len; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
    let slot = h & mask;
    while (codes[slot] !== 0) slot = (slot + 1) & mask;
    starts[slot] = s;
    lengths[slot] = len;
    codes[slot] = state.slotCode[old];
  }
  state.slotStart = starts;
  state.slotLength = lengths;
  state.slotCode = codes;
}
