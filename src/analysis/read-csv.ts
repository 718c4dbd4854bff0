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
