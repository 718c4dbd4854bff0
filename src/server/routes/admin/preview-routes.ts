import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { storedStudy } from '../../../analysis/stored-study.js';
import { interfaceLanguage, t } from '../../../messages/index.js';
import {
  answerErrorMessage,
  answersFromForm,
  contentLanguage,
  findQuestion,
  isVisible,
  labelIn,
  validatePageAnswers,
  validateResponse,
  ZStudyId,
  type AnswerError,
  type Answers,
  type FormBody,
  type LanguageTag,
  type Study,
} from '../../../study/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { allowSelfFraming } from '../../security.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { previewFrameView, previewLangSwitch, previewBanner, previewDoneView, type PreviewWidth } from '../../views/admin/preview-view.js';
import { html } from '../../views/html.js';
import { formValuesFromAnswers, formValuesFromBody, type FormValues } from '../../views/respond/form-values.js';
import { pageView } from '../../views/respond/page-view.js';
import { reviewView } from '../../views/respond/review-view.js';
import { pageBranding, sendPage } from '../../views/send-page.js';
import { answersBefore, conditionContext, nextPage, previousPage, progress, visiblePages } from '../respond/page-flow.js';
import { newSubmissionId, SCRIPTS, shownPageFrom } from '../respond/respond-pages.js';
import { clearPreview, previewCookie, readPreview, writePreview, type PreviewState } from './preview-answers.js';

const ZParams = z.object({ studyId: ZStudyId });
const ZQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  lang: z.string().max(35).optional(),
  width: z.enum(['phone', 'desktop']).default('phone'),
  p: z.string().max(10).optional(),
});
const ACTIONS = new Set(['next', 'previous', 'lang', 'finish']);
/** Errors a step back or a change of language may leave for later, as in the questionnaire (submit-page.ts). */
const DRAFT_TOLERATED = new Set<AnswerError['code']>(['required', 'consent_required', 'other_required']);

interface Preview {
  readonly studyId: string;
  readonly version: number;
  readonly study: Study;
  /** the content language shown (one of the study's) */
  readonly lang: LanguageTag;
  readonly cookie: string;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value);
function isFormBody(body: unknown): body is FormBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  return Object.values(body).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')));
}

/** The preview's questionnaire URL in a content language (under its interface's prefix), at a page or where it stands. */
export function previewQuestionnairePath(studyId: string, version: number, lang: LanguageTag, p?: number | 'review' | 'done'): string {
  const query = `version=${version}&lang=${encodeURIComponent(lang)}${p === undefined ? '' : `&p=${p}`}`;
  return localizedPath(interfaceLanguage(lang), `/admin/studies/${encodeURIComponent(studyId)}/preview/questionnaire?${query}`);
}

/**
 * The questionnaire preview of a study version (issue 16 part 2), for researchers who may run waves (owner,
 * analyst): the stable address `/admin/studies/:studyId/preview` (`?version=N`, default the latest; `lang`,
 * `width=phone|desktop`) frames the questionnaire at 360 px or at desktop width, with a switch of the study's
 * languages. The framed questionnaire (`…/preview/questionnaire`) is the respondent's own pages (the same
 * views, page flow, display logic script and validation) whose answers stay in a signed cookie of the
 * researcher's browser (preview-answers.ts): no wave is needed and nothing is stored. To try a wave for real,
 * the wave's test link stores answers marked as tests (test-mode.ts).
 */
export const previewRoutes: FastifyPluginAsync = async (app) => {
  const analyse = { config: { permission: 'analyse' as const, private: true } };
  const secure = app.config.secureCookies;

  const previewOf = async (request: FastifyRequest): Promise<Preview & { width: PreviewWidth; p?: string }> => {
    const { studyId } = ZParams.parse(request.params);
    const query = ZQuery.parse(request.query ?? {});
    const { stored, study } = await storedStudy(app.store, studyId, query.version);
    const lang = query.lang !== undefined && study.languages.includes(query.lang) ? query.lang : contentLanguage(study, request.lang);
    return { studyId, version: stored.version, study, lang, cookie: previewCookie(studyId, stored.version), width: query.width, p: query.p };
  };
  const path = (v: Preview, p?: number | 'review' | 'done') => previewQuestionnairePath(v.studyId, v.version, v.lang, p);
  const target = (v: Preview, page: number) => (page >= v.study.pages.length ? 'review' : page);

  /** A questionnaire page (or the review) of the preview, framed by the workspace's preview page only. */
  const sendPreviewPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    v: Preview,
    view: { page: number; answers: Answers; values?: FormValues; errors?: readonly AnswerError[]; notice?: string; status?: number },
  ) => {
    const { study, lang } = v;
    const ui = interfaceLanguage(lang);
    const chrome = {
      chrome: 'minimal',
      contentLang: lang,
      languages: study.languages,
      langSwitch: previewLangSwitch(ui, study, lang, (l) => previewQuestionnairePath(v.studyId, v.version, l, target(v, view.page))),
      branding: pageBranding(study, ui),
      scripts: SCRIPTS,
      status: view.status,
    } as const;
    const common = { lang, study, action: path(v), csrf: csrfField(reply), submissionId: newSubmissionId(), shownAt: '', progress: progress(study, view.page, view.answers) };
    if (view.page >= study.pages.length) {
      return sendPage(request, reply, {
        title: t(ui, 'respond.review.title'),
        ...chrome,
        body: html`${previewBanner(ui, view.notice)}${reviewView({ ...common, answers: view.answers, pages: visiblePages(study, view.answers), pageUrl: (p) => path(v, p) })}`,
      });
    }
    const page = study.pages[view.page]!;
    const errors = (view.errors ?? []).map((e) => ({ field: e.field, question: e.question, message: answerErrorMessage(e, lang) }));
    return sendPage(request, reply, {
      title: labelIn(view.page === 0 ? study.title : page.title, lang),
      ...chrome,
      body: html`${previewBanner(ui)}${pageView({
        ...common,
        page: view.page,
        langActions: study.languages.filter((l) => l !== lang).map((l) => ({ lang: l, action: previewQuestionnairePath(v.studyId, v.version, l) })),
        values: view.values ?? formValuesFromAnswers(page, view.answers, lang),
        errors,
        visible: new Set(page.questions.filter((q) => isVisible(q, view.answers)).map((q) => q.name)),
        conditionAnswers: conditionContext(page, view.answers),
        start: view.page === 0,
        notice: view.notice,
      })}`,
    });
  };

  app.get('/admin/studies/:studyId/preview', analyse, async (request, reply) => {
    const v = await previewOf(request);
    const versions = (await app.store.studies.listVersions(v.studyId)).map((s) => s.version);
    return sendAdminPage(request, reply, {
      title: t(request.lang, 'admin.preview.title', { study: labelIn(v.study.title, v.lang), version: v.version }),
      body: previewFrameView(request.lang, reply, {
        studyId: v.studyId,
        version: v.version,
        versions,
        study: v.study,
        lang: v.lang,
        width: v.width,
        frameSrc: path(v),
      }),
    });
  });

  app.post('/admin/studies/:studyId/preview/restart', analyse, async (request, reply) => {
    const v = await previewOf(request);
    clearPreview(reply, v.cookie, secure);
    const query = `version=${v.version}&lang=${encodeURIComponent(v.lang)}&width=${v.width}`;
    return reply.redirect(localizedPath(request.lang, `/admin/studies/${encodeURIComponent(v.studyId)}/preview?${query}`), 303);
  });

  app.get('/admin/studies/:studyId/preview/questionnaire', analyse, async (request, reply) => {
    allowSelfFraming(reply); // every answer of the framed questionnaire, its redirects too
    const v = await previewOf(request);
    if (v.p === 'done') {
      const ui = interfaceLanguage(v.lang);
      return sendPage(request, reply, { title: t(ui, 'admin.preview.done.title'), body: previewDoneView(ui, path(v, 0)), chrome: 'minimal', contentLang: v.lang });
    }
    const state = readPreview(request, v.cookie);
    const asked = v.p === 'review' ? v.study.pages.length : /^\d{1,4}$/.test(v.p ?? '') ? Number(v.p) : undefined;
    const page = shownPageFrom(v.study, Math.min(asked ?? state.reached, state.reached), state.answers);
    if (asked !== page) return reply.redirect(path(v, target(v, page)), 303);
    return sendPreviewPage(request, reply, v, { page, answers: state.answers });
  });

  app.post('/admin/studies/:studyId/preview/questionnaire', analyse, async (request, reply) => {
    allowSelfFraming(reply);
    const v = await previewOf(request);
    const body = request.body;
    if (!isFormBody(body)) return reply.code(400).send();
    const action = single(body._action) ?? 'next';
    const pageField = single(body._page);
    const { study } = v;
    const page = pageField === 'review' ? study.pages.length : /^\d{1,4}$/.test(pageField ?? '') ? Number(pageField) : Number.NaN;
    const state = readPreview(request, v.cookie);
    // a page not reached (another tab started again) or a malformed post: back to where the preview stands
    if (!ACTIONS.has(action) || !(page <= state.reached)) return reply.redirect(path(v), 303);
    const keep = (next: PreviewState, show: number | 'done') => {
      if (!writePreview(reply, v.cookie, next, secure))
        return sendPreviewPage(request, reply, v, { page, answers: state.answers, notice: t(interfaceLanguage(v.lang), 'admin.preview.tooLong'), status: 400 });
      return reply.redirect(path(v, show === 'done' ? 'done' : target(v, show)), 303);
    };

    if (page === study.pages.length) {
      if (action === 'previous') return reply.redirect(path(v, target(v, previousPage(study, page, state.answers))), 303);
      if (action !== 'finish') return reply.redirect(path(v, 'review'), 303);
      const full = validateResponse(study, state.answers, { complete: true });
      if (full.errors.length > 0) {
        const first = full.errors[0]!;
        const errorPage = Math.max(
          0,
          study.pages.findIndex((p) => p.questions.some((q) => q.name === first.question)),
        );
        const onPage = full.errors.filter((e) => findQuestion(study, e.question) && study.pages[errorPage]!.questions.some((q) => q.name === e.question));
        return sendPreviewPage(request, reply, v, { page: errorPage, answers: state.answers, errors: onPage, status: 400 });
      }
      clearPreview(reply, v.cookie, secure);
      return reply.redirect(path(v, 'done'), 303);
    }

    if (action === 'finish') return reply.redirect(path(v), 303);
    const pageDef = study.pages[page]!;
    const before = answersBefore(state.answers, pageDef);
    const parsed = answersFromForm(study, page, body);
    const checked = validatePageAnswers(study, page, parsed.answers, before);
    const errors = [...parsed.errors, ...checked.errors].filter((e) => action === 'next' || !DRAFT_TOLERATED.has(e.code));
    if (errors.length > 0) {
      return sendPreviewPage(request, reply, v, { page, answers: { ...before, ...parsed.answers }, values: formValuesFromBody(pageDef, body), errors, status: 400 });
    }
    const merged: Answers = { ...before, ...checked.answers };
    const show = action === 'next' ? nextPage(study, page, merged) : action === 'previous' ? previousPage(study, page, merged) : page;
    return keep({ answers: merged, reached: action === 'next' ? Math.max(state.reached, show) : state.reached }, show);
  });
};
