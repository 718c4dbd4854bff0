import { hasCatalogue, t, type Lang } from '../messages/index.js';
import type { StudyLanguages } from './study.js';

/**
 * A warning for each language of the study without an interface catalogue: its pages show the study's own
 * words in that language and the interface's words (buttons, errors, notes) in English. Not an error: any
 * BCP 47 language can be a study language. In English unless `lang` names the reader's interface language.
 * @example interfaceLanguageWarnings({ languages: ['de', 'it'] }) // ['language "it" has no interface catalogue: falls back to English for the interface's words']
 */
export function interfaceLanguageWarnings(study: StudyLanguages, lang: Lang = 'en'): string[] {
  return study.languages.filter((tag) => !hasCatalogue(tag)).map((tag) => t(lang, 'study.warning.noCatalogue', { lang: tag }));
}
