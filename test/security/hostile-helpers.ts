/** Helpers of the hostile input test: URL encoding of any string, CSV parsing, tallies. */

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates become U+FFFD instead of throwing). */
export function encodeAny(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** RFC 4180 fields of a CSV text (quoted fields may hold separators, quotes and line breaks). */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) row.push(field), (field = '');
    else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

/** A cell a spreadsheet would run as a formula. */
export const isFormulaCell = (cell: string) => /^[=+\-@\t\r]/.test(cell);

export class Tally {
  readonly byInput = new Map<string, Map<number, number>>();
  sent = 0;
  add(input: string, status: number): void {
    this.sent++;
    const m = this.byInput.get(input) ?? new Map<number, number>();
    m.set(status, (m.get(status) ?? 0) + 1);
    this.byInput.set(input, m);
  }
  serverErrors(): string[] {
    return [...this.byInput].flatMap(([input, m]) => [...m].filter(([s]) => s >= 500).map(([s, n]) => `${input}: ${n} × ${s}`));
  }
  report(): string {
    return [...this.byInput].map(([input, m]) => `${input} ${JSON.stringify(Object.fromEntries([...m].sort((a, b) => a[0] - b[0])))}`).join('\n# ');
  }
}
