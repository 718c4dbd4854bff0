import type { Lang } from '../../../report/format/lang.js';
import { answerKeys, type Answers, type FormBody, type Page } from '../../../study/index.js';

/** What a page's fields hold, as the browser sends them: field name -> the values (several for a checkbox group). */
export type FormValues = Readonly<Record<string, readonly string[]>>;

/** The posted fields of a page, to show again what was typed. */
export function formValuesFromBody(page: Page, body: FormBody): FormValues {
  const out: Record<string, string[]> = {};
  for (const key of page.questions.flatMap(answerKeys)) {
    const value = body[key];
    if (value !== undefined) out[key] = (Array.isArray(value) ? value : [value]).map(String);
  }
  return out;
}

/** The stored answers of a page as field values (numbers written the way the language writes them). */
export function formValuesFromAnswers(page: Page, answers: Answers, lang: Lang): FormValues {
  const out: Record<string, string[]> = {};
  for (const q of page.questions) {
    for (const key of answerKeys(q)) {
      const value = answers[key];
      if (value === undefined) continue;
      if (Array.isArray(value)) out[key] = value.map(String);
      else if (typeof value === 'boolean') out[key] = value ? ['yes'] : [];
      else if (typeof value === 'number' && q.kind === 'number' && lang === 'fr') out[key] = [String(value).replace('.', ',')];
      else out[key] = [String(value)];
    }
  }
  return out;
}
