import type { Lang } from '../../report/format/lang.js';

/**
 * Languages live in the path: French pages at `/x`, English ones at `/en/x`. The app strips the `/en`
 * prefix before routing (so every route exists in both languages) and remembers the language.
 */
const EN_PREFIX = /^\/en(?=\/|\?|#|$)/;

/** The language of an URL as the browser requested it. */
export function langOfUrl(url: string): Lang {
  return EN_PREFIX.test(url) ? 'en' : 'fr';
}

/** The URL the router sees: without the `/en` prefix (always starting with `/`). */
export function stripLangPrefix(url: string): string {
  const stripped = url.replace(EN_PREFIX, '');
  return stripped === '' || !stripped.startsWith('/') ? `/${stripped}` : stripped;
}

/** The URL of a page in a language: `localizedPath('en', '/results?w=2')` is `/en/results?w=2`. */
export function localizedPath(lang: Lang, path: string): string {
  const local = path.startsWith('/') ? path : `/${path}`;
  return lang === 'fr' ? local : `/en${local}`;
}
