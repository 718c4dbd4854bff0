import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankingStudy } from '../../test/fixtures/ranking-study.js';
import { columnLayout, isOrderOf, packAnswers, validateResponse, type Answers, type RankingQuestion } from '../study/index.js';
import { generateGenericWave } from './generate-generic-wave.js';

const study = rankingStudy();
const ranking = study.pages[0]!.questions.find((q) => q.name === 'priorities') as RankingQuestion;

describe('generateGenericWave on a study with a ranking, information texts and randomised questions', () => {
  const rows = [
    ...generateGenericWave({
      study,
      waveId: 1,
      code: '2026',
      n: 300,
      seed: 16,
      secretKey: 'a-test-secret-of-at-least-32-bytes-0123456789',
      opensAt: new Date(Date.UTC(2026, 0, 5)),
      fieldworkDays: 14,
      targets: { margins: [] },
    }).rows,
  ];

  it('ranks between minRanked and maxRanked options, records the orders, and packs as packAnswers does', () => {
    const layout = columnLayout(study);
    const counts = new Set<number>();
    let firsts = 0;
    for (const r of rows) {
      const answers = r.answers as Answers;
      assert.deepEqual(validateResponse(study, answers, { complete: r.status === 'complete' }).errors, []);
      if (r.status !== 'complete') continue;
      assert.ok(Buffer.from(r.packed!).equals(packAnswers(layout, answers)));
      const ranked = ranking.options.filter((o) => answers[`priorities_${o.code}`] !== undefined).length;
      if (ranked > 0) counts.add(ranked);
      if (answers.priorities_1 === 1) firsts++;
      assert.ok(isOrderOf(ranking, String(answers.priorities_order)));
      assert.equal(String(answers.services_order).split(',').at(-1), '5');
      assert.equal(answers.intro_info, undefined);
    }
    assert.deepEqual([...counts].sort(), [1, 2, 3]);
    assert.ok(firsts > 0);
  });
});
