import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../app-error.js';
import type { JsonObject, ResponseRecord, SavePageInput, Store } from '../../../store/index.js';
import {
  answersFromForm,
  columnLayout,
  findQuestion,
  isVisible,
  packAnswers,
  validatePageAnswers,
  validateResponse,
  type AnswerError,
  type Answers,
  type ColumnLayout,
  type FormBody,
  type Study,
} from '../../../study/index.js';
import type { MessageKey } from '../../../messages/index.js';
import { t } from '../../../messages/index.js';
import { formValuesFromBody } from '../../views/respond/form-values.js';
import { noticeView } from '../../views/respond/notice-view.js';
import { sendPage } from '../../views/send-page.js';
import { answersBefore, nextPage, pageKeys, previousPage } from './page-flow.js';
import { responseCookie, type Access } from './resolve-access.js';
import type { RespondSecrets } from './respond-secrets.js';
import { saveAckBeforeCommit } from './ack-before-commit.js';
import { respondLanguages, sendNotice, sendQuestionnairePage, sendThanks, type Respondent } from './respond-pages.js';

const DRAFT_TOLERATED = new Set<AnswerError['code']>(['required', 'consent_required', 'other_required']);
const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
const ACTIONS = new Set(['next', 'previous', 'lang', 'finish']);
const MAX_PAGE_MS = 3_600_000;
const YEAR_S = 365 * 86_400;

const layouts = new WeakMap<Study, ColumnLayout>();
function layoutOf(study: Study): ColumnLayout {
  let layout = layouts.get(study);
  if (!layout) layouts.set(study, (layout = columnLayout(study)));
  return layout;
}

export interface PostDeps {
  readonly store: Store;
  readonly secrets: RespondSecrets;
  readonly publicUrl: string | undefined;
  readonly secureCookies: boolean;
}

type Outcome = { show?: number | 'thanks' };
type OkAccess = Extract<Access, { kind: 'ok' }>;

function isFormBody(body: unknown): body is FormBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  return Object.values(body).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')));
}
const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value);

/** A 4xx page with one clear message; nothing was stored. */
function reject(request: FastifyRequest, reply: FastifyReply, key: MessageKey, status = 400) {
  const title = t(request.lang, `error.${status === 409 ? 409 : 400}.title`);
  return sendPage(request, reply, { title, body: noticeView(title, t(request.lang, key)), status, chrome: 'minimal' });
}

async function createResponse(deps: PostDeps, access: OkAccess, submissionId: string, language: string): Promise<ResponseRecord> {
  const invitationId = access.credential.kind === 'invitation' ? access.credential.invitation.id : null;
  const publicId = deps.secrets.responsePublicId(submissionId);
  try {
    return await deps.store.responses.createPartial({ waveId: access.wave.id, invitationId, language, publicId });
  } catch (error) {
    // a double post of the first page (same submission id, same public id) or a second tab of an invitation
    if (!isAppError(error) || error.code !== 'CONFLICT') throw error;
    const existing = invitationId !== null ? await deps.store.responses.getByInvitation(invitationId) : await deps.store.responses.getByPublicId(publicId);
    if (!existing) throw error;
    return existing;
  }
}

/** Whether this submission id was already written for the response (a repeated post): its recorded outcome. */
async function repeatedOutcome(store: Store, response: ResponseRecord, submissionId: string, page: number): Promise<Outcome | undefined> {
  try {
    const result = await store.responses.savePage({ responseId: response.id, submissionId, page, answers: {}, currentPage: response.currentPage });
    return result.kind === 'duplicate' ? ((result.outcome ?? {}) as Outcome) : undefined;
  } catch (error) {
    if (isAppError(error) && error.code === 'CONFLICT') return undefined;
    throw error;
  }
}

function rememberResponse(deps: PostDeps, reply: FastifyReply, access: OkAccess, response: ResponseRecord): void {
  if (access.credential.kind !== 'open') return;
  reply.setCookie(responseCookie(access.wave), response.publicId, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.secureCookies,
    maxAge: YEAR_S,
  });
}

/** The respondent's benchmark link token, stored as a hash; none when the study offers no benchmark. */
async function benchmarkToken(deps: PostDeps, response: ResponseRecord, study: Study): Promise<string | undefined> {
  if (!study.benchmark) return undefined;
  const token = deps.secrets.benchmarkToken(response.publicId);
  const hash = deps.secrets.tokenHash(token);
  if (response.benchmarkTokenHash !== hash) await deps.store.responses.update(response.id, { benchmarkTokenHash: hash });
  return token;
}

/**
 * A questionnaire page posted: checks the request (submission id, honeypot, action, page), validates the
 * answers against the wave's study version and saves them with the submission id in one transaction.
 * `next` needs a valid page; `previous` and `lang` save what is valid so far as a draft (nothing typed is lost).
 */
export async function postAnswers(deps: PostDeps, request: FastifyRequest, reply: FastifyReply, access: Access) {
  const body = request.body;
  if (!isFormBody(body)) return reject(request, reply, 'respond.errors.action');
  const submissionId = single(body._sid);
  if (submissionId === undefined || !SUBMISSION_ID.test(submissionId)) return reject(request, reply, 'respond.errors.submission');
  if ((single(body['hp-website']) ?? '').trim() !== '') return reject(request, reply, 'respond.errors.honeypot');
  const action = single(body._action) ?? 'next';
  if (!ACTIONS.has(action)) return reject(request, reply, 'respond.errors.action');

  if (access.kind === 'not-found') return reply.callNotFound();
  if (access.kind === 'closed') return sendNotice(request, reply, 'closed', 409, access.wave);
  if (access.kind === 'bad-link') return sendNotice(request, reply, 'badLink', 404);
  if (access.kind === 'used' || access.kind === 'done') {
    const repeated = await repeatedOutcome(deps.store, access.response, submissionId, access.study.pages.length);
    if (repeated?.show === 'thanks') return sendThanks(request, reply, access.study, await benchmarkToken(deps, access.response, access.study));
    if (access.kind === 'used') return sendNotice(request, reply, 'badLink', 404);
    return sendThanks(request, reply, access.study, await benchmarkToken(deps, access.response, access.study), true, 409);
  }

  const { study } = access;
  const save = (input: SavePageInput) => (request.server.config.unsafeAckBeforeCommit ? saveAckBeforeCommit(deps.store, input) : deps.store.responses.savePage(input));
  const pageField = single(body._page);
  const page = pageField === 'review' ? study.pages.length : /^\d{1,4}$/.test(pageField ?? '') ? Number(pageField) : Number.NaN;
  const response = access.response;
  if (!(page <= study.pages.length)) return reject(request, reply, 'respond.errors.page');
  if (page > (response?.currentPage ?? 0)) return reject(request, reply, 'respond.errors.page', 409);
  const shownAt = deps.secrets.readShownAt(single(body._shown), submissionId);
  const pageDurationMs = shownAt === undefined ? undefined : Math.min(MAX_PAGE_MS, Math.max(0, Date.now() - shownAt));
  const respondent = (r: ResponseRecord | undefined): Respondent => ({
    wave: access.wave,
    study,
    credential: access.credential.kind === 'open' && r ? { kind: 'open', publicId: r.publicId } : access.credential,
  });
  const render = (view: Parameters<typeof sendQuestionnairePage>[5], r = response) => sendQuestionnairePage(request, reply, respondent(r), deps.secrets, deps.publicUrl, view);

  if (page === study.pages.length) {
    // the review: previous, or send the whole response
    const stored = response!.answers as Answers;
    if (action === 'previous') return render({ page: previousPage(study, page, stored), answers: stored });
    if (action !== 'finish') return reject(request, reply, 'respond.errors.action');
    const full = validateResponse(study, stored, { complete: true });
    if (full.errors.length > 0) {
      const first = full.errors[0]!;
      const errorPage = study.pages.findIndex((p) => p.questions.some((q) => q.name === first.question));
      const onPage = full.errors.filter((e) => findQuestion(study, e.question) && study.pages[errorPage]!.questions.some((q) => q.name === e.question));
      return render({ page: Math.max(0, errorPage), answers: stored, errors: onPage, status: 400 });
    }
    const layout = layoutOf(study);
    const saved = await save({
      responseId: response!.id,
      submissionId,
      page,
      answers: full.answers as JsonObject,
      removeKeys: Object.keys(stored).filter((k) => !(k in full.answers)),
      currentPage: page,
      pageDurationMs,
      complete: true,
      pack: (answers) => packAnswers(layout, answers as Answers),
      outcome: { show: 'thanks' },
    }).catch((error: unknown) => (isAppError(error) && error.code === 'CONFLICT' ? undefined : Promise.reject(error)));
    if (!saved) return sendNotice(request, reply, access.credential.kind === 'invitation' ? 'badLink' : 'already', 409);
    rememberResponse(deps, reply, access, saved.response);
    return sendThanks(request, reply, access.study, await benchmarkToken(deps, saved.response, study));
  }

  if (action === 'finish') return reject(request, reply, 'respond.errors.action');
  const pageDef = study.pages[page]!;
  const before = answersBefore((response?.answers ?? {}) as Answers, pageDef);
  const parsed = answersFromForm(study, page, body);
  const checked = validatePageAnswers(study, page, parsed.answers, before);
  const errors = [...parsed.errors, ...checked.errors].filter((e) => action === 'next' || !DRAFT_TOLERATED.has(e.code));
  if (errors.length > 0) {
    const values = formValuesFromBody(pageDef, body);
    // without the script, questions revealed by this page's own answers were not on screen: show them, politely
    const storedContext = (response?.answers ?? {}) as Answers;
    const revealed = errors.every((e) => e.code === 'required' && !isVisible(pageDef.questions.find((q) => q.name === e.question)!, storedContext));
    if (revealed) return render({ page, answers: { ...before, ...parsed.answers }, values, notice: t(respondLanguages(request, study).ui, 'respond.revealed') });
    return render({ page, answers: { ...before, ...parsed.answers }, values, errors, status: 400 });
  }
  const merged: Answers = { ...before, ...checked.answers };
  const target = action === 'next' ? nextPage(study, page, merged) : action === 'previous' ? previousPage(study, page, merged) : page;
  if (!response && action !== 'next') return render({ page, answers: merged, values: formValuesFromBody(pageDef, body) });

  const current = response ?? (await createResponse(deps, access, submissionId, respondLanguages(request, study).content));
  const saved = await save({
    responseId: current.id,
    submissionId,
    page,
    answers: checked.answers as JsonObject,
    removeKeys: pageKeys(pageDef).filter((k) => !(k in checked.answers)),
    currentPage: action === 'next' ? Math.max(current.currentPage, target) : current.currentPage,
    pageDurationMs,
    outcome: { show: target },
  }).catch((error: unknown) => (isAppError(error) && error.code === 'CONFLICT' ? undefined : Promise.reject(error)));
  if (!saved) return sendNotice(request, reply, access.credential.kind === 'invitation' ? 'badLink' : 'already', 409);
  if (!response) rememberResponse(deps, reply, access, saved.response);
  const language = respondLanguages(request, study).content;
  if (action === 'lang' && saved.response.language !== language) await deps.store.responses.update(current.id, { language });
  const show = saved.kind === 'duplicate' ? ((saved.outcome as Outcome | null)?.show ?? target) : target;
  if (show === 'thanks') return sendThanks(request, reply, access.study, await benchmarkToken(deps, saved.response, study));
  return render({ page: show, answers: saved.response.answers as Answers }, saved.response);
}
