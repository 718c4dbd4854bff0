import type { WaveStatus } from '../store/index.js';
import { waveCodePeriod } from './wave-code-dates.js';

/** A synthetic wave of any study: its code, dates and status, and its place in the series. */
export interface GenericWavePlan {
  readonly code: string;
  readonly title: string;
  readonly status: WaveStatus;
  readonly opensAt: Date;
  /** null: still open for answers */
  readonly closesAt: Date | null;
  readonly fieldworkDays: number;
  /** when the wave row is created (a week before fieldwork) */
  readonly createdAt: Date;
  /** when its status is set (publication four weeks after closing; the opening day for fieldwork) */
  readonly statusAt: Date;
}

const DAY = 86_400_000;

/**
 * The plan of synthetic waves named by `codes`, in time order: each opens on the 6th day of the period its
 * code names (`waveCodePeriod`) for 21 days (a fortnight for a monthly wave). The last `inFieldwork`
 * waves are in fieldwork, open for answers; the earlier ones are closed and published.
 * @throws RangeError naming a code whose period cannot be told, or two codes of the same period.
 */
export function genericWavePlan(codes: readonly string[], inFieldwork = 1): GenericWavePlan[] {
  const periods = codes.map((code) => {
    const period = waveCodePeriod(code);
    if (!period) throw new RangeError(`wave code "${code}" names no period (write e.g. T3-2025, Q3-2025, 2025-Q3, 2025-09 or 2025)`);
    return { code: code.trim(), ...period };
  });
  periods.sort((a, b) => a.start.getTime() - b.start.getTime() || a.months - b.months);
  for (let i = 1; i < periods.length; i++) {
    if (periods[i].start.getTime() === periods[i - 1].start.getTime() && periods[i].months === periods[i - 1].months) {
      throw new RangeError(`wave codes "${periods[i - 1].code}" and "${periods[i].code}" name the same period`);
    }
  }
  return periods.map((p, i) => {
    const fieldworkDays = p.months === 1 ? 14 : 21;
    const opensAt = new Date(p.start.getTime() + 5 * DAY);
    const closing = new Date(opensAt.getTime() + fieldworkDays * DAY - 1);
    const published = i < periods.length - inFieldwork;
    return Object.freeze({
      code: p.code,
      title: p.code,
      status: published ? 'published' : 'fieldwork',
      opensAt,
      closesAt: published ? closing : null,
      fieldworkDays,
      createdAt: new Date(opensAt.getTime() - 7 * DAY),
      statusAt: published ? new Date(closing.getTime() + 28 * DAY) : opensAt,
    });
  });
}
