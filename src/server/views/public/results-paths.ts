import type { Lang } from '../../../report/format/lang.js';

const enc = encodeURIComponent;
const query = (params: Readonly<Record<string, string | undefined>>) => {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return entries.length === 0 ? '' : `?${entries.map(([k, v]) => `${k}=${enc(v)}`).join('&')}`;
};

/**
 * Addresses of the public results, in the page's language: French `/resultats/…`, English `/en/results/…`
 * (both words route in both languages). Assets (charts, CSV, API) have one path; `/en` only changes their labels.
 */
export const RESULTS_PATHS = Object.freeze({
  dashboard: (lang: Lang, study: string, params: { wave?: string; cut?: string } = {}) =>
    `${lang === 'fr' ? '/resultats' : '/en/results'}/${enc(study)}${query(params)}`,
  methodology: (lang: Lang, study: string, wave: string) =>
    `${lang === 'fr' ? '/resultats' : '/en/results'}/${enc(study)}/${lang === 'fr' ? 'methodologie' : 'methodology'}${query({ wave })}`,
  trend: (lang: Lang, study: string, wave: string, indicator: string) =>
    `${lang === 'fr' ? '/resultats' : '/en/results'}/${enc(study)}/${lang === 'fr' ? 'evolution' : 'trend'}/${enc(indicator)}${query({ wave })}`,
  chart: (lang: Lang, study: string, wave: string, chart: string, format: 'svg' | 'png') =>
    `${lang === 'fr' ? '' : '/en'}/charts/${enc(study)}/${enc(wave)}/${enc(chart)}.${format}`,
  embed: (lang: Lang, study: string, wave: string, chart: string) => `${lang === 'fr' ? '' : '/en'}/embed/${enc(study)}/${enc(wave)}/${enc(chart)}`,
  api: (study: string, wave: string) => `/api/v1/studies/${enc(study)}/waves/${enc(wave)}/results`,
  csv: (lang: Lang, study: string, wave: string, table: string) =>
    `${lang === 'fr' ? '' : '/en'}/api/v1/studies/${enc(study)}/waves/${enc(wave)}/tables/${enc(table)}.csv`,
});
