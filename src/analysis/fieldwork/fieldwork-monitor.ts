import type { ResponseRecord } from '../../store/index.js';
import { allQuestions, answerKeys, orderKey, type Question, type Study } from '../../study/index.js';
import { median } from './median.js';
import type { Quotas } from './quotas.js';

export interface FieldworkMonitor {
  readonly kind: 'fieldwork-monitor';
  readonly completes: number;
  readonly partials: number;
  readonly excluded: number;
  /** per calendar day (Europe/Paris): completes by completion day, partials by start day */
  readonly days: readonly { readonly date: string; readonly completes: number; readonly partials: number }[];
  /** per page: how many responses reached it (complete ones reached every page) */
  readonly funnel: readonly { readonly page: number; readonly reached: number }[];
  /** per question: responses that answered it, and partial responses whose last answer it was */
  readonly questions: readonly { readonly name: string; readonly page: number; readonly answered: number; readonly abandonedAfter: number }[];
  /** of complete responses, NaN when there is none */
  readonly medianDurationMs: number;
  /** complete, kept responses per quota segment */
  readonly quotas: readonly { readonly variable: string; readonly code: number; readonly target: number; readonly achieved: number }[];
}

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
/** YYYY-MM-DD of an instant in Europe/Paris (fieldwork days are French calendar days). */
export const parisDay = (iso: string) => PARIS_DAY.format(new Date(iso));

function answered(question: Question, answers: Record<string, unknown>): boolean {
  // every variable of the question (a matrix's or multiple numeric's items, a grid's cells, a ranking's ranks, an "other" text), not the order it was shown in
  return answerKeys(question).some((key) => {
    if (key === orderKey(question.name)) return false;
    const value = answers[key];
    return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  });
}

/**
 * The figures of the fieldwork monitor from a wave's responses: completes and partials per day, the page
 * funnel, answers and drop-off per question, the median duration, and quota progress. O(responses × questions).
 */
export function fieldworkMonitor(study: Study, responses: readonly ResponseRecord[], quotas: Quotas): FieldworkMonitor {
  // information texts take no answer: not in the per-question counts
  const questions = allQuestions(study).filter(({ question }) => question.kind !== 'info');
  const byDay = new Map<string, { completes: number; partials: number }>();
  const reached = new Array<number>(study.pages.length).fill(0);
  const answeredCount = new Array<number>(questions.length).fill(0);
  const abandoned = new Array<number>(questions.length).fill(0);
  let completes = 0,
    partials = 0,
    excluded = 0;
  for (const r of responses) {
    const complete = r.status === 'complete';
    const date = parisDay(complete ? (r.completedAt ?? r.updatedAt) : r.startedAt);
    const day = byDay.get(date) ?? { completes: 0, partials: 0 };
    if (complete) {
      completes++;
      day.completes++;
    } else {
      partials++;
      day.partials++;
    }
    byDay.set(date, day);
    if (r.excluded) excluded++;
    const last = complete ? study.pages.length - 1 : Math.min(r.currentPage, study.pages.length - 1);
    for (let p = 0; p <= last; p++) reached[p]!++;
    let lastAnswered = -1;
    questions.forEach(({ question }, i) => {
      if (answered(question, r.answers)) {
        answeredCount[i]!++;
        lastAnswered = i;
      }
    });
    if (!complete && lastAnswered >= 0) abandoned[lastAnswered]!++;
  }
  const kept = responses.filter((r) => r.status === 'complete' && !r.excluded);
  return Object.freeze({
    kind: 'fieldwork-monitor',
    completes,
    partials,
    excluded,
    days: [...byDay].sort(([a], [b]) => a.localeCompare(b)).map(([date, c]) => ({ date, ...c })),
    funnel: reached.map((n, page) => ({ page, reached: n })),
    questions: questions.map(({ question, page }, i) => ({ name: question.name, page, answered: answeredCount[i]!, abandonedAfter: abandoned[i]! })),
    medianDurationMs: median(responses.filter((r) => r.status === 'complete' && r.durationMs !== null).map((r) => r.durationMs!)),
    quotas: quotas.segments.map((s) => ({ ...s, achieved: kept.filter((r) => r.answers[s.variable] === s.code).length })),
  });
}
