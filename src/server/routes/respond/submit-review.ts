import type { JsonObject } from '../../../store/index.js';
import { findQuestion, packAnswers, validateResponse, type Answers } from '../../../study/index.js';
import { previousPage } from './page-flow.js';
import { layoutOf, reject, rememberResponse, sendConflict, showAgain, showPage, thank, type Submission } from './submission.js';

/**
 * The review page posted (`page === study.pages.length`): `previous` goes back to the last visible page;
 * `finish` validates the whole stored response as complete (answers to what is now hidden are dropped). An error sends the respondent (303) to the page
 * of the first error, its errors in a flash; a valid response is saved complete, packed into the study's columns, with the outcome
 * `{ show: 'thanks' }` that a repeated post replays.
 */
export async function submitReview(s: Submission) {
  const { study, page, action } = s;
  const response = s.response!;
  const stored = response.answers as Answers;
  if (action === 'previous') return showPage(s, previousPage(study, page, stored));
  if (action !== 'finish') return reject(s.request, s.reply, 'respond.errors.action');
  const full = validateResponse(study, stored, { complete: true });
  // answers left from a branch the respondent went back and closed (a page or a question now hidden) are
  // dropped, not held against them: the save below removes every stored key the validation did not keep
  const errors = full.errors.filter((e) => e.code !== 'hidden');
  if (errors.length > 0) {
    const first = errors[0]!;
    const errorPage = study.pages.findIndex((p) => p.questions.some((q) => q.name === first.question));
    const onPage = errors.filter((e) => findQuestion(study, e.question) && study.pages[errorPage]!.questions.some((q) => q.name === e.question));
    return showAgain(s, { page: Math.max(0, errorPage), answers: stored, errors: onPage, status: 400 });
  }
  const layout = layoutOf(study);
  const saved = await s.save({
    responseId: response.id,
    submissionId: s.submissionId,
    page,
    answers: full.answers as JsonObject,
    removeKeys: Object.keys(stored).filter((k) => !(k in full.answers)),
    currentPage: page,
    pageDurationMs: s.pageDurationMs,
    complete: true,
    pack: (answers) => packAnswers(layout, answers as Answers),
    outcome: { show: 'thanks' },
  });
  if (!saved) return sendConflict(s);
  rememberResponse(s.deps, s.reply, s.access, saved.response);
  return thank(s, saved.response);
}
