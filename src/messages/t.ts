import { de } from './de.js';
import { en, type MessageKey, type Messages } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import type { Lang } from './lang.js';
import { typography } from './typography.js';

const CATALOGUES: Readonly<Record<Lang, Messages>> = Object.freeze({ fr, en, de, es });

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The text of `key` in the interface language `lang`, with `{name}` placeholders replaced by `params` (as
 * plain text: escaping happens when the result is interpolated in `html`), then set in the language's
 * typography (French: no-break spaces before : ; ! ? % and inside « »).
 * @throws Error when a placeholder has no value, so a missing parameter never reaches a page unnoticed.
 * @example t('en', 'error.reference', { id: 'abc' }) // 'Error reference: abc'
 */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[lang][key];
  if (template === undefined) throw new Error(`t: no message "${key}" in "${lang}"`);
  const text = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`t: message "${key}" needs the parameter "${name}"`);
    return String(value);
  });
  return typography(lang, text);
}

/** The catalogue of a language, for tests and tools that compare catalogues. */
export function catalogue(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/** The CLDR plural category a message variant is chosen by (`.one` / `.other` keys); `other` for all but one. */
export function pluralCategory(lang: Lang, n: number): 'one' | 'other' {
  return new Intl.PluralRules(lang).select(n) === 'one' ? 'one' : 'other';
}
