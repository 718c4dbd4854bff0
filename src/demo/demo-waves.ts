import type { WaveStatus } from '../store/index.js';

/** The default demo: three editions of the barometer, 1,200 respondents each, seed 7. */
export const DEMO_DEFAULTS = Object.freeze({ waves: Object.freeze([2015, 2016, 2017]), n: 1200, seed: 7 });

/** The built-in study the demo fills. */
export const DEMO_STUDY_ID = 'social-media-barometer';

export interface DemoWavePlan {
  readonly year: number;
  readonly code: string;
  readonly title: string;
  readonly status: WaveStatus;
  readonly opensAt: Date;
  /** null: still open for answers */
  readonly closesAt: Date | null;
  readonly fieldworkDays: number;
  /** when the wave row is created (a week before fieldwork) */
  readonly createdAt: Date;
  /** when its status is set (publication six weeks after closing; the opening day for fieldwork) */
  readonly statusAt: Date;
}

const FIELDWORK_DAYS = 47;
const DAY = 86_400_000;

/**
 * A demo wave's dates and status. Editions before 2017 are published; 2017 and later are in fieldwork,
 * open for answers (no closing date, so that a visitor can answer the running edition), their demo
 * responses dated in March–April of their year like the others.
 */
export function demoWavePlan(year: number): DemoWavePlan {
  const opensAt = new Date(Date.UTC(year, 2, 9));
  const closing = new Date(opensAt.getTime() + FIELDWORK_DAYS * DAY - 1);
  const published = year < 2017;
  return Object.freeze({
    year,
    code: String(year),
    title: String(year),
    status: published ? 'published' : 'fieldwork',
    opensAt,
    closesAt: published ? closing : null,
    fieldworkDays: FIELDWORK_DAYS,
    createdAt: new Date(opensAt.getTime() - 7 * DAY),
    statusAt: published ? new Date(closing.getTime() + 45 * DAY) : opensAt,
  });
}
