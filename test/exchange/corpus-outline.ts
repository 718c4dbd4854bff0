/**
 * What the corpus tests of the questionnaire importers (LimeSurvey, SurveyJS) compare with their table of
 * expectations per file: each page's questions, every display condition and every loss, as plain values.
 */
import type { ImportLoss } from '../../src/exchange/questionnaire-import.js';
import type { Condition, Study } from '../../src/study/index.js';

/** Each page's questions, as `name:kind`. */
export const questionsByPage = (study: Study): string[][] => study.pages.map((p) => p.questions.map((q) => `${q.name}:${q.kind}`));

/** Every display condition, by question name or `page <id>`. */
export function conditionsOf(study: Study): Record<string, Condition> {
  const out: Record<string, Condition> = {};
  for (const page of study.pages) {
    if (page.condition) out[`page ${page.id}`] = page.condition;
    for (const q of page.questions) if (q.condition) out[q.name] = q.condition;
  }
  return out;
}

/** Every loss, as `construct | where`, then `| changes who sees` when it does. */
export const lossLines = (losses: readonly ImportLoss[]): string[] => losses.map((l) => `${l.construct} | ${l.where}${l.changesWhoSees ? ' | changes who sees' : ''}`);
