import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findBenchmarkResponse, loadBenchmark } from '../../../analysis/benchmark.js';
import { waveStudy } from '../../../analysis/wave-study.js';
import { AppError } from '../../../app-error.js';
import { benchmarkChart } from '../../../report/benchmark/benchmark-chart.js';
import { benchmarkModel } from '../../../report/benchmark/benchmark-model.js';
import { NARROW_CHART_WIDTH, renderSvg } from '../../../report/charts/index.js';
import { renderBenchmarkPdf } from '../../../report/pdf/benchmark-pdf.js';
import type { ResponseRecord } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html } from '../../views/html.js';
import { benchmarkPendingView, benchmarkView } from '../../views/public/benchmark-view.js';
import { pageBranding, sendPage, studyPage } from '../../views/send-page.js';
import { studyBranding, type Study } from '../../../study/index.js';
import { linkLimiter } from '../respond/bad-link-limiter.js';
import { respondSecrets } from '../respond/respond-secrets.js';
import { t } from '../../../messages/index.js';

type TokenParams = { token: string };
const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const ROUTE = { private: true, rateLimit: { max: 60, timeWindow: 60_000 } };
const HEAD = html`<link rel="stylesheet" href="/static/results.css">`;
const ZEmail = z.email().max(254);

/**
 * The personal benchmark (issue 7): `/benchmark/:token` (and `/en/…`), the PDF at `/benchmark/:token/pdf`,
 * and while no wave is published a form to be e-mailed the link (`POST /benchmark/:token/notify`). Only the
 * respondent's private token opens it (its HMAC is looked up, as the thanks page stored it); any other is a
 * 404 page, and an address that tries too many gets 429. Every page is private (no-store, no referrer).
 */
export const benchmarkRoutes: FastifyPluginAsync = async (app) => {
  /** The study a response was collected with (its logo and accent colour dress the benchmark page and PDF). */
  const studyOf = async (response: ResponseRecord): Promise<Study> => {
    const wave = await app.store.waves.get(response.waveId);
    if (!wave) throw new AppError('NOT_FOUND', `wave ${response.waveId} does not exist`);
    return waveStudy(app.store, wave);
  };
  const secrets = respondSecrets(app.config.secretKey);
  const limiter = linkLimiter(app, 'benchmark', { max: 10, windowMs: 60_000 });

  const responseOf = async (request: FastifyRequest<{ Params: TokenParams }>): Promise<ResponseRecord | undefined> => {
    if (await limiter.blocked(request.ip)) throw new AppError('RATE_LIMITED', 'too many invalid benchmark links');
    const token = request.params.token;
    // a malformed token is hashed too, so every wrong token takes the same path
    const response = await findBenchmarkResponse(app.store, secrets.tokenHash(TOKEN.test(token) ? token : ''));
    if (!response || !TOKEN.test(token)) {
      await limiter.fail(request.ip);
      return undefined;
    }
    return response;
  };
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, {
      title: t(request.lang, 'benchmark.notFound.title'),
      status: 404,
      body: html`<article class="benchmark"><h1>${t(request.lang, 'benchmark.notFound.title')}</h1><p>${t(request.lang, 'benchmark.notFound.text')}</p></article>`,
    });
  const path = (request: FastifyRequest<{ Params: TokenParams }>, suffix = '') => localizedPath(request.lang, `/benchmark/${encodeURIComponent(request.params.token)}${suffix}`);

  app.get<{ Params: TokenParams; Querystring: { saved?: string; invalid?: string } }>('/benchmark/:token', { config: ROUTE }, async (request, reply) => {
    const { lang } = request;
    const response = await responseOf(request);
    if (!response) return notFound(request, reply);
    const outcome = await loadBenchmark(app.store, response);
    // a study without a benchmark has no benchmark page, whatever token is tried
    if (outcome.kind === 'none') return notFound(request, reply);
    if (outcome.kind === 'pending') {
      const body = benchmarkPendingView(lang, {
        waveTitle: outcome.wave.title,
        expectedAt: outcome.expectedAt,
        action: path(request, '/notify'),
        csrf: csrfField(reply),
        saved: request.query.saved === '1',
        invalid: request.query.invalid === '1',
        hasEmail: response.notifyEmail !== null,
      });
      return sendPage(request, reply, { title: t(lang, 'benchmark.pending.title'), body, ...studyPage(outcome.study, lang) });
    }
    const model = benchmarkModel(outcome.source);
    const chart = benchmarkChart(model, lang);
    const svg = await renderSvg(chart, { id: 'benchmark-maturity' });
    const narrowSvg = await renderSvg(benchmarkChart(model, lang, NARROW_CHART_WIDTH), { id: 'benchmark-maturity' });
    return sendPage(request, reply, {
      title: t(lang, 'benchmark.title'),
      head: HEAD,
      body: benchmarkView(lang, model, { svg, narrowSvg, alternative: chart.alternative }, path(request, '/pdf')),
      ...studyPage(model.study, lang),
      branding: pageBranding(await studyOf(response), lang),
    });
  });

  app.get<{ Params: TokenParams }>('/benchmark/:token/pdf', { config: ROUTE }, async (request, reply) => {
    const response = await responseOf(request);
    if (!response) return notFound(request, reply);
    const outcome = await loadBenchmark(app.store, response);
    if (outcome.kind === 'none') return notFound(request, reply);
    if (outcome.kind === 'pending') return reply.redirect(path(request), 303);
    const model = benchmarkModel(outcome.source);
    const pdf = await renderBenchmarkPdf({
      model,
      lang: request.lang,
      creationDate: new Date(response.completedAt ?? response.updatedAt),
      accent: studyBranding(await studyOf(response)).accentColor,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="benchmark-${model.wave.code.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`)
      .send(pdf);
  });

  app.post<{ Params: TokenParams }>('/benchmark/:token/notify', { config: { ...ROUTE, rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request, reply) => {
    const response = await responseOf(request);
    if (!response) return notFound(request, reply);
    if (!(await waveStudy(app.store, await app.store.waves.getOrThrow(response.waveId))).benchmark) return notFound(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = ZEmail.safeParse(typeof body.email === 'string' ? body.email.trim() : '');
    if (!email.success) return reply.redirect(path(request, '?invalid=1'), 303);
    await app.store.responses.update(response.id, { notifyEmail: email.data });
    return reply.redirect(path(request, '?saved=1'), 303);
  });
};
