import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Wave } from '../../../store/index.js';
import { answerErrorMessage, contentLanguage, labelIn, questionOrders, unitWords, type AnswerError, type Answers, type LanguageTag, type Study } from '../../../study/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { interfaceLanguage, isLang, languageName, t, type Lang } from '../../../messages/index.js';
import { html, type Html } from '../../views/html.js';
import { pageBranding, sendPage } from '../../views/send-page.js';
import { formValuesFromAnswers, type FormValues } from '../../views/respond/form-values.js';
import { noticeView, thanksView, type ThanksKind } from '../../views/respond/notice-view.js';
import { pageView, type PageError } from '../../views/respond/page-view.js';
import { reviewView } from '../../views/respond/review-view.js';
import type { Credential } from './resolve-access.js';
import type { RespondSecrets } from './respond-secrets.js';
import { conditionContext, isPageVisible, nextPage, progress, visiblePages } from './page-flow.js';
import { isVisible, shownQuestion } from '../../../study/index.js';
import { siteUrl } from '../../site-url.js';

export const SCRIPTS = ['/respond/logic.js', '/static/respond.js'] as const;

/** The test mode's banner above a questionnaire page (a researcher's test link), nothing otherwise. */
function testBanner(ui: Lang, r: Respondent): Html | null {
  return r.credential.kind === 'open' && r.credential.test ? html`<p class="notice test-banner" role="status" id="test-banner">${t(ui, 'respond.test.banner')}</p>` : null;
}

/** What every questionnaire page needs to render. */
export interface Respondent {
  readonly wave: Wave;
  readonly study: Study;
  readonly credential: Credential;
}

/**
 * The questionnaire's languages for a request: the content language is the one asked (`?lang=` for any
 * of the study's languages, else the URL's prefix) when the study has it, else the study's default; the
 * interface's words are in that language's catalogue, English when it has none (`it`).
 */
export function respondLanguages(request: FastifyRequest, study: Study): { readonly content: LanguageTag; readonly ui: Lang } {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  const requested = typeof asked === 'string' && study.languages.includes(asked) ? asked : request.lang;
  const content = contentLanguage(study, requested);
  return { content, ui: interfaceLanguage(content) };
}

/**
 * The questionnaire's path with its credential in a content language: `/s/study/wave?t=…` or `?r=…` under
 * the prefix of the language's interface (`/en/s/…`), plus `lang=it` for a language without a catalogue,
 * plus `extra` query text.
 */
export function surveyPath(lang: LanguageTag, r: Respondent, extra = ''): string {
  const base = `/s/${encodeURIComponent(r.wave.studyId)}/${encodeURIComponent(r.wave.code)}`;
  const c = r.credential;
  const credential = c.kind === 'invitation' ? `t=${encodeURIComponent(c.token)}` : c.publicId ? `r=${encodeURIComponent(c.publicId)}` : '';
  const test = c.kind === 'open' && c.test ? 'test=1' : '';
  const ui = interfaceLanguage(lang);
  const language = isLang(lang) ? '' : `lang=${encodeURIComponent(lang)}`;
  const query = [credential, test, language, extra].filter(Boolean).join('&');
  return localizedPath(ui, query ? `${base}?${query}` : base);
}

/** The header's language switch of a questionnaire page: every other language of the study, by its own name, on the same page. */
function respondLangSwitch(ui: Lang, r: Respondent, current: LanguageTag, page: number): Html | undefined {
  const others = r.study.languages.filter((l) => l !== current);
  if (others.length === 0) return undefined;
  const p = `p=${page >= r.study.pages.length ? 'review' : page}`;
  return html`<nav class="lang-switch" aria-label="${t(ui, 'respond.lang.label')}"><ul>${others.map(
    (l) => html`<li><a href="${surveyPath(l, r, p)}" hreflang="${l}" lang="${l}">${languageName(l)}</a></li>`,
  )}</ul></nav>`;
}

/**
 * The id of one page submission (the form's `_sid`, the idempotency key of the page save): the time in
 * milliseconds, base 36 on 9 characters, then 96 random bits in base64url (25 characters). The time
 * first makes the ids of a day sort together, so the submissions index grows at its end instead of at a
 * random leaf: a page save on a table of a million submissions costs a quarter less. The random part
 * keeps another respondent's next id unguessable (nobody can take it first).
 */
export const newSubmissionId = (now = Date.now()) => `${now.toString(36).padStart(9, '0')}${randomBytes(12).toString('base64url')}`;

function resumeUrl(request: FastifyRequest, r: Respondent, publicUrl: string | undefined): string | undefined {
  if (r.credential.kind !== 'open' || !r.credential.publicId) return undefined;
  return `${publicUrl ?? siteUrl(request.server)}${surveyPath(respondLanguages(request, r.study).content, r)}`;
}

export interface PageRender {
  readonly page: number;
  readonly answers: Answers;
  /** what to show in the fields (default: the stored answers) */
  readonly values?: FormValues;
  readonly errors?: readonly AnswerError[];
  readonly status?: number;
  readonly notice?: string;
  /**
   * the seed of the randomised orders: the response's public id; before the response exists, the public id
   * the first post of this page will give it (derived from the page's submission id)
   */
  readonly seed?: string;
}

/** Sends a questionnaire page (or the review when page is past the last one). */
export function sendQuestionnairePage(request: FastifyRequest, reply: FastifyReply, r: Respondent, secrets: RespondSecrets, publicUrl: string | undefined, view: PageRender) {
  const { study } = r;
  const { content: lang, ui } = respondLanguages(request, study);
  const chrome = {
    chrome: 'minimal',
    contentLang: lang,
    languages: study.languages,
    langSwitch: respondLangSwitch(ui, r, lang, view.page),
    branding: pageBranding(study, ui),
  } as const;
  const submissionId = newSubmissionId();
  const shownAt = secrets.signShownAt(Date.now(), submissionId);
  const action = surveyPath(lang, r);
  const resume = resumeUrl(request, r, publicUrl);
  if (view.page >= study.pages.length) {
    return sendPage(request, reply, {
      title: t(ui, 'respond.review.title'),
      ...chrome,
      scripts: SCRIPTS,
      status: view.status,
      body: html`${testBanner(ui, r)}${reviewView({
        lang,
        study,
        answers: view.answers,
        pages: visiblePages(study, view.answers),
        action,
        pageUrl: (p) => surveyPath(lang, r, `p=${p}`),
        csrf: csrfField(reply),
        submissionId,
        shownAt,
        progress: progress(study, view.page, view.answers),
      })}`,
    });
  }
  const page = study.pages[view.page]!;
  const errors: PageError[] = (view.errors ?? []).map((e) => ({ field: e.field, question: e.question, message: answerErrorMessage(e, lang) }));
  const context: Answers = { ...view.answers };
  const visible = new Set(page.questions.filter((q) => isVisible(q, context, study)).map((q) => q.name));
  // a carry forward narrows options and items to what earlier pages chose; a question it leaves empty is not rendered
  const questions = page.questions.map((q) => shownQuestion(study, q, context)).filter((q) => q !== undefined);
  const start = view.page === 0;
  return sendPage(request, reply, {
    title: errors.length > 0 ? `${t(ui, 'respond.errors.title')} – ${labelIn(page.title, lang)}` : labelIn(start ? study.title : page.title, lang),
    ...chrome,
    scripts: SCRIPTS,
    status: view.status,
    body: html`${testBanner(ui, r)}${pageView({
      lang,
      study,
      page: view.page,
      action,
      langActions: study.languages.filter((l) => l !== lang).map((l) => ({ lang: l, action: surveyPath(l, r) })),
      csrf: csrfField(reply),
      submissionId,
      shownAt,
      progress: progress(study, view.page, view.answers),
      values: view.values ?? formValuesFromAnswers(page, view.answers, lang),
      errors,
      visible,
      questions,
      conditionAnswers: conditionContext(page, view.answers),
      start,
      resumeUrl: resume,
      notice: view.notice,
      orders: questionOrders(page.questions, view.seed ?? secrets.responsePublicId(submissionId), view.answers),
    })}`,
  });
}

/** The first shown page at or after `page` (pages whose questions are all hidden are skipped). */
export function shownPageFrom(study: Study, page: number, answers: Answers): number {
  if (page >= study.pages.length) return study.pages.length;
  return isPageVisible(study, study.pages[page]!, answers) ? page : nextPage(study, page, answers);
}

export function sendNotice(request: FastifyRequest, reply: FastifyReply, kind: 'closed' | 'badLink' | 'already' | 'tooMany', status: number, wave?: Wave) {
  const lang = request.lang;
  const title = t(lang, `respond.${kind}.title`);
  const text = kind === 'closed' ? t(lang, 'respond.closed.text', { wave: wave?.title ?? '' }) : t(lang, `respond.${kind}.text`);
  return sendPage(request, reply, { title, body: noticeView(title, text), status, chrome: 'minimal' });
}

/**
 * The end page (`kind` thanks, already, alreadyInvitation); `study` names its respondents in the benchmark
 * link's sentence. The link is shown as a link and as an absolute URL to copy (with the script's copy button).
 */
export function sendThanks(request: FastifyRequest, reply: FastifyReply, study: Study, benchmarkToken: string | undefined, kind: ThanksKind = 'thanks', status = 200) {
  const lang = request.lang;
  const path = benchmarkToken ? localizedPath(lang, `/benchmark/${benchmarkToken}`) : undefined;
  const benchmark = path ? { path, absolute: `${request.server.config.publicUrl ?? siteUrl(request.server)}${path}` } : undefined;
  return sendPage(request, reply, {
    title: t(lang, kind === 'thanks' ? 'respond.thanks.title' : 'respond.already.title'),
    body: thanksView(lang, benchmark, kind, unitWords(study, lang)),
    chrome: 'minimal',
    scripts: benchmark ? ['/static/respond.js'] : undefined,
    branding: pageBranding(study, lang),
    status,
  });
}
