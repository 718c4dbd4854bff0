import { median } from '../fieldwork/median.js';
import type { CleaningFlag, CleaningInput } from './cleaning-flag.js';

/** Speeders: complete responses faster than a third of the median duration of complete responses. */
export function findSpeeders(responses: readonly CleaningInput[]): Map<number, CleaningFlag> {
  const complete = responses.filter((r) => r.status === 'complete' && r.durationMs !== null);
  const medianMs = median(complete.map((r) => r.durationMs!));
  const out = new Map<number, CleaningFlag>();
  if (!(medianMs > 0)) return out;
  for (const r of complete) if (r.durationMs! < medianMs / 3) out.set(r.id, Object.freeze({ kind: 'speeder', durationMs: r.durationMs!, medianMs }));
  return out;
}
