import type { FastifyPluginAsync } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { JsonValue, Store, Wave } from '../../../store/index.js';
import { t } from '../../../messages/index.js';
import { homeView, type HomeData } from '../../views/home.js';
import { sendPage } from '../../views/send-page.js';

/** Reads `document.title[lang]`-like fields of a stored study document without trusting its shape. */
function field(document: JsonValue | undefined, name: string): JsonValue | undefined {
  return document && typeof document === 'object' && !Array.isArray(document) ? document[name] : undefined;
}
function label(value: JsonValue | undefined, lang: Lang): string | undefined {
  const text = field(value, lang);
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

const latest = (waves: Wave[], at: (w: Wave) => string | null) =>
  waves.reduce<Wave | undefined>((best, w) => (!best || (at(w) ?? w.createdAt) > (at(best) ?? best.createdAt) ? w : best), undefined);

/** What the home page shows: the barometer with a wave in fieldwork or published (else the first study). */
export async function loadHomeData(store: Store, lang: Lang): Promise<HomeData> {
  const waves = await store.waves.list();
  const fieldwork = latest(waves.filter((w) => w.status === 'fieldwork'), (w) => w.opensAt);
  const published = latest(waves.filter((w) => w.status === 'published'), (w) => w.publishedAt);
  const studyId = fieldwork?.studyId ?? published?.studyId ?? (await store.studies.list())[0]?.studyId;
  const version = studyId === undefined ? undefined : await store.studies.latestVersion(studyId);
  const document = version?.document;
  const minutes = field(document, 'estimatedMinutes');
  return {
    title: label(field(document, 'title'), lang) ?? t(lang, 'product.name'),
    description: label(field(document, 'description'), lang),
    published: published && { title: published.title },
    fieldwork: fieldwork && { id: fieldwork.id, title: fieldwork.title, minutes: typeof minutes === 'number' ? minutes : 10 },
  };
}

/** `/` and `/en/`: the home page. */
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', async (request, reply) => {
    const data = await loadHomeData(app.store, request.lang);
    return sendPage(request, reply, { title: data.title, body: homeView(request.lang, data), description: data.description });
  });
};
