/** A CSV file as text columns: the header and one array of raw values per column. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly columns: ReadonlyMap<string, readonly string[]>;
  readonly rowCount: number;
  /** 1-based line of the file where each data row starts (a quoted field may span lines) */
  readonly lines: Int32Array;
}

/**
 * Parses CSV text (RFC 4180: comma separator, double-quoted fields with "" escapes, CRLF or LF line ends)
 * into columns of raw strings; quoting is dropped, so `"2015"` and `2015` both read as "2015". One pass,
 * fields go straight into their column (no array per row); unquoted fields are slices of the text.
 * Throws an Error naming the 1-based file line when a row has the wrong number of fields or a quote is left open.
 */
export function readCsv(text: string): CsvTable {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  let line = 1;
  let header: string[] | null = null;
  let columns: string[][] = [];
  let lines = new Int32Array(1024);
  let rowCount = 0;
  let row: string[] = [];
  let rowLine = 1;
  let fieldIndex = 0;
  const endRow = () => {
    if (header === null) {
      if (row.length === 1 && row[0] === '') {
        row = [];
        return;
      }
      header = row;
      columns = header.map(() => []);
      row = [];
      return;
    }
    if (fieldIndex === 1 && columns[0][columns[0].length - 1] === '') {
      // an empty line: drop the empty field pushed into the first column
      columns[0].pop();
      return;
    }
    if (fieldIndex !== header.length) {
      throw new Error(`readCsv: line ${rowLine} has ${fieldIndex} fields, the header ${header.length}`);
    }
    if (rowCount === lines.length) {
      const grown = new Int32Array(lines.length * 2);
      grown.set(lines);
      lines = grown;
    }
    lines[rowCount++] = rowLine;
  };
  const pushField = (value: string) => {
    if (header === null) {
      row.push(value);
      return;
    }
    if (fieldIndex < columns.length) columns[fieldIndex].push(value);
    fieldIndex++;
  };
  while (i <= length) {
    // one field
    let value: string;
    if (i < length && text.charCodeAt(i) === 34 /* " */) {
      let out = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`readCsv: a quoted field opened on line ${line} is never closed`);
        for (let k = i; k < q; k++) if (text.charCodeAt(k) === 10) line++;
        if (text.charCodeAt(q + 1) === 34) {
          out += text.slice(start, q + 1);
          i = start = q + 2;
          continue;
        }
        out += text.slice(start, q);
        i = q + 1;
        break;
      }
      value = out;
      // anything up to the separator after the closing quote is kept, as before
      let j = i;
      while (j < length) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      if (j > i) value += text.slice(i, j);
      i = j;
    } else {
      let j = i;
      while (j < length) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    pushField(value);
    if (i >= length) {
      if (header === null || fieldIndex > 1 || value !== '') endRow();
      else if (fieldIndex === 1) columns[0].pop();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // end of line
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    endRow();
    line++;
    rowLine = line;
    fieldIndex = 0;
    if (i === length) break;
  }
  if (header === null) return Object.freeze({ header: [], columns: new Map(), rowCount: 0, lines: new Int32Array(0) });
  const h: string[] = header;
  return Object.freeze({ header: h, columns: new Map(h.map((name, c) => [name, columns[c]])), rowCount, lines: lines.slice(0, rowCount) });
}

/**
 * A CSV file indexed without materialising its fields: the start and end offset of every field in the text
 * (row-major, rows × columns), so that a column is read only when asked, straight into typed values.
 */
export interface CsvIndex {
  readonly text: string;
  readonly header: readonly string[];
  readonly rowCount: number;
  /** 1-based line of the file where each data row starts */
  readonly lines: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** 1 where a field is quoted with "" escapes or text after its closing quote (read through the slow path) */
  readonly escaped: Uint8Array;
}

/**
 * Indexes CSV text (same dialect and errors as readCsv) in one pass: offsets only, no string per field.
 * Empty lines are skipped. Complexity O(length).
 * @throws Error naming the 1-based line of a row with the wrong number of fields or an unclosed quote.
 * @example indexCsv('a,b\n1,x\n').rowCount // 1
 */
export function indexCsv(text: string): CsvIndex {
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // header through readCsv's rules on the first non-empty line
  let headerEnd = i;
  let line = 1;
  for (;;) {
    let j = headerEnd;
    let quoted = false;
    while (j < length) {
      const c = text.charCodeAt(j);
      if (c === 34) quoted = !quoted;
      else if (!quoted && (c === 10 || c === 13)) break;
      else if (c === 10) line++;
      j++;
    }
    const lineText = text.slice(headerEnd, j);
    const next = j < length ? j + (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? 2 : 1) : j;
    if (lineText !== '' || next >= length) {
      i = headerEnd;
      headerEnd = next;
      break;
    }
    headerEnd = next;
    line++;
  }
  const header = readCsv(text.slice(i, headerEnd)).header;
  const cols = header.length;
  line++;
  i = headerEnd;
  let capacity = Math.max(16, Math.ceil((length - i) / Math.max(1, cols * 4)));
  let starts = new Int32Array(capacity * cols),
    ends = new Int32Array(capacity * cols),
    escaped = new Uint8Array(capacity * cols);
  let lines = new Int32Array(capacity);
  let rows = 0;
  while (i < length) {
    const c0 = text.charCodeAt(i);
    if (c0 === 10 || c0 === 13) {
      i += c0 === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    } // empty line
    if (rows === capacity) {
      capacity *= 2;
      const s = new Int32Array(capacity * cols);
      s.set(starts);
      starts = s;
      const e = new Int32Array(capacity * cols);
      e.set(ends);
      ends = e;
      const x = new Uint8Array(capacity * cols);
      x.set(escaped);
      escaped = x;
      const l = new Int32Array(capacity);
      l.set(lines);
      lines = l;
    }
    const rowLine = line;
    const base = rows * cols;
    let f = 0;
    for (;;) {
      let start = i,
        end: number,
        slow = 0;
      if (i < length && text.charCodeAt(i) === 34) {
        start = i + 1;
        let q = start;
        for (;;) {
          q = text.indexOf('"', q);
          if (q < 0) throw new Error(`readCsv: a quoted field opened on line ${line} is never closed`);
          if (text.charCodeAt(q + 1) === 34) {
            slow = 1;
            q += 2;
            continue;
          }
          break;
        }
        for (let k = start; k < q; k++) if (text.charCodeAt(k) === 10) line++;
        end = q;
        i = q + 1;
        while (i < length) {
          const c = text.charCodeAt(i);
          if (c === 44 || c === 10 || c === 13) break;
          i++;
          slow = 1;
        }
        if (slow) {
          start -= 1;
          end = i;
        } // the slow path re-reads the raw field
      } else {
        while (i < length) {
          const c = text.charCodeAt(i);
          if (c === 44 || c === 10 || c === 13) break;
          i++;
        }
        end = i;
      }
      if (f < cols) {
        starts[base + f] = start;
        ends[base + f] = end;
        escaped[base + f] = slow;
      }
      f++;
      if (i < length && text.charCodeAt(i) === 44) {
        i++;
        continue;
      }
      break;
    }
    if (f !== cols) throw new Error(`readCsv: line ${rowLine} has ${f} fields, the header ${cols}`);
    lines[rows++] = rowLine;
    if (i < length) {
      i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
    }
  }
  return Object.freeze({ text, header, rowCount: rows, lines: lines.slice(0, rows), starts, ends, escaped });
}

/** Text of one field (quotes and "" escapes removed). O(field length). */
export function csvField(index: CsvIndex, row: number, column: number): string {
  const k = row * index.header.length + column;
  const s = index.text.slice(index.starts[k], index.ends[k]);
  return index.escaped[k] ? readCsv(`x\n${s}\n`).columns.get('x')![0] : s;
}

/**
 * Numbers of a column for the given rows (NaN for "NA" or empty), parsed from the characters: decimal
 * literals of at most 15 significant digits and |exponent| ≤ 22 exactly (Clinger's fast path: one correctly
 * rounded division or product, the same double as Number()), anything else through Number().
 * `bad(k, text)` is called for a value that is not a finite number. O(rows).
 * @example csvNumbers(indexCsv('w\n1.5\nNA\n'), 0, Int32Array.of(0, 1), fail) // Float64Array [1.5, NaN]
 */
export function csvNumbers(index: CsvIndex, column: number, rows: Int32Array, bad: (k: number, text: string) => never): Float64Array {
  const { text, starts, ends, escaped } = index;
  const cols = index.header.length;
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const f = rows[k] * cols + column;
    let i = starts[f];
    const end = ends[f];
    if (escaped[f]) {
      const s = csvField(index, rows[k], column);
      out[k] = s === 'NA' || s === '' ? NaN : checked(Number(s), k, s, bad);
      continue;
    }
    if (i === end) {
      out[k] = NaN;
      continue;
    }
    let negative = false;
    let c = text.charCodeAt(i);
    if (c === 45) {
      negative = true;
      i++;
    } else if (c === 43) i++;
    let mantissa = 0,
      digits = 0,
      scale = 0,
      any = false,
      ok = true;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        any = true;
        if (mantissa !== 0 || c !== 48) digits++;
        mantissa = mantissa * 10 + (c - 48);
      } else break;
    }
    if (i < end && c === 46) {
      for (i++; i < end; i++) {
        c = text.charCodeAt(i);
        if (c >= 48 && c <= 57) {
          any = true;
          if (mantissa !== 0 || c !== 48) digits++;
          mantissa = mantissa * 10 + (c - 48);
          scale--;
        } else break;
      }
    }
    if (i < end || !any || digits > 15 || scale < -22) ok = false;
    if (ok) {
      const v = scale === 0 ? mantissa : mantissa / POWERS[-scale];
      out[k] = negative ? -v : v;
      continue;
    }
    const s = text.slice(starts[f], end);
    out[k] = s === 'NA' ? NaN : checked(Number(s), k, s, bad);
  }
  return out;
}

const POWERS = Array.from({ length: 23 }, (_, e) => Number(`1e${e}`));

function checked(x: number, k: number, s: string, bad: (k: number, text: string) => never): number {
  return Number.isFinite(x) && s.trim() !== '' ? x : bad(k, s);
}

/**
 * Category codes of a column for the given rows, in order of first appearance (-1 for "NA" or empty), and the
 * distinct values. Compares characters against the values seen so far (no string per field) while they are
 * few, then falls back to a Map. O(rows · distinct values) at worst for ≤ 64 values.
 * @example csvCodes(indexCsv('g\nb\na\nb\n'), 0, Int32Array.of(0, 1, 2)) // { codes: [0, 1, 0], values: ['b', 'a'] }
 */
export function csvCodes(index: CsvIndex, column: number, rows: Int32Array): { codes: Int32Array; values: string[] } {
  const { text, starts, ends, escaped } = index;
  const cols = index.header.length;
  const codes = new Int32Array(rows.length);
  const values: string[] = [];
  const valueStart: number[] = [],
    valueLength: number[] = [];
  let map: Map<string, number> | null = null;
  for (let k = 0; k < rows.length; k++) {
    const f = rows[k] * cols + column;
    const start = starts[f],
      end = ends[f],
      length = end - start;
    if (escaped[f] || map) {
      const s = escaped[f] ? csvField(index, rows[k], column) : text.slice(start, end);
      if (s === '' || s === 'NA') {
        codes[k] = -1;
        continue;
      }
      if (!map) map = new Map(values.map((v, j) => [v, j]));
      let code = map.get(s);
      if (code === undefined) {
        code = values.length;
        values.push(s);
        map.set(s, code);
        valueStart.push(-1);
        valueLength.push(-1);
      }
      codes[k] = code;
      continue;
    }
    if (length === 0 || (length === 2 && text.charCodeAt(start) === 78 && text.charCodeAt(start + 1) === 65)) {
      codes[k] = -1;
      continue;
    }
    let found = -1;
    for (let v = 0; v < values.length && found < 0; v++) {
      if (valueLength[v] !== length) continue;
      const vs = valueStart[v];
      let same = true;
      for (let j = 0; j < length; j++)
        if (text.charCodeAt(vs + j) !== text.charCodeAt(start + j)) {
          same = false;
          break;
        }
      if (same) found = v;
    }
    if (found < 0) {
      found = values.length;
      values.push(text.slice(start, end));
      valueStart.push(start);
      valueLength.push(length);
      if (values.length > 64) map = new Map(values.map((v, j) => [v, j]));
    }
    codes[k] = found;
  }
  return { codes, values };
}
