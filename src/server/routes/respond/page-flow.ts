import {
  answerKeys,
  conditionVariables,
  evaluateCondition,
  isPageShown,
  isVisible,
  shownQuestion,
  type Answers,
  type Condition,
  type Page,
  type Question,
  type Study,
} from '../../../study/index.js';

/**
 * Whether a page is shown given the answers: its condition holds and it shows at least one question (a page
 * whose questions are all hidden, by their conditions or by a carry forward that leaves them nothing, is skipped).
 */
export function isPageVisible(study: Study, page: Page, answers: Answers): boolean {
  return isPageShown(page, answers) && page.questions.some((q) => isVisible(q, answers, study));
}

/** Indexes of the pages shown given the answers, in order. */
export function visiblePages(study: Study, answers: Answers): number[] {
  const out: number[] = [];
  study.pages.forEach((page, index) => {
    if (isPageVisible(study, page, answers)) out.push(index);
  });
  return out;
}

/** The next shown page after `from`, or the review (study.pages.length). */
export function nextPage(study: Study, from: number, answers: Answers): number {
  for (let p = from + 1; p < study.pages.length; p++) if (isPageVisible(study, study.pages[p]!, answers)) return p;
  return study.pages.length;
}

/** The shown page before `from` (the review's is the last shown page), or 0. */
export function previousPage(study: Study, from: number, answers: Answers): number {
  for (let p = Math.min(from, study.pages.length) - 1; p >= 0; p--) if (isPageVisible(study, study.pages[p]!, answers)) return p;
  return 0;
}

/** The page index of every answer key of a study (its variables), once per study object. */
const VARIABLE_PAGES = new WeakMap<Study, ReadonlyMap<string, number>>();

function variablePages(study: Study): ReadonlyMap<string, number> {
  let map = VARIABLE_PAGES.get(study);
  if (map === undefined) {
    const m = new Map<string, number>();
    study.pages.forEach((page, index) => {
      for (const key of pageKeys(page)) m.set(key, index);
    });
    VARIABLE_PAGES.set(study, (map = m));
  }
  return map;
}

/**
 * A condition in three-valued logic: true or false when the answers decide it, undefined while it reads a
 * variable of this page or a later one that has no answer yet (it may still go either way).
 */
function mayHold(condition: Condition, answers: Answers, open: (variable: string) => boolean): boolean | undefined {
  switch (condition.op) {
    case 'not': {
      const inner = mayHold(condition.condition, answers, open);
      return inner === undefined ? undefined : !inner;
    }
    case 'and': {
      const values = condition.conditions.map((c) => mayHold(c, answers, open));
      return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
    }
    case 'or': {
      const values = condition.conditions.map((c) => mayHold(c, answers, open));
      return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
    }
    default:
      return open(condition.question) ? undefined : evaluateCondition(condition, answers);
  }
}

/**
 * "Page k of n", the review counting as the last page. n counts every page that may still be shown: the
 * pages shown given the answers, plus those whose conditions read questions not answered yet (on this page or
 * later). So n never grows when an answer opens a branch (the pages of every open branch are already in it); it
 * can only shrink when an answer closes one, and going Back shows the same n as going forward.
 */
export function progress(study: Study, page: number, answers: Answers): { current: number; total: number } {
  const pagesOf = variablePages(study);
  const open = (variable: string) => answers[variable] === undefined && (pagesOf.get(variable) ?? -1) >= page;
  const may = (condition: Condition | undefined) => !condition || mayHold(condition, answers, open) !== false;
  // a carry forward whose source is still open may leave something to show; a decided one is evaluated
  const carried = (q: Question) => {
    const filter = 'filter' in q ? q.filter : undefined;
    return (filter !== undefined && open(filter.question)) || shownQuestion(study, q, answers) !== undefined;
  };
  const possible = (p: Page) => may(p.condition) && p.questions.some((q) => may(q.condition) && carried(q));
  const counted: number[] = [];
  study.pages.forEach((p, index) => {
    if (possible(p)) counted.push(index);
  });
  const total = counted.length + 1;
  const current = page >= study.pages.length ? total : counted.filter((p) => p < page).length + 1;
  return { current, total };
}

/** A page's answer keys, as a list and a set; study versions are immutable, so once per page object. */
const PAGE_KEYS = new WeakMap<Page, { readonly list: readonly string[]; readonly set: ReadonlySet<string> }>();

function keysOf(page: Page) {
  let keys = PAGE_KEYS.get(page);
  if (keys === undefined) {
    const list = Object.freeze(page.questions.flatMap(answerKeys));
    PAGE_KEYS.set(page, (keys = { list, set: new Set(list) }));
  }
  return keys;
}

/** Every answer key of a page. */
export function pageKeys(page: Page): readonly string[] {
  return keysOf(page).list;
}

/** The stored answers without those of one page (the context its conditions read). */
export function answersBefore(stored: Answers, page: Page): Answers {
  const own = keysOf(page).set;
  const out: Answers = {};
  for (const [key, value] of Object.entries(stored)) if (!own.has(key)) out[key] = value;
  return out;
}

/** The answers earlier pages gave to the variables this page's conditions read (what the browser script needs). */
export function conditionContext(page: Page, answers: Answers): Answers {
  const own = keysOf(page).set;
  const out: Answers = {};
  for (const q of page.questions) {
    if (!q.condition) continue;
    for (const name of conditionVariables(q.condition)) if (!own.has(name) && answers[name] !== undefined) out[name] = answers[name]!;
  }
  return out;
}
