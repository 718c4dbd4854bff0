import { median } from '../fieldwork/median.js';
import type { CleaningFlag, CleaningInput } from './cleaning-flag.js';

/** Default share of the median duration under which a complete response is a speeder. */
export const SPEEDER_FRACTION = 1 / 3;

/** Speeders: complete responses faster than `fraction` (default a third) of the median duration of complete responses. */
export function findSpeeders(responses: readonly CleaningInput[], fraction = SPEEDER_FRACTION): Map<number, CleaningFlag> {
  const complete = responses.filter((r) => r.status === 'complete' && r.durationMs !== null);
  const medianMs = median(complete.map((r) => r.durationMs!));
  const out = new Map<number, CleaningFlag>();
  if (!(medianMs > 0)) return out;
  for (const r of complete) if (r.durationMs! < medianMs * fraction) out.set(r.id, Object.freeze({ kind: 'speeder', durationMs: r.durationMs!, medianMs, fraction }));
  return out;
}
