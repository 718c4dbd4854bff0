import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES } from './built-in-studies.js';
import { columnLayout } from './column-layout.js';
import { validateStudy } from './validate-study.js';

const seed = readFileSync(new URL('../../test/fixtures/seed-figures.md', import.meta.url), 'utf8');
const seedIds = [...seed.matchAll(/^\| [a-z ]+ \| `([a-z_]+)` \|/gm)].map((m) => m[1]);

describe('the built-in social-media barometer', () => {
  const result = validateStudy(BUILT_IN_STUDIES[0]);
  assert.ok(result.ok);
  const study = result.study;
  const layout = columnLayout(study);

  it('defines every indicator of the published 2015 figures on existing questions and codes', () => {
    assert.equal(seedIds.length, 14);
    for (const id of seedIds) {
      const indicator = study.indicators.find((i) => i.id === id);
      assert.ok(indicator, `indicator ${id} is defined`);
      const column = layout.byName.get(indicator.variable);
      assert.ok(column && column.kind === 'category', `${id} reads a categorical variable`);
      for (const code of indicator.yes)
        assert.ok(
          column.levels.some((l) => l.code === code),
          `${id}: code ${code} exists`,
        );
    }
  });

  it('has 25 to 45 questions, profile variables for weighting and cuts, and every network', () => {
    const questions = study.pages.flatMap((p) => p.questions);
    assert.ok(questions.length >= 25 && questions.length <= 45, `${questions.length} questions`);
    assert.deepEqual(
      study.cuts.map((c) => c.variable),
      ['company_size', 'sector', 'region', 'respondent_function'],
    );
    assert.deepEqual([...study.margins].sort(), ['company_size', 'region', 'respondent_function', 'sector']);
    assert.deepEqual(
      study.benchmark?.peerGroups.map((g) => g.variable),
      ['company_size'],
    );
    assert.deepEqual(
      questions.filter((q) => q.kind !== 'info' && q.identifying).map((q) => q.name),
      ['company_name'],
    );
    const networks = questions.find((q) => q.name === 'networks');
    assert.ok(networks && networks.kind === 'multiple');
    const labels = networks.options.map((o) => o.label.en).join(' ');
    for (const n of ['LinkedIn', 'Facebook', 'X', 'Instagram', 'YouTube', 'TikTok']) assert.match(labels, new RegExp(n));
  });

  it('writes French with its typography', () => {
    const texts = study.pages.flatMap((p) => p.questions.map((q) => q.text.fr));
    const questionMarks = texts.filter((t) => t.endsWith('?'));
    assert.ok(questionMarks.length > 10);
    for (const t of questionMarks) assert.ok(t.endsWith('\u202f?'), t);
  });
});
