import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../../app-error.js';
import { RESULTS_PATHS } from '../../views/public/results-paths.js';
import { publishedResults, publishedWaves, renderCache } from '../public/published-results.js';
import { loadPublishedStudies } from '../public/site-studies.js';
import { OPENAPI_DOCUMENT } from './openapi-document.js';
import { API_REFERENCE_PATH, apiReferenceRoutes } from './api-reference.js';
import { publicResultsJson } from './public-results-json.js';
import { resultsCsv } from './results-csv.js';

const API_LIMIT = { rateLimit: { max: 600, timeWindow: '1 minute' } };

/** The public results API (JSON and CSV, published waves only; `/api/v1/studies` lists the studies) and its OpenAPI document at /api/docs. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  const documents = renderCache<string>(100);
  const cors = { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' };

  // the OpenAPI document as JSON for programs; a browser (asking for HTML) is sent to its human reference page
  app.get('/api/docs', async (request, reply) => {
    if (/text\/html/.test(request.headers.accept ?? '')) return reply.redirect(API_REFERENCE_PATH);
    return reply.headers(cors).header('vary', 'Accept').type('application/json; charset=utf-8').send(OPENAPI_DOCUMENT);
  });
  await app.register(apiReferenceRoutes);

  app.get('/api/v1/studies', { config: API_LIMIT }, async (request, reply) => {
    const studies = await loadPublishedStudies(app.store, request.lang, {
      figures: false,
      onError: (studyId, error) => request.log.warn({ studyId, err: error }, 'study not fully listed'),
    });
    return reply.headers(cors).send({
      studies: studies.map((s) => ({ id: s.studyId, title: s.title, lang: s.lang, latestWave: s.wave.code, waves: `/api/v1/studies/${encodeURIComponent(s.studyId)}/waves` })),
    });
  });

  app.get<{ Params: { study: string } }>('/api/v1/studies/:study/waves', { config: API_LIMIT }, async (request, reply) => {
    const waves = await publishedWaves(app.store, request.params.study);
    if (waves.length === 0) throw new AppError('NOT_FOUND', `study ${request.params.study} has no published wave`);
    return reply.headers(cors).send({
      study: request.params.study,
      waves: waves.map((w) => ({ code: w.code, title: w.title, results: RESULTS_PATHS.api(request.params.study, w.code) })),
    });
  });

  app.get<{ Params: { study: string; wave: string } }>('/api/v1/studies/:study/waves/:wave/results', { config: API_LIMIT }, async (request, reply) => {
    const loaded = await publishedResults(app.store, request.params.study, request.params.wave);
    const body = await documents.get(`${loaded.version}|${request.lang}`, () => JSON.stringify(publicResultsJson(loaded.results, request.lang)));
    return reply.headers(cors).type('application/json; charset=utf-8').send(body);
  });

  app.get<{ Params: { study: string; wave: string; file: string } }>('/api/v1/studies/:study/waves/:wave/tables/:file', { config: API_LIMIT }, async (request, reply) => {
    const match = /^([a-z0-9_-]+)\.csv$/.exec(request.params.file);
    if (!match) throw new AppError('NOT_FOUND', 'tables are CSV files: <table>.csv');
    const loaded = await publishedResults(app.store, request.params.study, request.params.wave);
    const text = resultsCsv(loaded.results, match[1], request.lang);
    const filename = `${loaded.results.study.id}-${loaded.wave.code}-${match[1]}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
    return reply.headers(cors).header('content-disposition', `attachment; filename="${filename}"`).type('text/csv; charset=utf-8').send(text);
  });
};
