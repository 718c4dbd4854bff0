import { packAnswers, packedSize, type Answers, type ColumnLayout } from '../study/index.js';

/** What one answer key writes into the packed vector. */
type Target =
  /** a number column at byte `offset` (Float64, NaN when not a number) */
  | { readonly kind: 'number'; readonly offset: number }
  /** a category column: a number is its code, a boolean 1 / 0 */
  | { readonly kind: 'category'; readonly offset: number }
  /** a multiple choice: its dichotomies, 1 when selected, 0 when not, −1 when nothing is */
  | { readonly kind: 'choices'; readonly offsets: readonly number[]; readonly codes: readonly number[] }
  /** a dichotomy answered as its own variable (a matrix item), unless the question holds a list */
  | { readonly kind: 'item'; readonly offset: number; readonly question: string }
  /** a ranking option's rank; its question's other options not ranked (still −1) become 0 */
  | { readonly kind: 'rank'; readonly offset: number; readonly siblings: readonly number[] };

/** Rows of packed vectors allocated at once: one slab of memory instead of an ArrayBuffer per response. */
const SLAB_ROWS = 1024;

/**
 * A packer equivalent to the study's `packAnswers` for one layout, built for a million responses: the
 * per-column work (which variable, which option code) is done once; each response walks its own answer
 * keys (about fifty) instead of looking every column up in the answers, and its bytes are a slice of a
 * slab shared by 1,024 responses, written through typed arrays rather than a DataView per response.
 * generateWave checks it byte for byte against `packAnswers` on every response it validates.
 */
export function createAnswerPacker(layout: ColumnLayout): (answers: Answers) => Uint8Array {
  // typed arrays write in the platform's byte order; the packed layout is little-endian
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) return (answers) => packAnswers(layout, answers);
  const size = packedSize(layout);
  // rows start on 8-byte boundaries in the slab, so that Float64Array and Int16Array views can write them
  const stride = Math.ceil(size / 8) * 8;
  const targets = new Map<string, Target[]>();
  const add = (key: string, target: Target) => {
    const list = targets.get(key);
    if (list) list.push(target);
    else targets.set(key, [target]);
  };
  const empty = new Uint8Array(stride);
  const emptyView = new DataView(empty.buffer);
  let offset = 0;
  for (const c of layout.numbers) {
    add(c.name, { kind: 'number', offset });
    emptyView.setFloat64(offset, Number.NaN, true);
    offset += 8;
  }
  const choices = new Map<string, { offsets: number[]; codes: number[] }>();
  const rankOffsets = new Map<string, number[]>();
  const categoryOffsets = new Map<string, number>();
  let at = offset;
  for (const c of layout.categories) {
    categoryOffsets.set(c.name, at);
    at += 2;
  }
  for (const c of layout.categories) {
    emptyView.setInt16(offset, -1, true);
    if (c.rankOf) {
      let siblings = rankOffsets.get(c.question);
      if (!siblings) rankOffsets.set(c.question, (siblings = c.rankOf.map((name) => categoryOffsets.get(name)!)));
      add(c.name, { kind: 'rank', offset, siblings });
    } else if (c.name === c.question) add(c.name, { kind: 'category', offset });
    else {
      // packAnswers: a list under the question decides; otherwise the column's own variable (a matrix item)
      let choice = choices.get(c.question);
      if (!choice) choices.set(c.question, (choice = { offsets: [], codes: [] }));
      choice.offsets.push(offset);
      choice.codes.push(Number(c.name.slice(c.question.length + 1)));
      add(c.name, { kind: 'item', offset, question: c.question });
    }
    offset += 2;
  }
  for (const [question, { offsets, codes }] of choices) add(question, { kind: 'choices', offsets, codes });

  let slab = new ArrayBuffer(0);
  let bytes = new Uint8Array(slab);
  let float64 = new Float64Array(slab);
  let int16 = new Int16Array(slab);
  let row = SLAB_ROWS;
  return (answers) => {
    if (row === SLAB_ROWS) {
      slab = new ArrayBuffer(stride * SLAB_ROWS);
      bytes = new Uint8Array(slab);
      float64 = new Float64Array(slab);
      int16 = new Int16Array(slab);
      row = 0;
    }
    const start = stride * row++;
    bytes.set(empty, start);
    for (const key in answers) {
      const list = targets.get(key);
      if (list === undefined) continue;
      const value = answers[key];
      for (const t of list) {
        switch (t.kind) {
          case 'number':
            if (typeof value === 'number') float64[(start + t.offset) / 8] = value;
            break;
          case 'category':
            if (typeof value === 'number') int16[(start + t.offset) / 2] = value;
            else if (typeof value === 'boolean') int16[(start + t.offset) / 2] = value ? 1 : 0;
            break;
          case 'choices':
            if (Array.isArray(value) && value.length > 0) {
              for (let i = 0; i < t.offsets.length; i++) int16[(start + t.offsets[i]) / 2] = value.includes(t.codes[i]) ? 1 : 0;
            }
            break;
          case 'item':
            if (typeof value === 'number' && !Array.isArray(answers[t.question])) int16[(start + t.offset) / 2] = value;
            break;
          case 'rank':
            if (typeof value === 'number') {
              for (const sibling of t.siblings) if (int16[(start + sibling) / 2] === -1) int16[(start + sibling) / 2] = 0;
              int16[(start + t.offset) / 2] = value;
            }
            break;
        }
      }
    }
    return bytes.subarray(start, start + size);
  };
}
