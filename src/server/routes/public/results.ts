import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { keyFindings } from '../../../analysis/key-findings.js';
import { AppError } from '../../../app-error.js';
import { CHART_WIDTH, NARROW_CHART_WIDTH, renderPng, renderSvg } from '../../../report/charts/index.js';
import type { Html } from '../../views/html.js';
import { html } from '../../views/html.js';
import { dashboardView } from '../../views/public/dashboard-view.js';
import { emptyDashboardView } from '../../views/public/empty-dashboard-view.js';
import { waveStudy } from '../../../analysis/wave-study.js';
import { embedView } from '../../views/public/embed-view.js';
import { methodologyView } from '../../views/public/methodology-view.js';
import { resultsChart } from '../../views/public/results-charts.js';
import { RESULTS_PATHS } from '../../views/public/results-paths.js';
import { trendView } from '../../views/public/trend-view.js';
import { sendPage, studyPage } from '../../views/send-page.js';
import { studiesIndexView } from '../../views/public/study-cards.js';
import { loadPublishedWave, publishedResults, renderCache } from './published-results.js';
import { loadSiteStudies, publishedStudyIds } from './site-studies.js';
import { t } from '../../../messages/index.js';
import { labelIn, studyText, type Study } from '../../../study/index.js';
import type { WaveResults } from '../../../analysis/wave-results-types.js';
import type { Lang } from '../../../messages/index.js';
import { OG_LOCALES, openGraphTags } from '../../views/public/open-graph.js';
import { siteUrl } from '../../site-url.js';

type StudyParams = { study: string };
type Query = { wave?: string; cut?: string };
const HEAD = html`<link rel="stylesheet" href="/static/results.css">`;
/** the width of the charts' PNG files (and of the dashboard's card image) */
/** the copy buttons of the embed codes */
const RESULTS_SCRIPTS = ['/static/copy-code.js'];
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * The public results: the dashboard (`/resultats/:study`, `/en/results/:study`; `?wave=&cut=`), the
 * methodology page, one page per indicator's trend, the charts as SVG and PNG files and their embeddable
 * pages (`/embed/…`, framable by any site). Only published waves; rendered pages are kept per data version.
 */
export const resultsRoutes: FastifyPluginAsync = async (app) => {
  const pages = renderCache<Html>(200);
  const svgs = renderCache<string>(500);
  const pngs = renderCache<Buffer>(100);

  /** The dashboard's card for shared links: the study's title and description, the first chart as a PNG, addresses from PUBLIC_URL. */
  const openGraphHead = (lang: Lang, results: WaveResults, study: Study, wave: string | undefined): Html => {
    const site = siteUrl(app);
    const theme = results.themes.find((th) => results.indicators.some((i) => i.theme === th.id && i.estimate !== null));
    const chartId = theme ? `theme-${theme.id}` : undefined;
    const chart = chartId ? resultsChart(results, chartId, lang) : undefined;
    return openGraphTags({
      url: `${site}${RESULTS_PATHS.dashboard(lang, results.study.id, { wave })}`,
      title: `${studyText(study, study.title, lang)} — ${results.wave.title}`,
      description: studyText(study, study.description, lang).slice(0, 300),
      image:
        chart && chartId
          ? { url: `${site}${RESULTS_PATHS.chart(lang, results.study.id, results.wave.code, chartId, 'png')}`, alt: chart.alternative.slice(0, 420), width: 2 * CHART_WIDTH }
          : undefined,
      locale: OG_LOCALES[lang] ?? 'en_GB',
      siteName: t(lang, 'product.name'),
    });
  };

  /** One published study: straight to its dashboard; several: the list of them; none: not found. */
  const index = async (request: FastifyRequest, reply: FastifyReply) => {
    const { lang } = request;
    const ids = await publishedStudyIds(app.store);
    if (ids.length === 0) throw new AppError('NOT_FOUND', 'no published results yet');
    if (ids.length === 1) return reply.redirect(RESULTS_PATHS.dashboard(lang, ids[0]));
    const { published } = await loadSiteStudies(app.store, lang, { onError: (studyId, error) => request.log.warn({ studyId, err: error }, 'study not fully listed') });
    return sendPage(request, reply, { title: t(lang, 'site.results.title'), body: studiesIndexView(lang, 'results', published) });
  };
  app.get('/resultats', index);
  app.get('/results', index);

  const dashboard = async (request: FastifyRequest<{ Params: StudyParams; Querystring: Query }>, reply: FastifyReply) => {
    const { lang } = request;
    const found = await loadPublishedWave(app.store, request.params.study, str(request.query.wave));
    if (!found.results) {
      // published, then every response excluded (or none complete): a page that says so, never a 5xx
      const study = await waveStudy(app.store, found.wave);
      const body = emptyDashboardView(lang, {
        studyId: study.id,
        studyTitle: labelIn(study.title, lang),
        wave: found.wave,
        waves: found.waves.map((w) => ({ code: w.code, title: w.title })),
      });
      return sendPage(request, reply, { title: `${labelIn(study.title, lang)} — ${found.wave.title}`, body, head: HEAD, ...studyPage(study, lang) });
    }
    const loaded = { ...found, results: found.results };
    const cutParam = str(request.query.cut) ?? '';
    const cut = loaded.results.banners.some((b) => b.id === cutParam) ? cutParam : null;
    const body = await pages.get(`dashboard|${loaded.version}|${lang}|${cut}`, () =>
      dashboardView(lang, {
        results: loaded.results,
        cut,
        findings: keyFindings(loaded.results),
        waves: loaded.waves.map((w) => ({ code: w.code, title: w.title })).reverse(),
        site: siteUrl(app),
      }),
    );
    const asked = str(request.query.wave) ? loaded.wave.code : undefined;
    const og = await pages.get(`og|${loaded.version}|${lang}|${asked}`, async () => openGraphHead(lang, loaded.results, await waveStudy(app.store, loaded.wave), asked));
    return sendPage(request, reply, {
      title: `${labelIn(loaded.results.study.title, lang)} — ${loaded.wave.title}`,
      body,
      head: html`${HEAD}
${og}`,
      scripts: RESULTS_SCRIPTS,
      ...studyPage(await waveStudy(app.store, loaded.wave), lang),
    });
  };
  app.get('/resultats/:study', dashboard);
  app.get('/results/:study', dashboard);

  const methodology = async (request: FastifyRequest<{ Params: StudyParams; Querystring: Query }>, reply: FastifyReply) => {
    const { lang } = request;
    const loaded = await publishedResults(app.store, request.params.study, str(request.query.wave));
    const body = await pages.get(`methodology|${loaded.version}|${lang}`, () => methodologyView(lang, loaded.results));
    return sendPage(request, reply, {
      title: t(lang, 'results.methodology.title', { wave: loaded.wave.title }),
      body,
      head: HEAD,
      ...studyPage(await waveStudy(app.store, loaded.wave), lang),
    });
  };
  for (const path of ['/resultats/:study/methodologie', '/results/:study/methodology', '/resultats/:study/methodology', '/results/:study/methodologie']) app.get(path, methodology);

  const trend = async (request: FastifyRequest<{ Params: StudyParams & { indicator: string }; Querystring: Query }>, reply: FastifyReply) => {
    const { lang } = request;
    const loaded = await publishedResults(app.store, request.params.study, str(request.query.wave));
    const indicator = loaded.results.indicators.find((i) => i.id === request.params.indicator && i.estimate !== null);
    if (!indicator) throw new AppError('NOT_FOUND', `no indicator ${request.params.indicator}`);
    const body = await pages.get(`trend|${loaded.version}|${lang}|${indicator.id}`, () =>
      trendView(lang, loaded.results, indicator, resultsChart(loaded.results, `trend-${indicator.id}`, lang), siteUrl(app)),
    );
    return sendPage(request, reply, {
      title: t(lang, 'results.trendPage.title', { indicator: labelIn(indicator.label, lang) }),
      body,
      head: HEAD,
      scripts: RESULTS_SCRIPTS,
      ...studyPage(await waveStudy(app.store, loaded.wave), lang),
    });
  };
  for (const path of ['/resultats/:study/evolution/:indicator', '/results/:study/trend/:indicator']) app.get(path, trend);

  type ChartParams = { study: string; wave: string; file: string };
  // a cut view shows about 40 charts (80 files, narrow and wide): a reader going through the cuts of one
  // wave needs several hundred a minute; the files are cached once drawn
  app.get<{ Params: ChartParams }>('/charts/:study/:wave/:file', { config: { rateLimit: { max: 1200, timeWindow: '1 minute' } } }, async (request, reply) => {
    const { lang } = request;
    // `theme-x.svg` is the wide chart, `theme-x.narrow.svg` the one drawn for phones
    const match = /^([a-z0-9_-]+?)(\.narrow)?\.(svg|png)$/.exec(request.params.file);
    if (!match) throw new AppError('NOT_FOUND', 'no such chart');
    const [, id, narrow, format] = match;
    const width = narrow ? NARROW_CHART_WIDTH : CHART_WIDTH;
    const loaded = await publishedResults(app.store, request.params.study, request.params.wave);
    const key = `${loaded.version}|${lang}|${id}|${width}`;
    const svg = await svgs.get(key, () => renderSvg(resultsChart(loaded.results, id, lang, width), { id }));
    reply.header('cache-control', 'public, max-age=300');
    if (format === 'svg') return reply.type('image/svg+xml; charset=utf-8').send(svg);
    const png = await pngs.get(key, () => renderPng(svg, { width: 2 * width }));
    return reply.type('image/png').send(png);
  });

  app.get<{ Params: { study: string; wave: string; chart: string } }>('/embed/:study/:wave/:chart', { config: { allowFraming: true } }, async (request, reply) => {
    const { lang } = request;
    const loaded = await publishedResults(app.store, request.params.study, request.params.wave);
    const page = await pages.get(`embed|${loaded.version}|${lang}|${request.params.chart}`, () =>
      embedView(lang, loaded.results, request.params.chart, resultsChart(loaded.results, request.params.chart, lang)),
    );
    reply.header('cache-control', 'public, max-age=300');
    return reply.type('text/html; charset=utf-8').send(page.toString());
  });
};
