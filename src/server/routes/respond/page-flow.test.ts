import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES, validateStudy, type Study } from '../../../study/index.js';
import { logicStudy } from '../../../study/logic-study.test-helper.js';
import { answersBefore, conditionContext, nextPage, previousPage, progress, visiblePages } from './page-flow.js';

const study = (() => {
  const r = validateStudy(BUILT_IN_STUDIES[0]);
  if (!r.ok) throw new Error('invalid study');
  return r.study as Study;
})();
const NETWORKS = study.pages.findIndex((p) => p.id === 'networks');

describe('page flow', () => {
  it('skips a page whose questions are all hidden, and shows it on the branch that asks it', () => {
    assert.equal(nextPage(study, NETWORKS - 1, {}), NETWORKS + 1, 'every question of the page is conditional');
    assert.equal(previousPage(study, NETWORKS + 1, {}), NETWORKS - 1);
    assert.equal(nextPage(study, NETWORKS - 1, { uses_social: 1 }), NETWORKS);
    assert.equal(nextPage(study, NETWORKS - 1, { uses_social: 2 }), NETWORKS, 'the other branch asks why not');
  });

  it('goes from the last page to the review and back', () => {
    const last = study.pages.length - 1;
    assert.equal(nextPage(study, last, {}), study.pages.length);
    assert.equal(previousPage(study, study.pages.length, {}), last);
  });

  it('counts every page still possible, so the total never grows when an answer opens a branch', () => {
    // the networks page asked only of those who use social media (without its other branch's question)
    const branchy = {
      ...study,
      pages: study.pages.map((p) => (p.id === 'networks' ? { ...p, questions: p.questions.filter((q) => q.name !== 'no_use_reasons') } : p)),
    } as Study;
    const presence = NETWORKS - 1;
    const before = progress(branchy, presence, { consent: true });
    assert.equal(before.total, branchy.pages.length + 1, 'before uses_social is answered, the networks page may come');
    const opened = progress(branchy, NETWORKS, { consent: true, uses_social: 1 });
    assert.deepEqual(opened, { current: before.current + 1, total: before.total }, 'the branch opened: the same total');
    const closed = progress(branchy, NETWORKS + 1, { consent: true, uses_social: 2 });
    assert.deepEqual(closed, { current: before.current + 1, total: before.total - 1 }, 'the branch closed: one page fewer, the next page counted next');
    // going back to the question shows the same count as going forward through it (its stored answer decides)
    assert.equal(progress(branchy, presence, { consent: true, uses_social: 1 }).total, before.total);
    assert.equal(progress(branchy, presence, { consent: true, uses_social: 2 }).total, before.total - 1);
  });

  it('counts the progress over shown pages, the review last', () => {
    const shown = visiblePages(study, { uses_social: 1 });
    assert.deepEqual(progress(study, 0, { uses_social: 1 }), { current: 1, total: shown.length + 1 });
    assert.deepEqual(progress(study, study.pages.length, { uses_social: 1 }), { current: shown.length + 1, total: shown.length + 1 });
  });

  it('gives a page the earlier answers its conditions read, and nothing else', () => {
    const answers = { uses_social: 1, company_size: 2, networks: [1] };
    assert.deepEqual(conditionContext(study.pages[NETWORKS]!, answers), { uses_social: 1 });
    assert.deepEqual(answersBefore(answers, study.pages[NETWORKS]!), { uses_social: 1, company_size: 2 });
  });

  it('skips a page whose condition fails, a comparison on an earlier number', () => {
    const logic = logicStudy();
    const [ABOUT, ADULTS, BRANDS] = ['about', 'adults', 'brands_page'].map((id) => logic.pages.findIndex((p) => p.id === id));
    assert.equal(nextPage(logic, ABOUT, { age: 12, brands: [1] }), BRANDS);
    assert.equal(nextPage(logic, ABOUT, { age: 18, brands: [1] }), ADULTS);
    assert.equal(previousPage(logic, BRANDS, { age: 12, brands: [1] }), ABOUT);
    assert.deepEqual(visiblePages(logic, { age: 12, brands: [1, 2, 3], member: 1 }), [ABOUT, BRANDS], 'the end page is hidden by member != 1');
  });

  it('counts a conditional page while its condition is open, and drops it once decided', () => {
    const logic = logicStudy();
    assert.equal(progress(logic, 0, {}).total, logic.pages.length + 1, 'age not given: the adult page may come');
    assert.equal(progress(logic, 0, { age: 12 }).total, logic.pages.length, 'going back: the stored age decides');
    assert.deepEqual(progress(logic, 2, { age: 12, brands: [1], member: 2 }), { current: 2, total: logic.pages.length });
  });

  it('skips a page whose questions a carry forward leaves empty', () => {
    const logic = logicStudy();
    const brandsPage = logic.pages.findIndex((p) => p.id === 'brands_page');
    const onlyCarried = { ...logic, pages: logic.pages.map((p) => (p.id === 'brands_page' ? { ...p, questions: p.questions.slice(0, 2) } : p)) } as Study;
    assert.equal(nextPage(onlyCarried, 0, { age: 12, brands: [] }), brandsPage + 1, 'no brand chosen: nothing to rate');
    assert.equal(nextPage(onlyCarried, 0, { age: 12, brands: [2] }), brandsPage);
    assert.equal(progress(onlyCarried, 0, {}).total, onlyCarried.pages.length + 1, 'brands not answered yet: the page may come');
    assert.equal(progress(onlyCarried, 0, { age: 12, brands: [] }).total, onlyCarried.pages.length - 1);
  });
});
