import { answerKeys, type Answers, type FormBody, type Page, type LanguageTag } from '../../../study/index.js';

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

/**
 * A number answer as the language writes it in a field: a decimal comma where the language has one (fr, de,
 * es, it…), no grouping, Latin digits, so the form reads it back unchanged.
 */
export function answerNumber(value: number, lang: LanguageTag): string {
  let decimal = '.';
  try {
    decimal = new Intl.NumberFormat(lang).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  } catch {
    decimal = '.';
  }
  return decimal === ',' ? String(value).replace('.', ',') : String(value);
}

/** The stored answers of a page as field values (numbers written the way the language writes them). */
export function formValuesFromAnswers(page: Page, answers: Answers, lang: LanguageTag): FormValues {
  const out: Record<string, string[]> = {};
  for (const q of page.questions) {
    for (const key of answerKeys(q)) {
      const value = answers[key];
      if (value === undefined) continue;
      if (Array.isArray(value)) out[key] = value.map(String);
      else if (typeof value === 'boolean') out[key] = value ? ['yes'] : [];
      else if (typeof value === 'number' && (q.kind === 'number' || q.kind === 'numbers')) out[key] = [answerNumber(value, lang)];
      else out[key] = [String(value)];
    }
  }
  return out;
}
