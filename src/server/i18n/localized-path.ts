import { DEFAULT_LANG, LANGS, type Lang } from '../../messages/index.js';

/**
 * Languages live in the path: French pages at `/x`, the other interface languages under a prefix
 * (`/en/x`, `/de/x`, `/es/x`). The one table below gives each language its prefix; the app strips the
 * prefix before routing (so every route exists in every language) and remembers the language.
 */
export const LANG_PREFIXES: Readonly<Record<Lang, string>> = Object.freeze({ fr: '', en: '/en', de: '/de', es: '/es' });

const PREFIXED = LANGS.filter((lang) => LANG_PREFIXES[lang] !== '');
const PREFIX = new RegExp(`^(${PREFIXED.map((lang) => LANG_PREFIXES[lang]).join('|')})(?=/|\\?|#|$)`);
const LANG_OF_PREFIX = new Map(PREFIXED.map((lang) => [LANG_PREFIXES[lang], lang]));

/** The language of an URL as the browser requested it. */
export function langOfUrl(url: string): Lang {
  const match = PREFIX.exec(url);
  return match ? LANG_OF_PREFIX.get(match[1]!)! : DEFAULT_LANG;
}

/** The URL the router sees: without the language prefix (always starting with `/`). */
export function stripLangPrefix(url: string): string {
  const stripped = url.replace(PREFIX, '');
  return stripped === '' || !stripped.startsWith('/') ? `/${stripped}` : stripped;
}

/** The URL of a page in a language: `localizedPath('en', '/results?w=2')` is `/en/results?w=2`. */
export function localizedPath(lang: Lang, path: string): string {
  const local = path.startsWith('/') ? path : `/${path}`;
  return `${LANG_PREFIXES[lang]}${local}`;
}
