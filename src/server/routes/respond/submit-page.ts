import { isAppError } from '../../../app-error.js';
import { t } from '../../../messages/index.js';
import type { JsonObject, ResponseRecord } from '../../../store/index.js';
import { answersFromForm, isVisible, orderKey, questionOrders, validatePageAnswers, type AnswerError, type Answers, type FormBody } from '../../../study/index.js';
import { formValuesFromBody } from '../../views/respond/form-values.js';
import { answersBefore, nextPage, pageKeys, previousPage } from './page-flow.js';
import { respondLanguages } from './respond-pages.js';
import { reject, rememberResponse, sendConflict, showAgain, showPage, thank, type OkAccess, type Outcome, type PostDeps, type Submission } from './submission.js';

/** Errors a draft may keep: `previous` and `lang` save what is valid and leave what is missing for later. */
const DRAFT_TOLERATED = new Set<AnswerError['code']>(['required', 'consent_required', 'other_required']);

async function createResponse(deps: PostDeps, access: OkAccess, submissionId: string, language: string): Promise<ResponseRecord> {
  const invitationId = access.credential.kind === 'invitation' ? access.credential.invitation.id : null;
  const publicId = deps.secrets.responsePublicId(submissionId);
  try {
    const test = access.credential.kind === 'open' && access.credential.test === true;
    return await deps.store.responses.createPartial({ waveId: access.wave.id, invitationId, language, publicId, test });
  } catch (error) {
    // a double post of the first page (same submission id, same public id) or a second tab of an invitation
    if (!isAppError(error) || error.code !== 'CONFLICT') throw error;
    const existing = invitationId !== null ? await deps.store.responses.getByInvitation(invitationId) : await deps.store.responses.getByPublicId(publicId);
    if (!existing) throw error;
    return existing;
  }
}

/**
 * A questionnaire page posted (`page < study.pages.length`):
 *
 *   form body ──answersFromForm──▶ parsed ──validatePageAnswers(before)──▶ checked
 *        │ errors (all for `next`; drafts keep required ones) ──▶ 303 to the same page, typed fields and errors in a flash
 *        ▼
 *   merged = answers of earlier pages + checked ──▶ target page (next / previous / same for `lang`)
 *        ▼
 *   response (created on the first `next`) ──save(page, submission id, outcome {show: target})──▶ 303 to its GET
 *
 * A repeated submission id is not saved twice: the store returns the recorded outcome and it is shown again.
 */
export async function submitPage(s: Submission, body: FormBody) {
  const { study, page, action, response, request } = s;
  if (action === 'finish') return reject(request, s.reply, 'respond.errors.action');
  const pageDef = study.pages[page]!;
  const before = answersBefore((response?.answers ?? {}) as Answers, pageDef);
  const parsed = answersFromForm(study, page, body);
  const checked = validatePageAnswers(study, page, parsed.answers, before);
  const errors = [...parsed.errors, ...checked.errors].filter((e) => action === 'next' || !DRAFT_TOLERATED.has(e.code));
  if (errors.length > 0) {
    const values = formValuesFromBody(pageDef, body);
    // without the script, questions revealed by this page's own answers were not on screen: show them, politely
    const storedContext = (response?.answers ?? {}) as Answers;
    const revealed = errors.every((e) => e.code === 'required' && !isVisible(pageDef.questions.find((q) => q.name === e.question)!, storedContext, study));
    if (revealed) return showAgain(s, { page, answers: { ...before, ...parsed.answers }, values, notice: t(respondLanguages(request, study).ui, 'respond.revealed') });
    return showAgain(s, { page, answers: { ...before, ...parsed.answers }, values, errors, status: 400 });
  }
  // the order each randomised question was shown in, drawn from the same seed as the page's render, is recorded
  // with the page's answers (`<name>_order`) for the questions shown
  const seed = response?.publicId ?? s.deps.secrets.responsePublicId(s.submissionId);
  const shown = { ...before, ...checked.answers };
  for (const [name, order] of questionOrders(pageDef.questions, seed, (response?.answers ?? {}) as Answers)) {
    if (isVisible(pageDef.questions.find((q) => q.name === name)!, shown)) (checked.answers as Answers)[orderKey(name)] = order.join(',');
  }
  const merged: Answers = { ...before, ...checked.answers };
  const target = action === 'next' ? nextPage(study, page, merged) : action === 'previous' ? previousPage(study, page, merged) : page;
  if (!response && action !== 'next') return showAgain(s, { page, answers: merged, values: formValuesFromBody(pageDef, body) });

  const current = response ?? (await createResponse(s.deps, s.access, s.submissionId, respondLanguages(request, study).content));
  const saved = await s.save({
    responseId: current.id,
    submissionId: s.submissionId,
    page,
    answers: checked.answers as JsonObject,
    removeKeys: pageKeys(pageDef).filter((k) => !(k in checked.answers)),
    currentPage: action === 'next' ? Math.max(current.currentPage, target) : current.currentPage,
    pageDurationMs: s.pageDurationMs,
    outcome: { show: target },
  });
  if (!saved) return sendConflict(s);
  if (!response) rememberResponse(s.deps, s.reply, s.access, saved.response);
  const language = respondLanguages(request, study).content;
  if (action === 'lang' && saved.response.language !== language) await s.deps.store.responses.update(current.id, { language });
  const show = saved.kind === 'duplicate' ? ((saved.outcome as Outcome | null)?.show ?? target) : target;
  if (show === 'thanks') return thank(s, saved.response);
  return showPage(s, show);
}
