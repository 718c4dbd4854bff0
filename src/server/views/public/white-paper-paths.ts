import type { Lang } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';

const enc = encodeURIComponent;

/**
 * Addresses of the white paper: French `/livre-blanc/…`, other languages `/en/white-paper/…`,
 * `/de/white-paper/…`, `/es/white-paper/…` (both words route in every language).
 */
export const WHITE_PAPER_PATHS = Object.freeze({
  page: (lang: Lang, study: string) => localizedPath(lang, `${lang === 'fr' ? '/livre-blanc' : '/white-paper'}/${enc(study)}`),
  download: (lang: Lang, token: string) => localizedPath(lang, `${lang === 'fr' ? '/livre-blanc/telechargement' : '/white-paper/download'}/${enc(token)}`),
});
