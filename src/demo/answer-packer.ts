import { packedSize, type Answers, type ColumnLayout } from '../study/index.js';

/**
 * A packer equivalent to the study's `packAnswers` for one layout, with the per-column work (which
 * variable, which option code) done once instead of once per response: the demo packs a million responses.
 * generateWave checks it byte for byte against `packAnswers` on every response it validates.
 */
export function createAnswerPacker(layout: ColumnLayout): (answers: Answers) => Uint8Array {
  const numbers = layout.numbers.map((c) => c.name);
  const categories = layout.categories.map((c) => ({
    name: c.name,
    question: c.question,
    dichotomy: c.name !== c.question,
    code: c.name !== c.question ? Number(c.name.slice(c.question.length + 1)) : Number.NaN,
  }));
  const size = packedSize(layout);
  return (answers) => {
    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    let offset = 0;
    for (const name of numbers) {
      const value = answers[name];
      view.setFloat64(offset, typeof value === 'number' ? value : Number.NaN, true);
      offset += 8;
    }
    for (const c of categories) {
      let code = -1;
      if (c.dichotomy) {
        const selected = answers[c.question];
        if (Array.isArray(selected)) code = selected.length === 0 ? -1 : selected.includes(c.code) ? 1 : 0;
        else {
          const item = answers[c.name];
          if (typeof item === 'number') code = item;
        }
      } else {
        const value = answers[c.name];
        if (typeof value === 'number') code = value;
        else if (typeof value === 'boolean') code = value ? 1 : 0;
      }
      view.setInt16(offset, code, true);
      offset += 2;
    }
    return bytes;
  };
}
