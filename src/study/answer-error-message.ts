import { interfaceLanguage, t, type MessageKey } from '../messages/index.js';
import type { LanguageTag } from './label.js';
import type { AnswerError } from './validate-answers.js';

/** A bound of a number question as the language writes it (decimal comma in French, German, Spanish…). */
function formatBound(value: string | number, lang: string): string {
  return typeof value === 'number' ? new Intl.NumberFormat(lang, { maximumFractionDigits: 20, useGrouping: false }).format(value) : value;
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
