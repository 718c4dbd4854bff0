import { interfaceLanguage, t, type MessageKey } from '../messages/index.js';
import type { LanguageTag } from './label.js';
import type { AnswerError } from './validate-answers.js';

/**
 * A bound as the language writes it: a number with its decimal comma (French, German, Spanish…), a date
 * (`YYYY-MM-DD`) in words ("31 March 2026", « 31 mars 2026 »).
 */
function formatBound(value: string | number, lang: string): string {
  if (typeof value === 'number') return new Intl.NumberFormat(lang, { maximumFractionDigits: 20, useGrouping: false }).format(value);
  // day month year in English as in the rest of the interface (`formatDate`), not the US order
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
  return value;
}

/**
 * The respondent-facing wording of an answer error, in the interface language of the questionnaire's
 * language (English for a language without a catalogue).
 */
export function answerErrorMessage(error: AnswerError, lang: LanguageTag): string {
  const ui = interfaceLanguage(lang);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.params)) params[name] = formatBound(value, ui);
  return t(ui, `answer.${error.code}` as MessageKey, params);
}
