/** One CSV record with the line it starts on (1-based). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
}

/**
 * Parses RFC 4180 CSV from text chunks (a file stream with setEncoding('utf8'), or strings), streaming:
 * quoted cells may hold separators, doubled quotes and line breaks; CRLF or LF ends a record; a leading
 * byte-order mark is skipped. Throws a SyntaxError naming the line for a quote left open at the end.
 */
export async function* csvRecords(chunks: AsyncIterable<string | Buffer> | Iterable<string>, separator: string): AsyncGenerator<CsvRecord> {
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  /** the previous character closed a quote inside a quoted cell (so `""` is a quote) */
  let quoteSeen = false;
  let line = 1;
  let recordLine = 1;
  let first = true;
  let pendingCr = false;
  let any = false;
  const sep = separator.charCodeAt(0);
  for await (const chunk of chunks as AsyncIterable<string | Buffer>) {
    let text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const records: CsvRecord[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (c === 10) continue;
      }
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === 34) {
            cell += '"';
            continue;
          }
          quoted = false; // the quote closed the cell: fall through to the unquoted handling
        } else if (c === 34) {
          quoteSeen = true;
          continue;
        } else {
          if (c === 10) line++;
          else if (c === 13) {
            line++;
            if (text.charCodeAt(i + 1) === 10) {
              cell += '\r\n';
              i++;
              continue;
            }
          }
          cell += text[i];
          continue;
        }
      }
      any = true;
      if (c === sep) {
        cells.push(cell);
        cell = '';
      } else if (c === 10 || c === 13) {
        cells.push(cell);
        records.push({ line: recordLine, cells });
        cells = [];
        cell = '';
        any = false;
        line++;
        recordLine = line;
        if (c === 13) pendingCr = true;
      } else if (c === 34 && cell === '') {
        quoted = true;
      } else {
        cell += text[i];
      }
    }
    for (const record of records) yield record;
  }
  if (quoted && !quoteSeen) throw new SyntaxError(`line ${recordLine}: a quoted cell is not closed`);
  if (any || cells.length > 0 || cell !== '' || quoteSeen) {
    cells.push(cell);
    yield { line: recordLine, cells };
  }
}
