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
        ['uses:single', 'networks:multiple', 'agree:matrix', 'satisf:scale', 'startdate:date'],
        ['thanks:info', 'comments:text', 'job:text'],
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
    assert.deepEqual(findQuestion(study, 'comments')!.condition, {
      op: 'and',
      conditions: [
        { op: 'equals', question: 'networks', value: 1 },
        { op: 'equals', question: 'networks', value: 2 },
      ],
    });
    // the conditions work: "no" to uses hides the networks question
    assert.deepEqual(
      validateResponse(study, { size: 1, sector: 2, uses: 2, networks: [1] }, { complete: false }).errors.map((e) => e.code),
      ['hidden'],
    );
  });

  it('keeps the source codes as export codes, the storage codes mapped to them', () => {
    const size = findQuestion(result.study!, 'size')!;
    assert.ok(size.kind === 'single');
    assert.deepEqual(
      size.options.map((o) => [o.code, o.exportCode]),
      [
        [1, 'A1'],
        [2, 'A2'],
        [3, 'A3'],
      ],
    );
    const agree = findQuestion(result.study!, 'agree')!;
    assert.ok(agree.kind === 'matrix');
    assert.deepEqual(
      agree.items.map((i) => i.exportCode),
      ['SQ001', 'SQ002'],
    );
  });

  it('lists every construct left out once, as a loss, and nothing else', () => {
    assert.deepEqual(
      result.losses.map((l) => [l.construct, l.where, l.changesWhoSees]),
      [
        ['quota', 'survey', false],
        ['empty question', 'RANKING', false],
        ['soft mandatory', 'JOB', false],
      ],
    );
    assert.deepEqual(result.warnings, ['privacy notice: LimeSurvey has none in the survey structure; a placeholder is set']);
  });

  it('fills a language left empty with the base language, without a warning', () => {
    const broken = importLss(fixture('digital-uses.lss').replace(/<group_l10ns>[\s\S]*<\/group_l10ns>/, ''));
    assert.ok(broken.ok);
    assert.deepEqual(
      broken.study!.pages.map((p) => p.title),
      [
        { fr: 'Page 1', en: 'Page 1' },
        { fr: 'Page 2', en: 'Page 2' },
        { fr: 'Page 3', en: 'Page 3' },
      ],
    );
    assert.equal(broken.warnings.length, 1);
    assert.throws(() => importLss('<survey/>'), /not a LimeSurvey document/);
    assert.throws(() => importLss('<document><a></document>'), /parseXml: .*close tag/);
  });
});
