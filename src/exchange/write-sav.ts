import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { AppError } from '../app-error.js';
import type { ExportOptions, ExportSource } from './export-source.js';
import { savDictionary } from './sav-dictionary.js';
import { savLayout, type SavLayout } from './sav-layout.js';
import type { ExportSummary } from './write-csv.js';

const BIAS = 100;
const CHUNK = 1 << 20;
/** Days from 14 October 1582 (the SPSS date origin) to 1 January 1970. */
const SPSS_EPOCH_DAYS = 141_428;

/**
 * Bytecode compression of case data (PSPP "System File Format", compression 1): blocks of 8 command bytes,
 * each followed by the 8-byte elements its commands announce. 1–251: the integer `code − bias`; 253: a raw
 * element follows; 254: eight spaces; 255: system-missing; 0: padding.
 */
class CompressedCases {
  private buffer = Buffer.alloc(CHUNK + 4096);
  private length = 0;
  private commands = 0;
  private command = 8;
  bytes = 0;

  constructor(private readonly out: Writable) {}

  private code(code: number): void {
    if (this.command === 8) {
      // a new block of 8 command bytes, zero (padding) until used; a loop beats fill() on 8 bytes
      const buffer = this.buffer;
      const at = this.length;
      for (let k = 0; k < 8; k++) buffer[at + k] = 0;
      this.commands = at;
      this.length = at + 8;
      this.command = 0;
    }
    this.buffer[this.commands + this.command++] = code;
  }

  number(value: number): void {
    if (Number.isNaN(value)) return this.code(255);
    if (Number.isInteger(value) && value >= 1 - BIAS && value <= 251 - BIAS && !Object.is(value, -0)) return this.code(value + BIAS);
    this.code(253);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  /** `count` elements of eight spaces (254): whole blocks of them carry no data, so they are filled at once. */
  spaces(count: number): void {
    while (count > 0 && this.command !== 8) {
      this.code(254);
      count--;
    }
    const blocks = count >> 3;
    if (blocks > 0) {
      this.reserve(blocks * 8);
      this.buffer.fill(254, this.length, this.length + blocks * 8);
      this.length += blocks * 8;
      this.commands = this.length - 8;
      count -= blocks * 8;
    }
    while (count-- > 0) this.code(254);
  }

  /**
   * One segment of a string: the value's bytes [from, from + used) (`length` bytes in all), space-padded
   * to `elements` 8-byte elements; elements past the value are eight spaces (254, nothing follows).
   */
  segment(bytes: Buffer, length: number, from: number, used: number, elements: number): void {
    const end = Math.min(length, from + used);
    for (let c = 0; c < elements; c++) {
      const at = from + c * 8;
      if (at >= end) {
        this.spaces(elements - c);
        return;
      }
      this.code(253);
      const n = Math.min(8, end - at);
      const buffer = this.buffer;
      const to = this.length;
      for (let k = 0; k < n; k++) buffer[to + k] = bytes[at + k];
      for (let k = n; k < 8; k++) buffer[to + k] = 0x20;
      this.length = to + 8;
    }
  }

  /** Whether the buffer holds a chunk: time to `flush(false)`. */
  get full(): boolean {
    return this.length >= CHUNK;
  }

  async flush(final: boolean): Promise<void> {
    const upTo = final || this.command === 8 ? this.length : this.commands;
    const chunk = Buffer.from(this.buffer.subarray(0, upTo));
    const rest = this.length - upTo;
    this.buffer.copy(this.buffer, 0, upTo, this.length);
    this.commands -= upTo;
    this.length = rest;
    this.bytes += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  /** grows the buffer for a row longer than a chunk (very long strings) */
  reserve(bytes: number): void {
    if (this.length + bytes + 1024 > this.buffer.length) {
      const grown = Buffer.alloc(this.length + bytes + CHUNK);
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
  }
}

export interface SavOptions extends ExportOptions {
  /** creation time written in the header (default: now) */
  readonly now?: Date;
}

/**
 * Writes a wave's responses as an SPSS system file (.sav), written byte by byte from PSPP's documentation of
 * the format: variable labels, value labels, "don't know" codes as missing values, measurement levels, the
 * weight variable, multiple choices as dichotomy sets, long names, very long strings for texts, UTF-8.
 * String widths are the longest text of each variable in UTF-8 bytes, which the database measures before
 * the first row (in the same snapshot on SQLite). Cases are bytecode-compressed and streamed. Ends the stream.
 */
export async function writeSav(source: ExportSource, out: Writable, options: SavOptions = {}): Promise<ExportSummary> {
  // the layout, set once the text widths are known (before the first row)
  const file: { layout?: SavLayout; headerBytes: number; scratch: (Buffer | null)[] } = { headerBytes: 0, scratch: [] };
  const batches = source.batches({
    onTextBytes: async (maxBytes) => {
      const layout = savLayout(source.dictionary.variables, maxBytes);
      const header = savDictionary(layout, { lang: source.lang, fileLabel: `${source.study.id} ${source.wave.code}`, now: options.now ?? new Date(), compression: 1 });
      // a scratch buffer per text variable, as wide as its string: Buffer.write never splits a character
      Object.assign(file, { layout, headerBytes: header.length, scratch: layout.variables.map((sv) => (sv.width > 0 ? Buffer.alloc(sv.width) : null)) });
      if (!out.write(header)) await once(out, 'drain');
    },
  });
  const cases = new CompressedCases(out);
  let rows = 0;
  for await (const batch of batches) {
    const { variables, caseSize } = file.layout!;
    const { scratch } = file;
    const isDate = variables.map((sv) => sv.variable.type === 'date');
    const caseBytes = caseSize * 8;
    for (const row of batch) {
      cases.reserve(caseBytes + caseBytes / 8);
      for (let j = 0; j < variables.length; j++) {
        const bytes = scratch[j];
        if (bytes === null) {
          // a date: days since 1970-01-01 to seconds since 14 October 1582 (SPSS's epoch, 141,428 days earlier)
          cases.number(isDate[j] ? (row.values[j] + SPSS_EPOCH_DAYS) * 86_400 : row.values[j]);
          continue;
        }
        // the value's bytes go 255 per segment into segments padded to 8 bytes (PSPP's segment layout)
        const text = row.texts[j];
        const length = text === null ? 0 : bytes.write(text, 0, 'utf8');
        if (length === bytes.length && Buffer.byteLength(text!) > length) {
          // PostgreSQL reads the lengths and the rows apart: a text lengthened in between would be cut
          throw new AppError('CONFLICT', `writeSav: a text of ${variables[j].variable.name} changed during the export; export again`, { variable: variables[j].variable.name });
        }
        let from = 0;
        for (const segment of variables[j].segments) {
          cases.segment(bytes, length, from, segment.used, segment.elements);
          from += segment.used;
        }
      }
      if (cases.full) await cases.flush(false);
    }
    rows += batch.n;
  }
  if (!file.layout) throw new Error('writeSav: the row stream gave no text lengths');
  await cases.flush(true);
  const finished = once(out, 'finish');
  out.end();
  await finished;
  return Object.freeze({
    kind: 'export-summary',
    format: 'sav',
    rows,
    bytes: file.headerBytes + cases.bytes,
    variables: file.layout.variables.length,
    weighted: source.weights !== null,
  });
}
