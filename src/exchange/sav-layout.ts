import type { ExportVariable } from './export-variables.js';

/** One physical variable of a system file: a variable, or a segment of a very long string. */
export interface SavSegment {
  readonly shortName: string;
  /** 0 numeric, 1..255 string bytes */
  readonly width: number;
  /** bytes of the value stored in this segment */
  readonly used: number;
  /** 8-byte elements it takes (its record and continuation records) */
  readonly elements: number;
  /** 1-based index of its variable record */
  readonly dictionaryIndex: number;
}

/** A variable of the export as laid out in a system file. */
export interface SavVariable {
  readonly variable: ExportVariable;
  readonly index: number;
  /** 0 numeric, string width in bytes otherwise (up to 32767) */
  readonly width: number;
  readonly segments: readonly SavSegment[];
}

export interface SavLayout {
  readonly kind: 'sav-layout';
  readonly variables: readonly SavVariable[];
  /** 8-byte elements per case */
  readonly caseSize: number;
}

/** Longest string width of a system file. */
export const SAV_MAX_STRING = 32767;

/**
 * Bytes a text of `maxLength` UTF-16 code units can take in UTF-8: at most 3 per code unit (a character
 * outside the BMP is 2 units and 4 bytes).
 */
export function savStringWidth(maxLength: number): number {
  return Math.max(1, Math.min(SAV_MAX_STRING, maxLength * 3));
}

/** Width of a string variable whose longest text takes `maxBytes` UTF-8 bytes (at least 1, at most 32767). */
export function savTextWidth(maxBytes: number): number {
  return Math.max(1, Math.min(SAV_MAX_STRING, maxBytes));
}

/** Number of segments of a string (PSPP's sfm_width_to_segments). */
function segmentCount(width: number): number {
  return width < 256 ? 1 : Math.ceil(width / 252);
}

/**
 * Lays the export's variables out in a system file: unique 8-byte short names (the long names go in
 * record 7.13), strings over 255 bytes split in segments of 255 (the last one `width − 252·(n−1)` wide),
 * as PSPP's system-file documentation describes. A text's width is its longest value in `textBytes`
 * (UTF-8 bytes, by variable) when given, else what its maximum length in characters can take.
 */
export function savLayout(variables: readonly ExportVariable[], textBytes?: readonly number[]): SavLayout {
  const used = new Set<string>();
  let counter = 0;
  const unique = (wanted: string): string => {
    let name = wanted.toUpperCase().slice(0, 8);
    while (used.has(name) || !/^[A-Z]/.test(name)) name = `V${++counter}`.slice(0, 8);
    used.add(name);
    return name;
  };
  let dictionaryIndex = 1;
  const out: SavVariable[] = variables.map((variable, index) => {
    const width = variable.type !== 'text' ? 0 : textBytes ? savTextWidth(textBytes[index]) : savStringWidth(variable.maxLength);
    const segments: SavSegment[] = [];
    const n = segmentCount(width);
    const shortName = unique(variable.name);
    for (let s = 0; s < n; s++) {
      const segmentWidth = width === 0 ? 0 : width < 256 ? width : s < n - 1 ? 255 : width - s * 252;
      const usedBytes = width === 0 ? 8 : width < 256 ? width : Math.max(0, Math.min(255, width - s * 255));
      const elements = width === 0 ? 1 : Math.ceil(segmentWidth / 8);
      segments.push({ shortName: s === 0 ? shortName : unique(`${shortName.slice(0, 5)}${s}`), width: segmentWidth, used: usedBytes, elements, dictionaryIndex });
      dictionaryIndex += elements;
    }
    return { variable, index, width, segments };
  });
  return Object.freeze({ kind: 'sav-layout', variables: out, caseSize: dictionaryIndex - 1 });
}
