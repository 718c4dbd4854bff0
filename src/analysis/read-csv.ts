/** A CSV file as text columns: the header and one array of raw values per column. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly columns: ReadonlyMap<string, readonly string[]>;
  readonly rowCount: number;
}

/**
 * Parses CSV text (RFC 4180: comma separator, double-quoted fields with "" escapes, CRLF or LF line ends)
 * into columns of raw strings; quoting is dropped, so `"2015"` and `2015` both read as "2015".
 * Throws an Error naming the line when a row has the wrong number of fields or a quote is left open.
 */
export function readCsv(text: string): CsvTable {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let inQuotes = false;
  let line = 1;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
      line++;
    } else field += ch;
  }
  if (inQuotes) throw new Error(`readCsv: a quoted field opened before line ${line} is never closed`);
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const nonEmpty = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (nonEmpty.length === 0) return Object.freeze({ header: [], columns: new Map(), rowCount: 0 });
  const header = nonEmpty[0];
  const data = nonEmpty.slice(1);
  const columns = header.map(() => new Array<string>(data.length));
  data.forEach((r, index) => {
    if (r.length !== header.length) throw new Error(`readCsv: data row ${index + 1} has ${r.length} fields, the header ${header.length}`);
    for (let c = 0; c < header.length; c++) columns[c][index] = r[c];
  });
  return Object.freeze({ header, columns: new Map(header.map((h, c) => [h, columns[c]])), rowCount: data.length });
}
