/** The languages of the product: French first (the default), English second. */
export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = Object.freeze(['fr', 'en']);

export const DEFAULT_LANG: Lang = 'fr';

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}
