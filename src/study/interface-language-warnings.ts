import { hasCatalogue } from '../messages/index.js';
import type { StudyLanguages } from './study.js';

/**
 * A warning for each language of the study without an interface catalogue: its pages show the study's own
 * words in that language and the interface's words (buttons, errors, notes) in English. Not an error: any
 * BCP 47 language can be a study language.
 * @example interfaceLanguageWarnings({ languages: ['de', 'it'] }) // ['language "it" has no interface catalogue: falls back to English for the interface's words']
 */
export function interfaceLanguageWarnings(study: StudyLanguages): string[] {
  return study.languages.filter((lang) => !hasCatalogue(lang)).map((lang) => `language "${lang}" has no interface catalogue: falls back to English for the interface's words`);
}
