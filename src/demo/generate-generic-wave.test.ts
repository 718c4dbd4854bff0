import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES, QUESTION_KINDS, allQuestions, answerKeys, isVisible, validateResponse, validateStudy, type Answers, type Study } from '../study/index.js';
import { generateGenericWave, type GenericWaveOptions } from './generate-generic-wave.js';
import { DEMO_SEEDS } from './demo-seeds.js';
import { withNewKinds } from '../../test/fixtures/new-kinds-study.js';

const result = validateStudy(BUILT_IN_STUDIES.find((s) => s.id === 'energy-mobility-barometer')!);
assert.ok(result.ok);
const study: Study = result.study;
const seed = DEMO_SEEDS[study.id];

const options = (over: Partial<GenericWaveOptions> = {}): GenericWaveOptions => ({
  study,
  waveId: 1,
  code: 'T4-2025',
  n: 400,
  seed: 7,
  secretKey: 'a-test-secret-of-at-least-32-bytes-0123456789',
  opensAt: new Date(Date.UTC(2025, 9, 6)),
  fieldworkDays: 21,
  targets: seed.populationTargets,
  demoSeed: seed,
  ...over,
});

describe('generateGenericWave', () => {
  it('gives the same rows for the same seed, and other rows for another seed', () => {
    const a = [...generateGenericWave(options()).rows];
    const b = [...generateGenericWave(options()).rows];
    const c = [...generateGenericWave(options({ seed: 8 })).rows];
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      a.map((r) => r.answers),
      c.map((r) => r.answers),
    );
    assert.equal(new Set(a.map((r) => r.publicId)).size, a.length);
  });

  it('answers every question kind, never a hidden question, and only valid answers', () => {
    const rows = [...generateGenericWave(options()).rows];
    const answered = new Set<string>();
    for (const r of rows) {
      const answers = r.answers as Answers;
      assert.deepEqual(validateResponse(study, answers, { complete: r.status === 'complete' }).errors, []);
      for (const { question } of allQuestions(study)) {
        const keys = answerKeys(question);
        if (!isVisible(question, answers)) for (const k of keys) assert.equal(answers[k], undefined, `${question.name} is hidden`);
        if (keys.some((k) => answers[k] !== undefined)) answered.add(question.kind);
      }
    }
    // every kind that records an answer (an information text has none)
    assert.deepEqual([...answered].sort(), QUESTION_KINDS.filter((k) => k !== 'info').sort());
  });

  it('answers the kinds date, multiple numeric (adding up to its total) and grid of texts of any study', () => {
    const extended = validateStudy(withNewKinds(study));
    assert.ok(extended.ok, JSON.stringify(extended.errors));
    const rows = [...generateGenericWave(options({ study: extended.study })).rows];
    const answered = new Set<string>();
    for (const r of rows) {
      const answers = r.answers as Answers;
      assert.deepEqual(validateResponse(extended.study, answers, { complete: r.status === 'complete' }).errors, []);
      if (typeof answers.founded_on === 'string') answered.add('date');
      if (typeof answers.budget_ads === 'number') {
        answered.add('numbers');
        assert.equal((answers.budget_ads as number) + (answers.budget_content as number) + (answers.budget_tools as number), 100);
      }
      if (Object.keys(answers).some((k) => k.startsWith('brands_'))) answered.add('textgrid');
    }
    assert.deepEqual([...answered].sort(), ['date', 'numbers', 'textgrid']);
  });

  it('dates responses inside the fieldwork, with durations for complete ones and partial ones stopped on a page', () => {
    const rows = [...generateGenericWave(options()).rows];
    const first = options().opensAt.getTime();
    for (const r of rows) {
      const started = Date.parse(r.startedAt);
      assert.ok(started >= first && started < first + 22 * 86_400_000, r.startedAt);
      if (r.status === 'complete') assert.ok(r.durationMs! > 10_000 && r.completedAt);
      else assert.ok(r.durationMs === null && r.currentPage! < study.pages.length);
    }
    const partial = rows.filter((r) => r.status === 'partial').length;
    assert.ok(partial > 20 && partial < 90, `${partial} partial`);
  });

  it('works without targets, seed or quotas, from the study alone', () => {
    const { rows, summary } = generateGenericWave(options({ targets: undefined, demoSeed: undefined }));
    const list = [...rows];
    assert.equal(summary.validated, 400);
    // languages spread over the study's, the default language first
    const fr = list.filter((r) => r.language === 'fr').length;
    assert.ok(fr > 250 && list.some((r) => r.language === 'de') && list.some((r) => r.language === 'en'));
  });
});
