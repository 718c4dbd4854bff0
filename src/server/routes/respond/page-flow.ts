import { answerKeys, conditionVariables, isVisible, type Answers, type Page, type Study } from '../../../study/index.js';

/** Whether a page shows at least one question given the answers (pages with none are skipped). */
export function isPageVisible(page: Page, answers: Answers): boolean {
  return page.questions.some((q) => isVisible(q, answers));
}

/** Indexes of the pages shown given the answers, in order. */
export function visiblePages(study: Study, answers: Answers): number[] {
  const out: number[] = [];
  study.pages.forEach((page, index) => {
    if (isPageVisible(page, answers)) out.push(index);
  });
  return out;
}

/** The next shown page after `from`, or the review (study.pages.length). */
export function nextPage(study: Study, from: number, answers: Answers): number {
  for (let p = from + 1; p < study.pages.length; p++) if (isPageVisible(study.pages[p]!, answers)) return p;
  return study.pages.length;
}

/** The shown page before `from` (the review's is the last shown page), or 0. */
export function previousPage(study: Study, from: number, answers: Answers): number {
  for (let p = Math.min(from, study.pages.length) - 1; p >= 0; p--) if (isPageVisible(study.pages[p]!, answers)) return p;
  return 0;
}

/** "Page k of n" over the shown pages; the review counts as the last one. */
export function progress(study: Study, page: number, answers: Answers): { current: number; total: number } {
  const shown = visiblePages(study, answers);
  const total = shown.length + 1;
  const index = page >= study.pages.length ? shown.length : shown.indexOf(page);
  return { current: (index < 0 ? shown.filter((p) => p < page).length : index) + 1, total };
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
