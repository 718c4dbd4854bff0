import type { Answers } from './answers.js';
import type { MatrixQuestion, MultipleQuestion, Question } from './question.js';
import { findQuestion, type Study } from './study.js';

/**
 * Carry forward (`filter` on a single choice, a multiple choice or a matrix): what a respondent sees is
 * narrowed to what they chose, or did not choose, in an earlier multiple choice (the source).
 *
 * Matching:
 * - a single or multiple choice's options (and its "other") are matched by their storage `code` with the
 *   source's codes: `keep: 'chosen'` shows the options whose code was selected, `'notChosen'` the others
 *   (an option whose code the source does not have is then always shown);
 * - a matrix's items stand for the source's options: when every item has an `exportCode`, the item stands for
 *   the source option with the same `exportCode` (what imports keep: LimeSurvey's `SQ001` on both sides);
 *   otherwise the k-th item stands for the k-th option of the source.
 * A question with nothing left to show is hidden (it gets no answer, as a hidden question).
 */

/** The source option code each item of a matrix stands for (undefined: no option matches it). */
export function matrixItemCodes(question: MatrixQuestion, source: MultipleQuestion): (number | undefined)[] {
  const byExportCode = question.items.every((item) => item.exportCode !== undefined);
  return question.items.map((item, k) =>
    byExportCode ? source.options.find((o) => o.exportCode !== undefined && o.exportCode === item.exportCode)?.code : source.options[k]?.code,
  );
}

/** The codes selected in a carry-forward source (none when it was not answered). */
function chosenCodes(answers: Answers, source: string): number[] {
  const value = answers[source];
  return Array.isArray(value) ? value : typeof value === 'number' ? [value] : [];
}

/**
 * The question as a respondent sees it given the answers so far: itself without a filter, else a copy with
 * only the kept options (and "other") or matrix items; undefined when nothing is kept (the question is hidden).
 * A filter whose source is not a multiple choice of the study keeps everything (validateStudy refuses it).
 */
export function shownQuestion(study: Study, question: Question, answers: Answers): Question | undefined {
  if (!(question.kind === 'single' || question.kind === 'multiple' || question.kind === 'matrix') || !question.filter) return question;
  const { filter } = question;
  const chosen = chosenCodes(answers, filter.question);
  const kept = (code: number | undefined) => (filter.keep === 'chosen' ? code !== undefined && chosen.includes(code) : code === undefined || !chosen.includes(code));
  if (question.kind === 'matrix') {
    const source = findQuestion(study, filter.question);
    if (source?.kind !== 'multiple') return question;
    const codes = matrixItemCodes(question, source);
    const items = question.items.filter((_, k) => kept(codes[k]));
    return items.length === 0 ? undefined : { ...question, items };
  }
  const options = question.options.filter((o) => kept(o.code));
  const other = question.other && kept(question.other.code) ? question.other : undefined;
  if (options.length === 0 && !other) return undefined;
  const { other: _dropped, ...rest } = question;
  return other ? { ...rest, options, other } : { ...rest, options };
}
