import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Answers } from '../../../study/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { linkLimiter } from './bad-link-limiter.js';
import { logicScript } from './logic-script.js';
import { postAnswers, type PostDeps } from './post-answers.js';
import { cachedWaveLookup, resolveAccess } from './resolve-access.js';
import { respondSecrets } from './respond-secrets.js';
import { sendNotice, sendQuestionnairePage, sendThanks, shownPageFrom } from './respond-pages.js';

interface SurveyParams {
  study: string;
  wave: string;
}

/** Per address: a person answers a page every few seconds at most. */
const PAGE_RATE_LIMIT = { max: 120, timeWindow: 60_000 };
/** Invalid links (unknown or used tokens, unknown resume ids) per address and minute before 429. */
const BAD_LINKS_PER_MINUTE = 10;

/**
 * The respondent questionnaire (issue 3): `/s/:study/:wave` (open link, resumed from a cookie or `?r=`)
 * and `/s/:study/:wave?t=TOKEN` (invitation). GET shows the page to answer (`?p=N` or `?p=review` for a
 * page already reached); POST saves a page. Every page is private (no-store) and sent with
 * Referrer-Policy: no-referrer (set for every page by security.ts).
 */
export const respondRoutes: FastifyPluginAsync = async (app) => {
  const secrets = respondSecrets(app.config.secretKey);
  const limiter = linkLimiter(app, 'respond', { max: BAD_LINKS_PER_MINUTE, windowMs: 60_000 });
  const deps: PostDeps = { store: app.store, secrets, publicUrl: app.config.publicUrl, secureCookies: app.config.secureCookies };
  const logic = logicScript();
  const findWave = cachedWaveLookup(app.store);

  app.get('/respond/logic.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(logic));

  /** The home page links here with the wave id. */
  app.get<{ Params: { waveId: string } }>('/survey/:waveId', async (request, reply) => {
    const wave = /^\d{1,9}$/.test(request.params.waveId) ? await app.store.waves.get(Number(request.params.waveId)) : undefined;
    if (!wave) return reply.callNotFound();
    return reply.redirect(localizedPath(request.lang, `/s/${encodeURIComponent(wave.studyId)}/${encodeURIComponent(wave.code)}`), 303);
  });

  const access = async (request: FastifyRequest<{ Params: SurveyParams }>, reply: FastifyReply) => {
    if (await limiter.blocked(request.ip)) {
      sendNotice(request, reply, 'tooMany', 429);
      return undefined;
    }
    const result = await resolveAccess(app.store, secrets, request, request.params.study, request.params.wave, app.clock, findWave);
    // a used token counts like an unknown one: both are the same invalid link to the outside
    if (result.kind === 'bad-link' || (result.kind === 'used' && request.method === 'GET')) await limiter.fail(request.ip);
    return result;
  };

  const routeConfig = { private: true, rateLimit: PAGE_RATE_LIMIT };

  app.get<{ Params: SurveyParams; Querystring: { p?: string } }>('/s/:study/:wave', { config: routeConfig }, async (request, reply) => {
    const result = await access(request, reply);
    if (!result) return reply;
    switch (result.kind) {
      case 'not-found':
        return reply.callNotFound();
      case 'closed':
        return sendNotice(request, reply, 'closed', 200, result.wave);
      case 'bad-link':
      case 'used':
        return sendNotice(request, reply, 'badLink', 404);
      case 'done': {
        const hash = result.response.benchmarkTokenHash;
        const token = secrets.benchmarkToken(result.response.publicId);
        return sendThanks(request, reply, result.study, result.study.benchmark && hash === secrets.tokenHash(token) ? token : undefined, true);
      }
    }
    const { study, response } = result;
    const answers = (response?.answers ?? {}) as Answers;
    const reached = response?.currentPage ?? 0;
    const asked = request.query.p === 'review' ? study.pages.length : /^\d{1,4}$/.test(request.query.p ?? '') ? Number(request.query.p) : reached;
    const page = shownPageFrom(study, Math.min(asked, reached), answers);
    return sendQuestionnairePage(request, reply, result, secrets, app.config.publicUrl, { page, answers });
  });

  app.post<{ Params: SurveyParams }>('/s/:study/:wave', { config: routeConfig }, async (request, reply) => {
    const result = await access(request, reply);
    if (!result) return reply;
    return postAnswers(deps, request, reply, result);
  });
};
