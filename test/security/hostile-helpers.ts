/** Helpers of the hostile input test: URL encoding of any string, CSV parsing, tallies. */
import { csvRecordsSync } from '../../src/analysis/read-csv.js';

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates become U+FFFD instead of throwing). */
export function encodeAny(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** RFC 4180 fields of a CSV text, through the project's one CSV reader. */
export function parseCsv(text: string, separator = ','): string[][] {
  return csvRecordsSync(text, separator).map((r) => r.cells);
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
