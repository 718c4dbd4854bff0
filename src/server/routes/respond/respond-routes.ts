import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answersFromForm, type AnswerError, type Answers, type FormBody } from '../../../study/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { linkLimiter } from './bad-link-limiter.js';
import { logicScript } from './logic-script.js';
import { answersBefore } from './page-flow.js';
import { readFlash } from './page-flash.js';
import { pageLocation } from './page-location.js';
import { postAnswers, type PostDeps } from './post-answers.js';
import { targetOf } from './submission.js';
import { cachedWaveLookup, resolveAccess } from './resolve-access.js';
import { respondSecrets } from './respond-secrets.js';
import { sendNotice, sendQuestionnairePage, sendThanks, shownPageFrom } from './respond-pages.js';
import { asksTest, sendClosedToResearcher, sendTestSignIn, testingResearcher } from './test-mode.js';

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
 * and `/s/:study/:wave?t=TOKEN` (invitation). POST/redirect/GET: a POST saves a page and answers 303 See
 * Other to the GET of the page to show (`?p=N`, `?p=review`, `?p=done` for the end page), so the browser's
 * history holds only GETs: Back, reload and the phone's back gesture show a page with its stored answers and
 * never ask to resubmit a form. A page not reached yet (an edited URL) redirects to the furthest one allowed.
 * A used invitation or a finished open link says « you have already answered » with the benchmark link.
 * Every page is private (no-store) and sent with Referrer-Policy: no-referrer (set for every page by security.ts).
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
    // the test link (`?test=1`) is for a signed-in researcher only: for anyone else it stores nothing
    const test = asksTest(request);
    if (test && !(await testingResearcher(request))) {
      sendTestSignIn(request, reply);
      return undefined;
    }
    const result = await resolveAccess(app.store, secrets, request, request.params.study, request.params.wave, app.clock, findWave, { test });
    if (result.kind === 'bad-link') await limiter.fail(request.ip);
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
        // a researcher signed in to the workspace also reads how to preview and test it; respondents never do
        if (await testingResearcher(request)) return sendClosedToResearcher(request, reply, result.wave);
        return sendNotice(request, reply, 'closed', 200, result.wave);
      case 'bad-link':
        return sendNotice(request, reply, 'badLink', 404);
      case 'used':
      case 'done': {
        // the end page right after sending (`?p=done`), else « you have already answered »; both with the benchmark link
        const hash = result.response.benchmarkTokenHash;
        const token = secrets.benchmarkToken(result.response.publicId);
        const kind = request.query.p === 'done' ? 'thanks' : result.kind === 'used' ? 'alreadyInvitation' : 'already';
        return sendThanks(request, reply, result.study, result.study.benchmark && hash === secrets.tokenHash(token) ? token : undefined, kind);
      }
    }
    const { study, response } = result;
    const stored = (response?.answers ?? {}) as Answers;
    const reached = response?.currentPage ?? 0;
    const p = request.query.p;
    const asked = p === 'review' || p === 'done' ? study.pages.length : /^\d{1,4}$/.test(p ?? '') ? Number(p) : undefined;
    const page = shownPageFrom(study, Math.min(asked ?? reached, reached), stored);
    // every page has its own address, so Back from page 1 finds page 0: the link without `?p=` goes to the page to
    // resume (the furthest reached); a page not reached yet (an edited URL), a skipped one, or the end of an
    // unfinished response goes to the furthest allowed page
    if (asked !== page || p === 'done') return reply.redirect(pageLocation(request, targetOf(study, page)), 303);
    const flash = readFlash(request, reply, result.wave, page);
    if (!flash) return sendQuestionnairePage(request, reply, result, secrets, app.config.publicUrl, { page, answers: stored, seed: response?.publicId });
    // what the last post typed on this page (not accepted) and its errors, or a notice
    const typed = page < study.pages.length && flash.values ? answersFromForm(study, page, flash.values as FormBody).answers : {};
    const answers = page < study.pages.length ? { ...answersBefore(stored, study.pages[page]!), ...typed } : stored;
    const errors = flash.errors as readonly AnswerError[] | undefined;
    return sendQuestionnairePage(request, reply, result, secrets, app.config.publicUrl, {
      page,
      answers,
      values: flash.values,
      errors,
      notice: flash.notice,
      seed: response?.publicId,
    });
  });

  app.post<{ Params: SurveyParams }>('/s/:study/:wave', { config: routeConfig }, async (request, reply) => {
    const result = await access(request, reply);
    if (!result) return reply;
    return postAnswers(deps, request, reply, result);
  });
};
