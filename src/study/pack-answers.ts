import type { Answers } from './answers.js';
import type { CategoryColumn, ColumnLayout } from './column-layout.js';

/** Byte size of a packed response: Float64 numbers first (aligned), then Int16 category codes. */
export function packedSize(layout: ColumnLayout): number {
  return layout.numbers.length * 8 + layout.categories.length * 2;
}

function categoryCode(answers: Answers, column: CategoryColumn): number {
  const { name, question } = column;
  if (column.rankOf) {
    // a ranking option: its rank, 0 when another option of the question is ranked, -1 when none is
    const rank = answers[name];
    if (typeof rank === 'number') return rank;
    return column.rankOf.some((key) => typeof answers[key] === 'number') ? 0 : -1;
  }
  if (name !== question) {
    // a multiple choice's dichotomy `<question>_<code>`
    const selected = answers[question];
    if (Array.isArray(selected)) {
      if (selected.length === 0) return -1;
      const code = Number(name.slice(question.length + 1));
      return selected.includes(code) ? 1 : 0;
    }
    // a matrix item is its own variable
    const item = answers[name];
    return typeof item === 'number' ? item : -1;
  }
  const value = answers[name];
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return -1;
}

/**
 * Packs answers into the layout's binary vector (little-endian): what the store keeps beside the JSON
 * answers so that a wave of a million responses loads into columns without parsing JSON.
 */
export function packAnswers(layout: ColumnLayout, answers: Answers): Uint8Array {
  const bytes = new Uint8Array(packedSize(layout));
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const column of layout.numbers) {
    const value = answers[column.name];
    view.setFloat64(offset, typeof value === 'number' ? value : Number.NaN, true);
    offset += 8;
  }
  for (const column of layout.categories) {
    view.setInt16(offset, categoryCode(answers, column), true);
    offset += 2;
  }
  return bytes;
}

/**
 * Copies one packed response into row `row` of preallocated columns (numbers then categories, in layout
 * order). Works on any byte offset (database drivers return unaligned buffers).
 */
export function unpackInto(layout: ColumnLayout, bytes: Uint8Array, row: number, numbers: readonly Float64Array[], categories: readonly Int16Array[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const expected = packedSize(layout);
  if (bytes.byteLength !== expected) {
    throw new Error(`unpackInto: packed response has ${bytes.byteLength} bytes, the layout needs ${expected}`);
  }
  let offset = 0;
  for (let j = 0; j < numbers.length; j++, offset += 8) numbers[j][row] = view.getFloat64(offset, true);
  for (let j = 0; j < categories.length; j++, offset += 2) categories[j][row] = view.getInt16(offset, true);
}
