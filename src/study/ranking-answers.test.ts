import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RANKING_STUDY, rankingStudy } from '../../test/fixtures/ranking-study.js';
import { answersFromForm } from './answers-from-form.js';
import { diffStudies, formatStudyChange } from './diff-study.js';
import { columnLayout } from './column-layout.js';
import { packAnswers, unpackInto } from './pack-answers.js';
import type { RankingQuestion } from './question.js';
import { drawOrder, shownOrder } from './shown-order.js';
import { answerKeys, validatePageAnswers, validateResponse } from './validate-answers.js';
import { validateStudy } from './validate-study.js';

const study = rankingStudy();
const ranking = study.pages[0]!.questions.find((q) => q.name === 'priorities') as RankingQuestion;
const codes = (errors: readonly { field: string; code: string }[]) => errors.map((e) => `${e.field}:${e.code}`).sort();
/** The fixture with its ranking question changed. */
const withRanking = (change: object) => {
  const first = RANKING_STUDY.pages[0]!;
  return validateStudy({
    ...RANKING_STUDY,
    pages: [{ ...first, questions: first.questions.map((q) => (q.name === 'priorities' ? { ...q, ...change } : q)) }, RANKING_STUDY.pages[1]!],
  });
};
const page0 = (answers: Record<string, number | string>) => validatePageAnswers(study, 0, { area: 1, ...answers }, {});

describe('ranking answers', () => {
  it('accepts ranks 1..k within the bounds and keeps them as one variable per option', () => {
    const result = page0({ priorities_3: 1, priorities_1: 2 });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.answers, { area: 1, priorities_3: 1, priorities_1: 2 });
  });

  it('refuses a rank given twice, on each option holding it', () => {
    assert.deepEqual(codes(page0({ priorities_1: 1, priorities_2: 1 }).errors), ['priorities_1:rank_duplicate', 'priorities_2:rank_duplicate']);
    assert.deepEqual(page0({ priorities_1: 1, priorities_2: 1 }).errors[0]!.params, { rank: 1 });
  });

  it('refuses a gap in the ranks, naming the missing rank', () => {
    const result = page0({ priorities_1: 1, priorities_2: 3 });
    assert.deepEqual(codes(result.errors), ['priorities:rank_gap']);
    assert.deepEqual(result.errors[0]!.params, { rank: 2 });
    assert.deepEqual(codes(page0({ priorities_4: 2 }).errors), ['priorities:rank_gap']);
  });

  it('refuses more ranked options than maxRanked, and fewer than minRanked', () => {
    const tooMany = page0({ priorities_1: 1, priorities_2: 2, priorities_3: 3, priorities_4: 4 });
    assert.deepEqual(codes(tooMany.errors), ['priorities:too_many_ranked']);
    assert.deepEqual(tooMany.errors[0]!.params, { max: 3 });
    const strict = withRanking({ minRanked: 2 });
    assert.ok(strict.ok);
    const tooFew = validatePageAnswers(strict.study, 0, { area: 1, priorities_2: 1 }, {});
    assert.deepEqual(codes(tooFew.errors), ['priorities:too_few_ranked']);
  });

  it('requires a ranking unless optional, and refuses ranks that are not whole numbers from 1', () => {
    assert.deepEqual(codes(page0({}).errors), ['priorities:required']);
    assert.deepEqual(codes(page0({ priorities_1: 0 }).errors), ['priorities_1:wrong_type']);
    assert.deepEqual(codes(page0({ priorities_1: 1.5 }).errors), ['priorities_1:wrong_type']);
  });

  it('reads one rank field per option from the form, an empty field being an unranked option', () => {
    const parsed = answersFromForm(study, 0, { area: '2', priorities_1: '2', priorities_2: '', priorities_3: '1', priorities_4: 'x' });
    assert.deepEqual(parsed.answers, { area: 2, priorities_1: 2, priorities_3: 1 });
    assert.deepEqual(codes(parsed.errors), ['priorities_4:wrong_type']);
  });

  it('packs a rank per option: the rank, 0 when another option is ranked, -1 when the ranking is unanswered', () => {
    const layout = columnLayout(study);
    const names = layout.categories.map((c) => c.name);
    const rankColumns = ['priorities_1', 'priorities_2', 'priorities_3', 'priorities_4'].map((n) => names.indexOf(n));
    assert.ok(rankColumns.every((k) => k >= 0));
    const column = layout.byName.get('priorities_1');
    assert.ok(column?.kind === 'category');
    assert.deepEqual(
      column.levels.map((l) => l.code),
      [0, 1, 2, 3],
    );
    const categories = layout.categories.map(() => new Int16Array(2));
    const numbers = layout.numbers.map(() => new Float64Array(2));
    unpackInto(layout, packAnswers(layout, { area: 1, priorities_4: 1, priorities_2: 2 }), 0, numbers, categories);
    unpackInto(layout, packAnswers(layout, { area: 1 }), 1, numbers, categories);
    assert.deepEqual(
      rankColumns.map((k) => categories[k]![0]),
      [0, 2, 0, 1],
    );
    assert.deepEqual(
      rankColumns.map((k) => categories[k]![1]),
      [-1, -1, -1, -1],
    );
  });
});

describe('information texts', () => {
  it('have no answer, no variable and no column', () => {
    const info = study.pages[0]!.questions[0]!;
    assert.equal(info.kind, 'info');
    assert.deepEqual(answerKeys(info), []);
    assert.equal(columnLayout(study).byName.has('intro_info'), false);
    assert.deepEqual(codes(validatePageAnswers(study, 0, { area: 1, priorities_1: 1, intro_info: 'x' }, {}).errors), ['intro_info:unknown_field']);
  });

  it('refuse required, and a condition on an information text', () => {
    const withRequired = validateStudy({ ...RANKING_STUDY, pages: [{ ...RANKING_STUDY.pages[0]!, questions: [{ ...RANKING_STUDY.pages[0]!.questions[0]!, required: true }] }] });
    assert.equal(withRequired.ok, false);
    const onInfo = validateStudy({
      ...RANKING_STUDY,
      pages: [
        RANKING_STUDY.pages[0]!,
        { ...RANKING_STUDY.pages[1]!, questions: [{ ...RANKING_STUDY.pages[1]!.questions[0]!, condition: { op: 'answered', question: 'intro_info' } }] },
      ],
    });
    assert.equal(onInfo.ok, false);
    assert.match(JSON.stringify(onInfo.errors), /not an earlier question/);
  });

  it('report ranking bounds that cannot be met', () => {
    const bad = withRanking({ minRanked: 3, maxRanked: 2 });
    assert.equal(bad.ok, false);
    assert.deepEqual(
      bad.errors.map((e) => e.path),
      ['pages[0].questions[2].minRanked'],
    );
    assert.deepEqual(
      withRanking({ maxRanked: 5 }).errors.map((e) => e.message),
      ['5 is more than the 4 options'],
    );
  });
});

describe('randomised order', () => {
  const services = study.pages[1]!.questions.find((q) => q.name === 'services')!;
  const quality = study.pages[1]!.questions.find((q) => q.name === 'quality')!;
  assert.ok(services.kind === 'multiple' && quality.kind === 'matrix');

  it('is a permutation drawn per respondent, the same for the same seed', () => {
    const orders = new Set<string>();
    for (let k = 0; k < 40; k++) {
      const order = drawOrder(ranking, `respondent-${k}`);
      assert.deepEqual([...order].sort(), ['1', '2', '3', '4']);
      assert.deepEqual(drawOrder(ranking, `respondent-${k}`), order);
      orders.add(order.join(','));
    }
    assert.ok(orders.size > 10, `only ${orders.size} distinct orders`);
  });

  it('keeps exclusive options at the end, and orders matrix items', () => {
    for (let k = 0; k < 20; k++) assert.equal(drawOrder(services, `r${k}`).at(-1), '5');
    assert.deepEqual([...drawOrder(quality, 'r1')].sort(), ['quality_clean', 'quality_light', 'quality_roads']);
  });

  it('shows the recorded order again, and checks a recorded order on validation', () => {
    assert.deepEqual(shownOrder(ranking, 'any', { priorities_order: '4,3,2,1' }), ['4', '3', '2', '1']);
    const ok = page0({ priorities_1: 1, priorities_order: '2,1,4,3' });
    assert.equal(ok.answers.priorities_order, '2,1,4,3');
    assert.deepEqual(codes(page0({ priorities_1: 1, priorities_order: '2,1,1,3' }).errors), ['priorities_order:wrong_type']);
    const whole = validateResponse(study, { area: 1, priorities_1: 1, priorities_order: '1,2,3,4', area_order: '3,1,2' }, { complete: false });
    assert.deepEqual(whole.errors, []);
  });
});

describe('study versions', () => {
  it('name a change of ranking bounds, of randomisation and of a ranking option in the diff', () => {
    const after = withRanking({ maxRanked: 4, randomize: false, options: [...ranking.options.slice(0, 3), { code: 5, label: { fr: 'Culture', en: 'Culture' } }] });
    assert.ok(after.ok);
    const changes = diffStudies(study, after.study).changes.map((c) => formatStudyChange(c));
    assert.ok(
      changes.some((c) => /maxRanked/.test(c)),
      changes.join('; '),
    );
    assert.ok(
      changes.some((c) => /randomize/.test(c)),
      changes.join('; '),
    );
    assert.ok(
      changes.some((c) => /5/.test(c) && /added/.test(c)),
      changes.join('; '),
    );
    assert.ok(
      changes.some((c) => /4/.test(c) && /removed/.test(c)),
      changes.join('; '),
    );
  });
});
