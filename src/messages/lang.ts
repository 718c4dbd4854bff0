/**
 * The interface languages: the languages that have a messages catalogue. French is the default (pages at the
 * site's root). A study may be written in any other language: its interface words then come in English.
 */
export type Lang = 'fr' | 'en' | 'de' | 'es';

export const LANGS: readonly Lang[] = Object.freeze(['fr', 'en', 'de', 'es']);

export const DEFAULT_LANG: Lang = 'fr';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * The interface language for a requested language (any BCP 47 tag): the tag itself when it has a
 * catalogue, else its primary language when that has one (`fr-CA` → `fr`), else English.
 * @example interfaceLanguage('it') // 'en'
 */
export function interfaceLanguage(tag: string): Lang {
  if (isLang(tag)) return tag;
  const primary = tag.split('-')[0]!.toLowerCase();
  return isLang(primary) ? primary : 'en';
}

/** Whether a language tag has an interface catalogue of its own (`it` does not: its interface is English). */
export function hasCatalogue(tag: string): boolean {
  return isLang(tag) || isLang(tag.split('-')[0]!.toLowerCase());
}

/**
 * The name of a language in that language, capitalised for a menu: `Deutsch`, `Español`, `Italiano`. Reads
 * the platform's CLDR data (Intl.DisplayNames), so it works for any tag; the tag itself if unknown.
 */
export function languageName(tag: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
  } catch {
    name = undefined;
  }
  const text = name && name !== tag ? name : tag;
  return text.charAt(0).toLocaleUpperCase(tag) + text.slice(1);
}
