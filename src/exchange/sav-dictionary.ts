import { labelIn, type Language } from '../study/index.js';
import type { SavLayout } from './sav-layout.js';

/** Little-endian byte builder for the dictionary records. */
class Bytes {
  private chunks: Buffer[] = [];
  int32(...values: number[]): this {
    const b = Buffer.alloc(4 * values.length);
    values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
    this.chunks.push(b);
    return this;
  }
  float64(...values: number[]): this {
    const b = Buffer.alloc(8 * values.length);
    values.forEach((v, i) => b.writeDoubleLE(v, 8 * i));
    this.chunks.push(b);
    return this;
  }
  raw(bytes: Uint8Array): this {
    this.chunks.push(Buffer.from(bytes));
    return this;
  }
  /** `text` in UTF-8, cut or space-padded to exactly `size` bytes */
  fixed(text: string, size: number): this {
    const b = Buffer.alloc(size, 0x20);
    b.write(text, 0, size, 'utf8');
    this.chunks.push(b);
    return this;
  }
  /** an extension record (type 7) of byte elements */
  extension(subtype: number, data: Buffer): this {
    return this.int32(7, subtype, 1, data.length).raw(data);
  }
  build(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** `text` in UTF-8, cut to at most `max` bytes without splitting a character. */
export function utf8Truncate(text: string, max: number): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** Variable labels: at most 255 bytes. Value labels: at most 120 bytes (SPSS's limits). */
export const SAV_VARIABLE_LABEL_MAX = 255;
export const SAV_VALUE_LABEL_MAX = 120;

const FORMAT_F = 5;
const FORMAT_A = 1;
/** DATE11: dd-mmm-yyyy, the value in seconds since 14 October 1582 */
const FORMAT_DATE = 20;
const format = (type: number, width: number, decimals: number) => (type << 16) | (Math.min(width, 255) << 8) | decimals;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

export interface SavDictionaryOptions {
  readonly lang: Language;
  readonly fileLabel: string;
  readonly now: Date;
  /** 1 (bytecode) or 0 (none) */
  readonly compression: 0 | 1;
}

/**
 * The dictionary of a system file, every record up to the termination record (999), following PSPP's
 * "System File Format": header (with the weight variable's index), variable records with print/write
 * formats, labels and missing values, value labels (records 3 and 4), machine integer and floating-point
 * info (7.3, 7.4), multiple-response sets (7.7), measurement levels (7.11), long names (7.13), very long
 * strings (7.14) and the UTF-8 encoding (7.20). The number of cases is written as -1 (unknown): the data is
 * streamed.
 */
export function savDictionary(layout: SavLayout, options: SavDictionaryOptions): Buffer {
  const out = new Bytes();
  const { lang, now } = options;
  const weight = layout.variables.find((v) => v.variable.source.kind === 'weight');
  out.fixed('$FL2', 4).fixed('@(#) SPSS DATA FILE - barometre', 60);
  out.int32(2, layout.caseSize, options.compression, weight ? weight.segments[0].dictionaryIndex : 0, -1);
  out.float64(100);
  out.fixed(`${pad2(now.getUTCDate())} ${MONTHS[now.getUTCMonth()]} ${pad2(now.getUTCFullYear() % 100)}`, 9);
  out.fixed(`${pad2(now.getUTCHours())}:${pad2(now.getUTCMinutes())}:${pad2(now.getUTCSeconds())}`, 8);
  out.fixed(options.fileLabel, 64).fixed('', 3);

  for (const sv of layout.variables) {
    const v = sv.variable;
    sv.segments.forEach((segment, s) => {
      const label = s === 0 ? utf8Truncate(labelIn(v.label, lang), SAV_VARIABLE_LABEL_MAX) : Buffer.alloc(0);
      const missing = s === 0 && v.type !== 'text' ? v.missing.slice(0, 3) : [];
      const printFormat =
        v.type === 'text'
          ? format(FORMAT_A, segment.width, 0)
          : v.type === 'date'
            ? format(FORMAT_DATE, 11, 0)
            : format(FORMAT_F, v.source.kind === 'weight' || v.source.kind === 'weight-population' ? 16 : v.type === 'number' ? 12 : 8, v.decimals);
      out.int32(2, segment.width, label.length > 0 ? 1 : 0, missing.length, printFormat, printFormat).fixed(segment.shortName, 8);
      if (label.length > 0) {
        out
          .int32(label.length)
          .raw(label)
          .raw(Buffer.alloc((4 - (label.length % 4)) % 4, 0x20));
      }
      if (missing.length > 0) out.float64(...missing);
      for (let k = 1; k < segment.elements; k++) out.int32(2, -1, 0, 0, 0, 0).fixed('', 8);
    });
  }

  // value labels: one record pair per distinct set of labels
  const sets = new Map<string, { levels: { code: number; label: string }[]; indexes: number[] }>();
  for (const sv of layout.variables) {
    if (sv.variable.type !== 'category' || sv.variable.levels.length === 0) continue;
    const levels = sv.variable.levels.map((l) => ({ code: l.code, label: labelIn(l.label, lang) }));
    const key = JSON.stringify(levels);
    const set = sets.get(key) ?? { levels, indexes: [] };
    set.indexes.push(sv.segments[0].dictionaryIndex);
    sets.set(key, set);
  }
  for (const set of sets.values()) {
    out.int32(3, set.levels.length);
    for (const level of set.levels) {
      const label = utf8Truncate(level.label, SAV_VALUE_LABEL_MAX);
      const padded = Buffer.alloc(Math.ceil((label.length + 1) / 8) * 8 - 1, 0x20);
      label.copy(padded);
      out.float64(level.code).raw(Uint8Array.of(label.length)).raw(padded);
    }
    out.int32(4, set.indexes.length, ...set.indexes);
  }

  // 7.3 machine integer info: version, machine -1, IEEE 754, compression 1, little-endian, UTF-8 (65001)
  out.int32(7, 3, 4, 8, 1, 0, 0, -1, 1, 1, 2, 65001);
  // 7.4 machine floating-point info: SYSMIS, HIGHEST, LOWEST
  out.int32(7, 4, 8, 3).float64(-Number.MAX_VALUE, Number.MAX_VALUE, -1.7976931348623155e308);

  // 7.7 multiple-response sets: each multiple choice's dichotomies, counted value 1
  const mrsets: string[] = [];
  const bySet = new Map<string, { label: string; names: string[] }>();
  for (const sv of layout.variables) {
    const v = sv.variable;
    if (!v.set) continue;
    const entry = bySet.get(v.set) ?? { label: v.wording ? labelIn(v.wording, lang) : v.set, names: [] };
    entry.names.push(sv.segments[0].shortName);
    bySet.set(v.set, entry);
  }
  for (const [set, entry] of bySet) {
    const label = utf8Truncate(entry.label.replace(/\n/g, ' '), 255).toString('utf8');
    mrsets.push(`$${set}=D1 1 ${Buffer.byteLength(label)} ${label} ${entry.names.join(' ')}\n`);
  }
  if (mrsets.length > 0) out.extension(7, Buffer.from(mrsets.join(''), 'utf8'));

  // 7.11 display parameters per segment: measure (1 nominal, 2 ordinal, 3 scale), width, alignment
  const display: number[] = [];
  for (const sv of layout.variables) {
    const measure = sv.variable.measure === 'nominal' ? 1 : sv.variable.measure === 'ordinal' ? 2 : 3;
    for (let s = 0; s < sv.segments.length; s++) display.push(measure, sv.width === 0 ? 8 : Math.min(sv.width, 40), sv.width === 0 ? 1 : 0);
  }
  out.int32(7, 11, 4, display.length, ...display);

  // 7.13 long variable names
  out.extension(13, Buffer.from(layout.variables.map((sv) => `${sv.segments[0].shortName}=${sv.variable.name}`).join('\t'), 'utf8'));

  // 7.14 very long strings: short name = width (5 digits), NUL, tab
  const long = layout.variables.filter((sv) => sv.width > 255);
  if (long.length > 0) {
    out.extension(14, Buffer.from(long.map((sv) => `${sv.segments[0].shortName}=${String(sv.width).padStart(5, '0')}\0\t`).join(''), 'latin1'));
  }

  // 7.20 character encoding
  out.extension(20, Buffer.from('UTF-8', 'ascii'));
  out.int32(999, 0);
  return out.build();
}
