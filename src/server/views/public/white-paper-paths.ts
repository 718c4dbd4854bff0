import type { Lang } from '../../../report/format/lang.js';

const enc = encodeURIComponent;

/** Addresses of the white paper: French `/livre-blanc/…`, English `/en/white-paper/…` (both words route in both languages). */
export const WHITE_PAPER_PATHS = Object.freeze({
  page: (lang: Lang, study: string) => `${lang === 'fr' ? '/livre-blanc' : '/en/white-paper'}/${enc(study)}`,
  download: (lang: Lang, token: string) => `${lang === 'fr' ? '/livre-blanc/telechargement' : '/en/white-paper/download'}/${enc(token)}`,
});
