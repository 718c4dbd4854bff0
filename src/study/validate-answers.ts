import { otherKey, type Answers, type AnswerValue } from './answers.js';
import { shownQuestion } from './carry-forward.js';
import { evaluateCondition } from './evaluate-condition.js';
import { isIsoDate, isRandomized, numbersItemKey, orderKey, questionCodes, rankingBounds, rankKey, textGridCells, type Question, type RankingQuestion } from './question.js';
import { isOrderOf, isRandomizable } from './shown-order.js';
import type { Page, Study } from './study.js';

export type AnswerErrorCode =
  | 'required'
  | 'unknown_code'
  | 'wrong_type'
  | 'too_many'
  | 'exclusive'
  | 'below_min'
  | 'above_max'
  | 'not_integer'
  | 'too_long'
  | 'other_required'
  | 'consent_required'
  | 'hidden'
  | 'unknown_field'
  | 'invalid_date'
  | 'date_before_min'
  | 'date_after_max'
  | 'total_mismatch'
  | 'rank_duplicate'
  | 'rank_gap'
  | 'too_few_ranked'
  | 'too_many_ranked';

/** One problem with one field; the server words it in the respondent's language. */
export interface AnswerError {
  /** the form field / variable: a question's name, a matrix item's name, `<question>_other`, a multiple numeric item or a grid cell */
  readonly field: string;
  readonly question: string;
  readonly code: AnswerErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface PageValidation {
  /** the page's answers that are valid and visible, ready to store */
  readonly answers: Answers;
  readonly errors: readonly AnswerError[];
}

/** The page of each question name, once per study object (study versions are immutable). */
const QUESTION_PAGES = new WeakMap<Study, ReadonlyMap<string, Page>>();

function pageOf(study: Study, question: Question): Page | undefined {
  let map = QUESTION_PAGES.get(study);
  if (map === undefined) {
    const m = new Map<string, Page>();
    for (const page of study.pages) for (const q of page.questions) m.set(q.name, page);
    QUESTION_PAGES.set(study, (map = m));
  }
  return map.get(question.name);
}

/** Whether some respondents may not be asked a question: it, its page or a carry forward has a condition. */
export function mayBeHidden(study: Study, question: Question): boolean {
  return question.condition !== undefined || pageOf(study, question)?.condition !== undefined || ('filter' in question && question.filter !== undefined);
}

/** Whether a page is shown given the answers so far: its condition holds (it reads earlier pages only). */
export function isPageShown(page: Page, answers: Answers): boolean {
  return evaluateCondition(page.condition, answers);
}

/**
 * Whether a question is shown, given every answer so far: its page's condition and its own hold, and a carry
 * forward leaves it something to show. Without `study`, only the question's own condition is read (pass the
 * study wherever a page condition or a carry forward may apply: every respondent-facing use).
 */
export function isVisible(question: Question, answers: Answers, study?: Study): boolean {
  if (!evaluateCondition(question.condition, answers)) return false;
  if (study === undefined) return true;
  const page = pageOf(study, question);
  if (page && !isPageShown(page, answers)) return false;
  return shownQuestion(study, question, answers) !== undefined;
}

/** The names under which a question's answers are stored. */
export function answerKeys(question: Question): string[] {
  const order = isRandomized(question) ? [orderKey(question.name)] : [];
  if (question.kind === 'info') return [];
  if (question.kind === 'matrix') return [...question.items.map((item) => item.name), ...order];
  if (question.kind === 'numbers') return question.items.map((item) => numbersItemKey(question, item));
  if (question.kind === 'textgrid') return textGridCells(question).map((cell) => cell.key);
  if (question.kind === 'ranking') return [...question.options.map((o) => rankKey(question.name, o.code)), ...order];
  if ((question.kind === 'single' || question.kind === 'multiple') && question.other) return [question.name, otherKey(question.name), ...order];
  return [question.name, ...order];
}

/**
 * A ranking's ranks: each a whole number, between 1 and k for the k options ranked, none twice, no gap,
 * k within the question's bounds. A duplicate is reported on each option that holds it; the rest on the question.
 */
function checkRanking(q: RankingQuestion, answers: Answers, err: (field: string, code: AnswerErrorCode, params?: Record<string, string | number>) => void, out: Answers): void {
  const ranked: { key: string; rank: number }[] = [];
  let malformed = false;
  for (const o of q.options) {
    const key = rankKey(q.name, o.code);
    const v = answers[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      err(key, 'wrong_type');
      malformed = true;
    } else ranked.push({ key, rank: v });
  }
  if (malformed) return;
  if (ranked.length === 0) return void (q.required && err(q.name, 'required'));
  const { min, max } = rankingBounds(q);
  if (ranked.length > max) return err(q.name, 'too_many_ranked', { max });
  const holders = new Map<number, string[]>();
  for (const { key, rank } of ranked) holders.set(rank, [...(holders.get(rank) ?? []), key]);
  let duplicated = false;
  for (const [rank, keys] of holders) {
    if (keys.length < 2) continue;
    duplicated = true;
    for (const key of keys) err(key, 'rank_duplicate', { rank });
  }
  if (duplicated) return;
  for (let rank = 1; rank <= ranked.length; rank++) if (!holders.has(rank)) return err(q.name, 'rank_gap', { rank });
  if (ranked.length < min) return err(q.name, 'too_few_ranked', { min });
  for (const { key, rank } of ranked) out[key] = rank;
}

function isEmpty(value: AnswerValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || value === false;
}

function checkQuestion(q: Question, answers: Answers, errors: AnswerError[], out: Answers): void {
  const err = (field: string, code: AnswerErrorCode, params: Record<string, string | number> = {}): void => {
    errors.push({ field, question: q.name, code, params });
  };
  if (isRandomizable(q) && q.randomize === true) {
    const order = answers[orderKey(q.name)];
    if (typeof order === 'string' && isOrderOf(q, order)) out[orderKey(q.name)] = order;
    else if (order !== undefined) err(orderKey(q.name), 'wrong_type');
  }
  const value = answers[q.name];
  const codes = questionCodes(q);
  switch (q.kind) {
    case 'info':
      return;
    case 'ranking':
      return checkRanking(q, answers, err, out);
    case 'single':
    case 'scale': {
      if (value === undefined) return void (q.required && err(q.name, 'required'));
      if (typeof value !== 'number' || !Number.isInteger(value)) return err(q.name, 'wrong_type');
      if (!codes.includes(value)) return err(q.name, 'unknown_code', { value });
      out[q.name] = value;
      if (q.kind === 'single' && q.other) {
        const text = answers[otherKey(q.name)];
        if (value === q.other.code) {
          if (typeof text !== 'string' || text.trim() === '') return err(otherKey(q.name), 'other_required');
          if (text.length > q.other.maxLength) return err(otherKey(q.name), 'too_long', { max: q.other.maxLength });
          out[otherKey(q.name)] = text;
        }
      }
      return;
    }
    case 'multiple': {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) return void (q.required && err(q.name, 'required'));
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isInteger(v))) return err(q.name, 'wrong_type');
      const selected = [...new Set(value)].sort((a, b) => a - b);
      const unknown = selected.find((v) => !codes.includes(v));
      if (unknown !== undefined) return err(q.name, 'unknown_code', { value: unknown });
      if (q.maxSelections !== undefined && selected.length > q.maxSelections) return err(q.name, 'too_many', { max: q.maxSelections });
      if (selected.length > 1 && selected.some((v) => q.exclusive.includes(v))) return err(q.name, 'exclusive');
      out[q.name] = selected;
      if (q.other && selected.includes(q.other.code)) {
        const text = answers[otherKey(q.name)];
        if (typeof text !== 'string' || text.trim() === '') return err(otherKey(q.name), 'other_required');
        if (text.length > q.other.maxLength) return err(otherKey(q.name), 'too_long', { max: q.other.maxLength });
        out[otherKey(q.name)] = text;
      }
      return;
    }
    case 'matrix': {
      for (const item of q.items) {
        const v = answers[item.name];
        if (v === undefined) {
          if (q.required) err(item.name, 'required');
          continue;
        }
        if (typeof v !== 'number' || !Number.isInteger(v)) err(item.name, 'wrong_type');
        else if (!codes.includes(v)) err(item.name, 'unknown_code', { value: v });
        else out[item.name] = v;
      }
      return;
    }
    case 'number': {
      if (value === undefined) return void (q.required && err(q.name, 'required'));
      if (typeof value !== 'number' || !Number.isFinite(value)) return err(q.name, 'wrong_type');
      if (q.integer && !Number.isInteger(value)) return err(q.name, 'not_integer');
      if (q.min !== undefined && value < q.min) return err(q.name, 'below_min', { min: q.min });
      if (q.max !== undefined && value > q.max) return err(q.name, 'above_max', { max: q.max });
      out[q.name] = value;
      return;
    }
    case 'text': {
      if (value === undefined || value === '') return void (q.required && err(q.name, 'required'));
      if (typeof value !== 'string') return err(q.name, 'wrong_type');
      if (value.length > q.maxLength) return err(q.name, 'too_long', { max: q.maxLength });
      out[q.name] = value;
      return;
    }
    case 'consent': {
      if (value === undefined || value === false) return void (q.required && err(q.name, q.required ? 'consent_required' : 'required'));
      if (typeof value !== 'boolean') return err(q.name, 'wrong_type');
      out[q.name] = value;
      return;
    }
    case 'date': {
      if (value === undefined || value === '') return void (q.required && err(q.name, 'required'));
      if (typeof value !== 'string' || !isIsoDate(value)) return err(q.name, 'invalid_date');
      // ISO days compare as strings
      if (q.min !== undefined && value < q.min) return err(q.name, 'date_before_min', { min: q.min });
      if (q.max !== undefined && value > q.max) return err(q.name, 'date_after_max', { max: q.max });
      out[q.name] = value;
      return;
    }
    case 'numbers': {
      // every item of a required question; with a total, a blank item counts as 0 once any item is given
      const given: Answers = {};
      let failed = false;
      let sum = 0;
      for (const item of q.items) {
        const key = numbersItemKey(q, item);
        const v = answers[key];
        if (v === undefined) {
          if (q.required) {
            err(key, 'required');
            failed = true;
          }
          continue;
        }
        const before = errors.length;
        if (typeof v !== 'number' || !Number.isFinite(v)) err(key, 'wrong_type');
        else if (q.integer && !Number.isInteger(v)) err(key, 'not_integer');
        else if (q.min !== undefined && v < q.min) err(key, 'below_min', { min: q.min });
        else if (q.max !== undefined && v > q.max) err(key, 'above_max', { max: q.max });
        if (errors.length > before) failed = true;
        else {
          given[key] = v;
          sum += v as number;
        }
      }
      if (failed) return;
      const keys = Object.keys(given);
      if (keys.length === 0) return void (q.required && err(q.name, 'required'));
      if (q.total !== undefined) {
        if (Math.abs(sum - q.total) > 1e-9 * Math.max(1, Math.abs(q.total))) return err(q.name, 'total_mismatch', { total: q.total, sum: Math.round(sum * 1e9) / 1e9 });
        for (const item of q.items) given[numbersItemKey(q, item)] ??= 0;
      }
      Object.assign(out, given);
      return;
    }
    case 'textgrid': {
      for (const { key } of textGridCells(q)) {
        const v = answers[key];
        if (v === undefined || v === '') {
          if (q.required) err(key, 'required');
          continue;
        }
        if (typeof v !== 'string') err(key, 'wrong_type');
        else if (v.length > q.maxLength) err(key, 'too_long', { max: q.maxLength });
        else out[key] = v;
      }
      return;
    }
  }
}

/**
 * Validates the answers to one page against the study version, given the answers of the pages before.
 * Rejects unknown fields, unknown codes, numbers out of bounds, texts over their length, too many
 * selections and answers to questions that the display logic hides; returns the clean answers to store.
 */
export function validatePageAnswers(study: Study, pageIndex: number, pageAnswers: Answers, previous: Answers): PageValidation {
  const page = study.pages[pageIndex];
  if (!page) throw new RangeError(`validatePageAnswers: no page ${pageIndex}`);
  const errors: AnswerError[] = [];
  const out: Answers = {};
  const allowed = new Set(page.questions.flatMap(answerKeys));
  for (const key of Object.keys(pageAnswers)) {
    if (!allowed.has(key)) errors.push({ field: key, question: key, code: 'unknown_field', params: {} });
  }
  const context: Answers = { ...previous, ...pageAnswers };
  const pageShown = isPageShown(page, previous);
  for (const q of page.questions) {
    // a hidden page hides its questions; a carry forward narrows the options or items to check against
    const shown = pageShown && evaluateCondition(q.condition, context) ? shownQuestion(study, q, context) : undefined;
    const shownKeys = new Set(shown ? answerKeys(shown) : []);
    for (const key of answerKeys(q)) {
      if (!shownKeys.has(key) && !isEmpty(pageAnswers[key])) errors.push({ field: key, question: q.name, code: 'hidden', params: {} });
    }
    if (shown) checkQuestion(shown, pageAnswers, errors, out);
  }
  return { answers: out, errors };
}

/**
 * Validates a whole response page by page. `complete` requires every visible required question of every
 * page; a partial response is checked up to its last answered page.
 */
export function validateResponse(study: Study, answers: Answers, options: { complete: boolean }): PageValidation {
  const errors: AnswerError[] = [];
  const out: Answers = {};
  const keysByPage = study.pages.map((page) => new Set(page.questions.flatMap(answerKeys)));
  const known = new Set(keysByPage.flatMap((keys) => [...keys]));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) errors.push({ field: key, question: key, code: 'unknown_field', params: {} });
  }
  let lastPage = study.pages.length - 1;
  if (!options.complete) {
    lastPage = -1;
    keysByPage.forEach((keys, p) => {
      if ([...keys].some((k) => answers[k] !== undefined)) lastPage = p;
    });
  }
  for (let p = 0; p <= lastPage; p++) {
    const pageAnswers: Answers = {};
    for (const key of keysByPage[p]) if (answers[key] !== undefined) pageAnswers[key] = answers[key];
    const result = validatePageAnswers(study, p, pageAnswers, out);
    errors.push(...result.errors);
    Object.assign(out, result.answers);
  }
  return { answers: out, errors };
}
