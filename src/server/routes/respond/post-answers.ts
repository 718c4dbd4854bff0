import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SavePageInput } from '../../../store/index.js';
import type { FormBody } from '../../../study/index.js';
import { saveAckBeforeCommit } from './ack-before-commit.js';
import { replaySubmission } from './replay-submission.js';
import type { Access } from './resolve-access.js';
import { sendNotice, sendQuestionnairePage } from './respond-pages.js';
import { submitPage } from './submit-page.js';
import { submitReview } from './submit-review.js';
import { conflictAsUndefined, reject, respondentOf, type PostDeps, type Submission } from './submission.js';

export type { PostDeps } from './submission.js';

const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;
const ACTIONS = new Set(['next', 'previous', 'lang', 'finish']);
const MAX_PAGE_MS = 3_600_000;

function isFormBody(body: unknown): body is FormBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  return Object.values(body).every((v) => typeof v === 'string' || (Array.isArray(v) && v.every((s) => typeof s === 'string')));
}
const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value);

/**
 * A questionnaire page posted. The checks run in this order, each an early exit that stores nothing:
 *
 *   body (form fields) ─▶ _sid (submission id) ─▶ hp-website (honeypot, empty) ─▶ _action ∈ ACTIONS
 *     ─▶ access: not-found 404 · closed 409 · bad-link 404
 *              · used / done ──▶ replaySubmission  (replay-submission.ts: a repeated « send » goes to the end page again)
 *              · ok ─▶ _page ≤ pages reached ─▶ Submission { response, save, render }
 *                         ├─ page = review ──▶ submitReview  (submit-review.ts: finish → complete + packed)
 *                         └─ page < review ──▶ submitPage    (submit-page.ts: validate, save draft or next)
 *
 * Every save goes through `store.responses.savePage` with the submission id, in one transaction, so a
 * repeated post replays the recorded outcome instead of writing twice. POST/redirect/GET: a saved page
 * answers 303 See Other to the GET of the page to show (page-location.ts), and a page not accepted answers
 * 303 to its own GET with what was typed and the errors in a one-read flash cookie (page-flash.ts), so the
 * browser's history holds only GETs (Chromium asks to resubmit, ERR_CACHE_MISS, on Back to a POST's page).
 * The checks above that refuse a malformed post (no submission id, honeypot, unknown action, page not
 * reached) answer 4xx on the POST itself: no form of ours sends such a post.
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
  if (access.kind === 'used' || access.kind === 'done') return replaySubmission(deps, request, reply, access, submissionId);

  const { study, response } = access;
  const pageField = single(body._page);
  const page = pageField === 'review' ? study.pages.length : /^\d{1,4}$/.test(pageField ?? '') ? Number(pageField) : Number.NaN;
  if (!(page <= study.pages.length)) return reject(request, reply, 'respond.errors.page');
  if (page > (response?.currentPage ?? 0)) return reject(request, reply, 'respond.errors.page', 409);
  const shownAt = deps.secrets.readShownAt(single(body._shown), submissionId);
  const submission: Submission = {
    deps,
    request,
    reply,
    access,
    study,
    submissionId,
    action,
    page,
    response,
    pageDurationMs: shownAt === undefined ? undefined : Math.min(MAX_PAGE_MS, Math.max(0, Date.now() - shownAt)),
    save: (input: SavePageInput) =>
      conflictAsUndefined(request.server.config.unsafeAckBeforeCommit ? saveAckBeforeCommit(deps.store, input) : deps.store.responses.savePage(input)),
    render: (view, r = response) =>
      sendQuestionnairePage(request, reply, respondentOf(access, r), deps.secrets, deps.publicUrl, { seed: r?.publicId ?? deps.secrets.responsePublicId(submissionId), ...view }),
  };
  return page === study.pages.length ? submitReview(submission) : submitPage(submission, body);
}
