import type { FastifyPluginAsync } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { Store } from '../../../store/index.js';
import { t } from '../../../messages/index.js';
import { homeView, type HomeData } from '../../views/home.js';
import { sendPage } from '../../views/send-page.js';
import { loadSiteStudies, type ErrorHook } from './site-studies.js';

/**
 * What the home page shows: every study with a published wave and every wave in fieldwork. When all of
 * them are one study's, the page is that study's (its title and description head it); otherwise the
 * product's.
 */
export async function loadHomeData(store: Store, lang: Lang, options: { now?: Date; onError?: ErrorHook } = {}): Promise<HomeData> {
  const studies = await loadSiteStudies(store, lang, options);
  const all = [...studies.published, ...studies.fieldwork];
  const only = all.length > 0 && all.every((s) => s.studyId === all[0].studyId) ? all[0] : undefined;
  if (!only) return { ...studies, title: t(lang, 'product.name') };
  return { ...studies, title: only.title, description: only.description, titleLang: only.lang === lang ? undefined : only.lang };
}

/** `/` and `/en/`: the home page. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (request, reply) => {
    const data = await loadHomeData(app.store, request.lang, { onError: (studyId, error) => request.log.warn({ studyId, err: error }, 'study not fully shown on the home page') });
    return sendPage(request, reply, { title: data.title, body: homeView(request.lang, data), description: data.description ?? t(request.lang, 'site.home.intro') });
  });
};
