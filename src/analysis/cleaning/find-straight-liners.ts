import type { MatrixQuestion, Study } from '../../study/index.js';
import type { CleaningFlag, CleaningInput } from './cleaning-flag.js';

export const MIN_MATRIX_ITEMS = 5;

/** Straight-liners: one and the same answer on every item of a matrix of `minItems` items or more (default five). */
export function findStraightLiners(study: Study, responses: readonly CleaningInput[], minItems = MIN_MATRIX_ITEMS): Map<number, CleaningFlag[]> {
  const matrices = study.pages.flatMap((p) => p.questions).filter((q): q is MatrixQuestion => q.kind === 'matrix' && q.items.length >= minItems);
  const out = new Map<number, CleaningFlag[]>();
  for (const r of responses) {
    for (const q of matrices) {
      const codes = q.items.map((item) => r.answers[item.name]);
      const first = codes[0];
      if (typeof first === 'number' && codes.every((c) => c === first)) {
        const flags = out.get(r.id) ?? [];
        flags.push(Object.freeze({ kind: 'straight-liner', question: q.name, items: q.items.length, code: first }));
        out.set(r.id, flags);
      }
    }
  }
  return out;
}
