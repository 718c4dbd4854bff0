import type { Lang } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';

const enc = encodeURIComponent;
const query = (params: Readonly<Record<string, string | undefined>>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return entries.length === 0 ? '' : `?${entries.map(([k, v]) => `${k}=${enc(v)}`).join('&')}`;
};

/** The words of the public addresses: French ones at the root, English ones under every other prefix. */
const SLUGS = {
  fr: { results: 'resultats', methodology: 'methodologie', trend: 'evolution' },
  other: { results: 'results', methodology: 'methodology', trend: 'trend' },
} as const;
const slugs = (lang: Lang) => (lang === 'fr' ? SLUGS.fr : SLUGS.other);

/**
 * Addresses of the public results, in the page's language: French `/resultats/…`, English `/en/results/…`,
 * German `/de/results/…`, Spanish `/es/results/…` (both words route in every language). Assets (charts,
 * CSV, API) have one path; the prefix only changes their labels.
 */
export const RESULTS_PATHS = Object.freeze({
  dashboard: (lang: Lang, study: string, params: { wave?: string; cut?: string } = {}) => localizedPath(lang, `/${slugs(lang).results}/${enc(study)}${query(params)}`),
  methodology: (lang: Lang, study: string, wave: string) => localizedPath(lang, `/${slugs(lang).results}/${enc(study)}/${slugs(lang).methodology}${query({ wave })}`),
  trend: (lang: Lang, study: string, wave: string, indicator: string) =>
    localizedPath(lang, `/${slugs(lang).results}/${enc(study)}/${slugs(lang).trend}/${enc(indicator)}${query({ wave })}`),
  chart: (lang: Lang, study: string, wave: string, chart: string, format: 'svg' | 'png', variant: 'wide' | 'narrow' = 'wide') =>
    localizedPath(lang, `/charts/${enc(study)}/${enc(wave)}/${enc(chart)}${variant === 'narrow' ? '.narrow' : ''}.${format}`),
  embed: (lang: Lang, study: string, wave: string, chart: string) => localizedPath(lang, `/embed/${enc(study)}/${enc(wave)}/${enc(chart)}`),
  api: (study: string, wave: string) => `/api/v1/studies/${enc(study)}/waves/${enc(wave)}/results`,
  csv: (lang: Lang, study: string, wave: string, table: string) => localizedPath(lang, `/api/v1/studies/${enc(study)}/waves/${enc(wave)}/tables/${enc(table)}.csv`),
});
