import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../../app-error.js';
import type { MessageKey } from '../../../messages/index.js';
import { t } from '../../../messages/index.js';
import type { ResponseRecord, SavePageInput, SavePageResult, Store } from '../../../store/index.js';
import { columnLayout, type ColumnLayout, type Study } from '../../../study/index.js';
import { noticeView } from '../../views/respond/notice-view.js';
import { sendPage } from '../../views/send-page.js';
import { responseCookie, type Access } from './resolve-access.js';
import type { RespondSecrets } from './respond-secrets.js';
import { sendNotice, type sendQuestionnairePage, type Respondent } from './respond-pages.js';
import { writeFlash } from './page-flash.js';
import { redirectToPage, type PageTarget } from './page-location.js';

const YEAR_S = 365 * 86_400;

export interface PostDeps {
  readonly store: Store;
  readonly secrets: RespondSecrets;
  readonly publicUrl: string | undefined;
  readonly secureCookies: boolean;
}

/** What a saved submission recorded to show next: a page index or the thanks page (replayed on a repeated post). */
export type Outcome = { show?: number | 'thanks' };
export type OkAccess = Extract<Access, { kind: 'ok' }>;
export type PageView = Parameters<typeof sendQuestionnairePage>[5];

/**
 * One checked POST of a questionnaire page, shared by the page and the review submission: the request
 * fields already validated by `postAnswers`, the response so far (none before the first save) and the
 * two ways out (`save` one page in one transaction, `render` a questionnaire page).
 */
export interface Submission {
  readonly deps: PostDeps;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly access: OkAccess;
  readonly study: Study;
  readonly submissionId: string;
  readonly action: string;
  /** The posted page index; `study.pages.length` is the review. */
  readonly page: number;
  readonly response: ResponseRecord | undefined;
  readonly pageDurationMs: number | undefined;
  /** Saves one page with its submission id; `undefined` when the store refuses it as a conflict (a used link, a finished response). */
  readonly save: (input: SavePageInput) => Promise<SavePageResult | undefined>;
  readonly render: (view: PageView, response?: ResponseRecord) => unknown;
}

/** A 4xx page with one clear message; nothing was stored. */
export function reject(request: FastifyRequest, reply: FastifyReply, key: MessageKey, status = 400) {
  const title = t(request.lang, `error.${status === 409 ? 409 : 400}.title`);
  return sendPage(request, reply, { title, body: noticeView(title, t(request.lang, key)), status, chrome: 'minimal' });
}

/** A conflict from the store (the link was used meanwhile) becomes `undefined`; any other error is thrown on. */
export function conflictAsUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
  return promise.catch((error: unknown) => (isAppError(error) && error.code === 'CONFLICT' ? undefined : Promise.reject(error)));
}

/** The 409 notice when a save was refused as a conflict. */
export function sendConflict(s: Submission) {
  return sendNotice(s.request, s.reply, s.access.credential.kind === 'invitation' ? 'badLink' : 'already', 409);
}

export function respondentOf(access: OkAccess, response: ResponseRecord | undefined): Respondent {
  return {
    wave: access.wave,
    study: access.study,
    credential: access.credential.kind === 'open' && response ? { kind: 'open', publicId: response.publicId, test: access.credential.test } : access.credential,
  };
}

/** An open link remembers its response in a signed cookie, so the respondent resumes it. */
export function rememberResponse(deps: PostDeps, reply: FastifyReply, access: OkAccess, response: ResponseRecord): void {
  if (access.credential.kind !== 'open') return;
  reply.setCookie(responseCookie(access.wave, access.credential.test === true), response.publicId, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.secureCookies,
    maxAge: YEAR_S,
  });
}

/** The respondent's benchmark link token, stored as a hash; none when the study offers no benchmark. */
export async function benchmarkToken(deps: PostDeps, response: ResponseRecord, study: Study): Promise<string | undefined> {
  if (!study.benchmark) return undefined;
  const token = deps.secrets.benchmarkToken(response.publicId);
  const hash = deps.secrets.tokenHash(token);
  if (response.benchmarkTokenHash !== hash) await deps.store.responses.update(response.id, { benchmarkTokenHash: hash });
  return token;
}

/** A completed response: its benchmark token's hash is stored, then 303 to the end page (`?p=done`, which shows the link). */
export async function thank(s: Submission, response: ResponseRecord) {
  await benchmarkToken(s.deps, response, s.study);
  return redirectToPage(s.request, s.reply, 'done');
}

/** The GET target of a page index (`study.pages.length` is the review). */
export const targetOf = (study: Study, page: number): PageTarget => (page >= study.pages.length ? 'review' : page);

/** 303 to the GET of a page: what every accepted post answers (POST/redirect/GET). */
export function showPage(s: Submission, page: number) {
  return redirectToPage(s.request, s.reply, targetOf(s.study, page));
}

/**
 * A page shown again with what was typed and its errors (or a notice): the fields and errors go to the next
 * GET in a flash cookie and the post answers 303, so the error page is a GET too and Back after correcting
 * it never lands on a POST. Only when they do not fit in a cookie (very long texts) is the page sent on
 * the POST itself, with the view's status.
 */
export function showAgain(s: Submission, view: PageView) {
  const flash = { page: view.page, values: view.values, errors: view.errors, notice: view.notice };
  if (writeFlash(s.reply, s.access.wave, flash, s.deps.secureCookies)) return showPage(s, view.page);
  return s.render(view);
}

const layouts = new WeakMap<Study, ColumnLayout>();
/** The study's packed column layout, computed once per study object. */
export function layoutOf(study: Study): ColumnLayout {
  let layout = layouts.get(study);
  if (!layout) layouts.set(study, (layout = columnLayout(study)));
  return layout;
}
