import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importLss } from '../../src/exchange/import-lss.js';
import { findQuestion, validateResponse, type Question } from '../../src/study/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/exchange/${name}`, import.meta.url), 'utf8');
const kinds = (questions: Question[]) => questions.map((q) => `${q.name}:${q.kind}`);

describe('LimeSurvey .lss import', () => {
  const result = importLss(fixture('digital-uses.lss'));

  it('gives a study that validateStudy accepts, in fr and en', () => {
    assert.deepEqual(result.errors, []);
    assert.ok(result.ok && result.study);
    assert.deepEqual(result.study.title, { fr: 'Baromètre des usages numériques', en: 'Digital uses barometer' });
    assert.equal(result.study.id, 'digital-uses-barometer');
  });

  it('turns groups into pages and maps each supported question kind', () => {
    const study = result.study!;
    assert.deepEqual(
      study.pages.map((p) => p.title.en),
      ['Your company', 'Social media', 'To finish'],
    );
    assert.deepEqual(
      study.pages.map((p) => kinds(p.questions)),
      [
        ['size:single', 'sector:single', 'founded:number'],
        ['uses:single', 'networks:multiple', 'agree:matrix', 'satisf:scale'],
        ['comments:text', 'job:text'],
      ],
    );
    const size = findQuestion(study, 'size')!;
    assert.equal(size.text.fr, 'Combien de salariés compte votre entreprise ?');
    assert.ok(size.kind === 'single' && size.required);
    assert.deepEqual(size.kind === 'single' && size.options.map((o) => [o.code, o.label.en]), [
      [1, 'Fewer than 10 employees'],
      [2, '10 to 249 employees'],
      [3, '250 employees or more'],
    ]);
    const sector = findQuestion(study, 'sector')!;
    assert.ok(sector.kind === 'single' && sector.display === 'dropdown' && sector.options.map((o) => o.code).join() === '1,2,3');
    const founded = findQuestion(study, 'founded')!;
    assert.ok(founded.kind === 'number' && founded.min === 1800 && founded.max === 2025 && founded.integer && !founded.required);
    const networks = findQuestion(study, 'networks')!;
    assert.ok(networks.kind === 'multiple');
    assert.deepEqual(
      networks.options.map((o) => o.label.fr),
      ['LinkedIn', 'Facebook', 'Instagram'],
    );
    assert.equal(networks.other?.code, 4);
    assert.equal(networks.maxSelections, 2);
    const agree = findQuestion(study, 'agree')!;
    assert.ok(agree.kind === 'matrix');
    assert.deepEqual(
      agree.items.map((i) => [i.name, i.label.en]),
      [
        ['agree_sq001', 'Social media bring us customers.'],
        ['agree_sq002', 'We lack time to run them.'],
      ],
    );
    assert.deepEqual(
      agree.points.map((p) => p.label.fr),
      ['Pas d’accord', 'Plutôt pas d’accord', 'Plutôt d’accord', 'D’accord'],
    );
    const comments = findQuestion(study, 'comments')!;
    assert.ok(comments.kind === 'text' && comments.multiline && comments.maxLength === 1000);
  });

  it('maps relevance equations of the common subset to display conditions', () => {
    const study = result.study!;
    assert.deepEqual(findQuestion(study, 'networks')!.condition, { op: 'equals', question: 'uses', value: 1 });
    assert.deepEqual(findQuestion(study, 'agree')!.condition, { op: 'equals', question: 'uses', value: 1 });
    assert.deepEqual(findQuestion(study, 'satisf')!.condition, {
      op: 'or',
      conditions: [
        { op: 'equals', question: 'networks', value: 1 },
        { op: 'equals', question: 'networks', value: 2 },
      ],
    });
    assert.equal(findQuestion(study, 'comments')!.condition, undefined);
    // the conditions work: "no" to uses hides the networks question
    assert.deepEqual(
      validateResponse(study, { size: 1, sector: 2, uses: 2, networks: [1] }, { complete: false }).errors.map((e) => e.code),
      ['hidden'],
    );
  });

  it('lists every construct left out as a warning', () => {
    const text = result.warnings.join('\n');
    for (const expected of [
      /STARTDATE \(date\): this question type is left out/,
      /THANKS \(text display\): this question type is left out/,
      /RANKING \(ranking\): this question type is left out/,
      /COMMENTS .*relevance equation "count\(NETWORKS_SQ001, NETWORKS_SQ002\) > 1" is left out/,
      /JOB .*soft mandatory/,
      /quota: 1 row left out/,
      /SIZE .*A1, A2, A3 are renumbered 1, 2, 3/,
      /privacy notice/,
    ])
      assert.match(text, expected);
    assert.equal(result.warnings.length, 10);
  });

  it('reports a broken document through validateStudy, with the document kept', () => {
    const broken = importLss(
      fixture('digital-uses.lss')
        .replace(/<group_l10ns>[\s\S]*<\/group_l10ns>/, '')
        .replace(/Combien de salariés compte votre entreprise&nbsp;\?/, ''),
    );
    assert.ok(broken.ok, 'missing texts fall back with warnings');
    assert.ok(broken.warnings.some((w) => /group 10: no French nor English text/.test(w)));
    assert.throws(() => importLss('<survey/>'), /not a LimeSurvey document/);
  });
});
