import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES, columnLayout, packAnswers, validateStudy, type Answers, type Study } from '../study/index.js';
import { createAnswerPacker } from './answer-packer.js';
import { demoWavePlan } from './demo-waves.js';
import { generateWave } from './generate-wave.js';

function barometer(): Study {
  const result = validateStudy(BUILT_IN_STUDIES.find((s) => s.id === 'social-media-barometer')!);
  assert.ok(result.ok);
  return result.study;
}

describe('createAnswerPacker', () => {
  const study = barometer();
  const layout = columnLayout(study);

  it('packs like packAnswers: empty answers, lists empty or not, matrix items, booleans, numbers, wrong types', () => {
    const pack = createAnswerPacker(layout);
    const cases: Answers[] = [
      {},
      { consent: true, company_size: 3, networks: [], relation_sales: 4, team_size: 2.5 },
      { consent: false, networks: [1, 97], networks_other: 'Viadeo', challenges: [98], budget_share: 12 },
      { networks: [2, 5], networks_1: 1, relation_service: 9, team_size: 'two' as never, company_size: '3' as never },
      // a dichotomy's own variable counts only when its question holds no list
      { networks_3: 1, kpis: [1, 7], unknown_key: 5, internal_training: 2 },
    ];
    for (const answers of cases) {
      assert.deepEqual(Buffer.from(pack(answers)), Buffer.from(packAnswers(layout, answers)), JSON.stringify(answers));
    }
  });

  it('packs 3,000 generated responses of each year like packAnswers, each into its own bytes', () => {
    const pack = createAnswerPacker(layout);
    for (const year of [2015, 2017]) {
      const plan = demoWavePlan(year);
      const { rows } = generateWave({
        study,
        waveId: 1,
        year,
        n: 3000,
        seed: 11,
        secretKey: 'a-test-secret-of-at-least-32-bytes',
        opensAt: plan.opensAt,
        fieldworkDays: plan.fieldworkDays,
        validateAll: 0,
        validateEvery: 1e9,
      });
      const packed: Uint8Array[] = [];
      const expected: Uint8Array[] = [];
      for (const row of rows) {
        packed.push(pack(row.answers as Answers));
        expected.push(packAnswers(layout, row.answers as Answers));
      }
      // compared after all are packed: a later response never overwrites an earlier one's slab bytes
      packed.forEach((bytes, i) => assert.deepEqual(Buffer.from(bytes), Buffer.from(expected[i]), `${year} response ${i}`));
    }
  });
});
