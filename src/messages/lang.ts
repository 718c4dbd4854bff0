/**
 * The interface languages: the languages that have a messages catalogue. French is the default (pages at the
 * site's root). A study may be written in any other language: its interface words then come in English.
 */
export type Lang = 'fr' | 'en';

export const LANGS: readonly Lang[] = Object.freeze(['fr', 'en']);

export const DEFAULT_LANG: Lang = 'fr';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/**
 * The interface language for a content language (any BCP 47 tag): the tag itself when it has a catalogue,
 * else its primary language when that has one (`fr-CA` → `fr`), else English.
 * @example interfaceLanguage('it') // 'en'
 */
export function interfaceLanguage(tag: string): Lang {
  if (isLang(tag)) return tag;
  const primary = tag.split('-')[0]!.toLowerCase();
  return isLang(primary) ? primary : 'en';
}
