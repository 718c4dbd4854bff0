import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importLss } from '../../src/exchange/import-lss.js';
import { writeLss } from '../../src/exchange/write-lss.js';
import { findQuestion, shownQuestion, validateResponse, type Answers } from '../../src/study/index.js';
import { runCli } from '../helpers/run-cli.js';
import { conditionsOf, lossLines, questionsByPage } from './corpus-outline.js';
import { CORPUS } from './fixtures/lss/corpus.js';

// The LimeSurvey corpus (fixtures/lss/, written for these tests): for each file, which questions, codes,
// conditions and languages arrive, and the exact list of what is lost, nothing else.

const file = (name: string) => new URL(`./fixtures/lss/${name}.lss`, import.meta.url);
const read = (name: string) => readFileSync(file(name), 'utf8');

interface Expected {
  languages: string[];
  /** name:kind by page */
  pages: string[][];
  /** export codes: `storage=source` of options and points (`key=source` of items, rows and columns), source codes of matrix items */
  codes: Record<string, string[]>;
  /** conditions by question name, and `page <id>` for a page's */
  conditions: Record<string, unknown>;
  /** `construct | where` (and `| changes who sees`) in report order */
  losses: string[];
}

// The conditions the importer writes, one line each.
const eq = (question: string, value: number) => ({ op: 'equals', question, value });
const oneOf = (question: string, values: number[]) => ({ op: 'in', question, values });
const cmp = (question: string, comparator: string, value: number | string) => ({ op: 'compare', question, comparator, value });
const answered = (question: string) => ({ op: 'answered', question });
const empty = (question: string) => ({ op: 'empty', question });
const and = (...conditions: unknown[]) => ({ op: 'and', conditions });
const or = (...conditions: unknown[]) => ({ op: 'or', conditions });
const not = (condition: unknown) => ({ op: 'not', condition });

const EXPECTED: Record<string, Expected> = {
  'mobilite-urbaine': {
    languages: ['fr', 'en'],
    pages: [['mode:single', 'km:number', 'freins:multiple', 'abonne:single'], ['idees:text']],
    codes: {
      mode: ['1=A1', '2=A2', '3=A3', '4=A4'],
      freins: ['1=SQ001', '2=SQ002', '3=SQ003', '4=SQ004', '5=SQ005'],
      abonne: ['1=Y', '2=N'],
    },
    conditions: {
      km: eq('mode', 1),
      freins: and(answered('mode'), cmp('mode', '!=', 3)),
      abonne: or(eq('freins', 2), eq('mode', 2)),
      idees: or(eq('abonne', 2), cmp('km', '>=', 20)),
    },
    losses: [],
  },
  werkbeleving: {
    languages: ['nl', 'en'],
    pages: [['werk:single'], ['tevr:matrix', 'waarom:text', 'functie:text']],
    codes: {
      werk: ['1=Y', '2=N'],
      tevr: ['SQ001', 'SQ002', 'SQ003'],
    },
    conditions: {
      'page p_werkbeleving': eq('werk', 1),
      waarom: or(eq('tevr_sq001', 1), eq('tevr_sq001', 2)),
    },
    losses: ['hidden question | REF'],
  },
  gesundheit: {
    languages: ['de', 'en', 'fr'],
    pages: [
      ['sport:multiple', 'oft:matrix', 'wunsch:multiple'],
      ['fit:scale', 'warum:text', 'stunden:number', 'wieder:multiple'],
    ],
    codes: {
      sport: ['1=LAUF', '2=RAD', '3=SCHW'],
      oft: ['LAUF', 'RAD', 'SCHW'],
      wunsch: ['1=LAUF', '2=RAD', '3=SCHW'],
      fit: ['1=1', '2=2', '3=3', '4=4', '5=5'],
      wieder: ['1=LAUF', '2=RAD', '3=SCHW'],
    },
    conditions: {
      oft: or(eq('sport', 1), eq('sport', 2), eq('sport', 3)),
      warum: and(oneOf('fit', [1, 2]), cmp('oft_lauf', '!=', 3)),
      stunden: oneOf('fit', [4, 5]),
    },
    losses: ['array filter | OFT | changes who sees', 'array filter (exclude) | WUNSCH | changes who sees'],
  },
  'budget-menages': {
    languages: ['fr'],
    pages: [['naiss:date', 'revenu:number', 'postes:numbers', 'cp:text', 'epargne:single', 'projet:text']],
    codes: {
      postes: ['log=LOG', 'ali=ALI'],
      epargne: ['1=1', '2=2', '3=3'],
    },
    conditions: {
      postes: cmp('naiss', '<', '2008-01-01'),
      epargne: and(cmp('revenu', '>', 1000), cmp('revenu', '<=', 5000)),
      projet: oneOf('epargne', [1, 2]),
    },
    losses: ['maximum date | NAISS', 'validation equation | REVENU', 'answer pattern | CP'],
  },
  'conditions-designer': {
    languages: ['en', 'de'],
    pages: [['visit:single', 'uses:multiple', 'eventideas:text', 'whynot:text']],
    codes: {
      visit: ['1=W', '2=M', '3=N'],
      uses: ['1=BOOKS', '2=STUDY', '3=EVENTS'],
    },
    conditions: {
      uses: or(eq('visit', 1), eq('visit', 2)),
      eventideas: or(eq('uses', 3), cmp('visit', '!=', 3)),
    },
    losses: ['condition designer | WHYNOT | changes who sees'],
  },
  evenements: {
    languages: ['fr', 'en', 'nl'],
    pages: [
      ['intro:info', 'genre:single', 'ville:single', 'venu:single'],
      ['classement:ranking', 'remarques:textgrid', 'revenir:single'],
    ],
    codes: {
      genre: ['1=F', '2=M'],
      ville: ['1=BXL', '2=ANT', '3=LGE'],
      venu: ['1=T', '2=V'],
      classement: ['1=S1', '2=S2', '3=S3'],
      remarques: ['sq001=SQ001', 'sq002=SQ002', 'c1=C1'],
      revenir: ['1=Y', '2=N'],
    },
    conditions: {
      revenir: or(eq('genre', 1), eq('ville', 1)),
    },
    losses: ['comment box | VENU', 'question type | CONTACT'],
  },
  'satisfaction-clients': {
    languages: ['en', 'fr'],
    pages: [['sat:single', 'channel:multiple', 'complaint:text', 'multi:text']],
    codes: {
      sat: ['1=1', '2=2', '3=3', '4=4'],
      channel: ['1=SQ001', '2=SQ002', '3=SQ003'],
    },
    conditions: {
      complaint: and(or(eq('sat', 1), eq('sat', 2)), not(eq('channel', 2))),
    },
    losses: ['quota | survey', 'assessment | survey', 'soft mandatory | CHANNEL', 'relevance equation | MULTI | changes who sees'],
  },
  schoolonderzoek: {
    languages: ['nl', 'fr', 'en'],
    pages: [['voorz:matrix', 'evol:matrix'], ['tevreden:single']],
    codes: {
      voorz: ['SQ001', 'SQ002'],
      evol: ['SQ001', 'SQ002'],
      tevreden: ['1=J', '2=N'],
    },
    conditions: {
      evol: eq('voorz_sq001', 1),
    },
    losses: ['question never shown | OUD', 'group never shown | group Archief', 'group relevance | group Vervolg | changes who sees'],
  },
  energie: {
    languages: ['de'],
    pages: [['heiz:single', 'wichtig:matrix', 'zufr:matrix', 'spar:multiple', 'dual:matrix', 'spalte:matrix']],
    codes: {
      heiz: ['10=10', '20=20', '30=30'],
      wichtig: ['PREIS', 'KLIMA'],
      zufr: ['SQ001', 'SQ002'],
      spar: ['1=SQ001', '2=SQ002', '3=SQ003'],
      dual: ['SQ001', 'SQ002'],
      spalte: ['SQ001', 'SQ002'],
    },
    conditions: {
      zufr: or(eq('heiz', 30), oneOf('wichtig_klima', [8, 9, 10])),
    },
    losses: ['minimum answers | SPAR', 'comment box | SPAR', 'second scale | DUAL'],
  },
  'intentions-vote': {
    languages: ['fr', 'nl', 'de', 'en'],
    pages: [['intent:single', 'age:number', 'certain:single', 'autre:text', 'pourquoi:text']],
    codes: {
      intent: ['1=A1', '2=A2', '3=A3', '4=A99'],
      certain: ['1=Y', '2=N'],
    },
    conditions: {
      certain: and(or(eq('intent', 1), eq('intent', 2), eq('intent', 3)), cmp('age', '>=', 18)),
      autre: and(eq('intent', 4), not(cmp('age', '<', 18))),
      pourquoi: or(answered('autre'), empty('certain')),
    },
    losses: [],
  },
};

describe('LimeSurvey corpus', () => {
  it('has ten files or more, current with corpus.ts, in fr, en, de and nl, in both layouts', () => {
    const names = Object.keys(CORPUS);
    assert.ok(names.length >= 10);
    assert.deepEqual(Object.keys(EXPECTED).sort(), [...names].sort());
    for (const name of names) assert.equal(read(name), writeLss(CORPUS[name]), `${name}.lss is not current: run test/exchange/fixtures/lss/write-corpus.ts`);
    const languages = new Set(names.flatMap((n) => CORPUS[n].languages));
    for (const l of ['fr', 'en', 'de', 'nl']) assert.ok(languages.has(l), l);
    assert.ok(names.some((n) => CORPUS[n].layout === 'legacy') && names.some((n) => CORPUS[n].layout !== 'legacy'));
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}.lss: its questions, codes, conditions and languages arrive, and only the listed constructs are lost`, () => {
      const result = importLss(read(name), { acceptLosses: true });
      assert.deepEqual(result.errors, []);
      assert.ok(result.ok && result.study);
      const study = result.study;
      assert.deepEqual(study.languages, expected.languages);
      assert.deepEqual(questionsByPage(study), expected.pages);
      const codes: Record<string, string[]> = {};
      for (const q of study.pages.flatMap((p) => p.questions)) {
        if (q.kind === 'matrix') codes[q.name] = q.items.map((i) => i.exportCode ?? '');
        else if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking') codes[q.name] = q.options.map((o) => `${o.code}=${o.exportCode}`);
        else if (q.kind === 'numbers') codes[q.name] = q.items.map((i) => `${i.name}=${i.exportCode}`);
        else if (q.kind === 'textgrid') codes[q.name] = [...q.rows, ...q.columns].map((i) => `${i.name}=${i.exportCode}`);
        else if (q.kind === 'scale') codes[q.name] = q.points.map((o) => `${o.code}=${o.exportCode}`);
      }
      assert.deepEqual(codes, expected.codes);
      assert.deepEqual(conditionsOf(study), expected.conditions);
      assert.deepEqual(lossLines(result.losses), expected.losses);
      // every label in every language of the file, and no warning for a text copied from the base language
      for (const q of study.pages.flatMap((p) => p.questions)) assert.deepEqual(Object.keys(q.text), expected.languages, q.name);
      assert.ok(
        result.warnings.every((w) => /^privacy notice|array by column/.test(w)),
        result.warnings.join('\n'),
      );
      // a loss that changes who sees what fails the import unless accepted
      const strict = importLss(read(name));
      const blocking = expected.losses.filter((l) => l.endsWith('changes who sees'));
      assert.equal(strict.ok, blocking.length === 0);
      assert.equal(strict.errors.length, blocking.length);
    });
  }

  it('keeps the texts of each language, and copies the base text where a language is empty', () => {
    const vote = importLss(read('intentions-vote')).study!;
    assert.deepEqual(findQuestion(vote, 'intent')!.text, {
      fr: 'Pour quel parti voteriez-vous ?',
      nl: 'Op welke partij zou u stemmen?',
      de: 'Welche Partei würden Sie wählen?',
      en: 'Which party would you vote for?',
    });
    assert.deepEqual(vote.description, {
      fr: 'Sondage « Baromètre politique »',
      nl: 'Sondage « Baromètre politique »',
      de: 'Sondage « Baromètre politique »',
      en: 'Sondage « Baromètre politique »',
    });
    const work = importLss(read('werkbeleving'), { acceptLosses: true }).study!;
    assert.deepEqual(findQuestion(work, 'functie')!.text, { nl: 'Wat is uw functie?', en: 'Wat is uw functie?' });
    const mobility = importLss(read('mobilite-urbaine')).study!;
    assert.deepEqual(findQuestion(mobility, 'mode')!.text, { fr: 'Quel est votre principal mode de transport ?', en: 'What is your main means of transport?' });
    const events = importLss(read('evenements'), { acceptLosses: true }).study!;
    const town = findQuestion(events, 'ville')!;
    assert.ok(town.kind === 'single' && town.display === 'dropdown');
    assert.deepEqual(town.other?.label, { fr: 'Une autre ville', en: 'Another town', nl: 'Een andere stad' });
    const gender = findQuestion(events, 'genre')!;
    assert.ok(gender.kind === 'single');
    assert.deepEqual(
      gender.options.map((o) => o.label.nl),
      ['Vrouw', 'Man'],
    );
  });

  it('maps exclusive options and min/max answers of a multiple choice', () => {
    const brakes = findQuestion(importLss(read('mobilite-urbaine')).study!, 'freins')!;
    assert.ok(brakes.kind === 'multiple');
    assert.deepEqual([brakes.exclusive, brakes.maxSelections, brakes.required], [[5], 3, true]);
  });

  it('maps ranking, text display, date, multiple numerical and array (texts) with their attributes', () => {
    const events = importLss(read('evenements'), { acceptLosses: true }).study!;
    const ranking = findQuestion(events, 'classement')!;
    assert.ok(ranking.kind === 'ranking');
    assert.deepEqual([ranking.maxRanked, ranking.minRanked, ranking.randomize], [2, undefined, true]);
    assert.deepEqual(findQuestion(events, 'intro'), {
      name: 'intro',
      kind: 'info',
      text: { fr: 'Merci de votre venue.', en: 'Thank you for coming.', nl: 'Bedankt voor uw komst.' },
    });
    const grid = findQuestion(events, 'remarques')!;
    assert.ok(grid.kind === 'textgrid');
    assert.deepEqual([grid.rows.map((r) => r.label.en), grid.columns.map((c) => c.label.nl), grid.maxLength], [['Opening', 'Workshops'], ['Opmerking'], 100]);
    const budget = importLss(read('budget-menages'), { acceptLosses: true }).study!;
    const birth = findQuestion(budget, 'naiss')!;
    assert.ok(birth.kind === 'date');
    assert.deepEqual([birth.min, birth.max], ['1900-01-01', undefined]);
    const items = findQuestion(budget, 'postes')!;
    assert.ok(items.kind === 'numbers');
    assert.deepEqual([items.total, items.min, items.integer], [100, 0, true]);
    const itemErrors = (answers: Answers) => validateResponse(budget, answers, { complete: false }).errors.filter((e) => e.question.startsWith('postes')).length;
    assert.ok(itemErrors({ naiss: '1980-05-01', postes_log: 60, postes_ali: 30 }) > 0, 'the items must add up to 100');
    assert.equal(itemErrors({ naiss: '1980-05-01', postes_log: 60, postes_ali: 40 }), 0);
    // the relevance NAISS < "2008-01-01" compares days: a respondent born in 2010 does not see the items
    const hiddenAt = (answers: Answers) => [
      ...new Set(
        validateResponse(budget, answers, { complete: false })
          .errors.filter((e) => e.code === 'hidden')
          .map((e) => e.question),
      ),
    ];
    assert.deepEqual(hiddenAt({ naiss: '2010-03-01', postes_log: 60, postes_ali: 40 }), ['postes']);
    assert.deepEqual(hiddenAt({ naiss: '2007-12-31', postes_log: 60, postes_ali: 40 }), []);
    const channel = findQuestion(importLss(read('satisfaction-clients'), { acceptLosses: true }).study!, 'channel')!;
    assert.ok(channel.kind === 'multiple' && channel.randomize === true);
  });

  it('maps an array filter whose source is a multiple choice on an earlier page to carry forward, and keeps the loss on the same page', () => {
    const study = importLss(read('gesundheit'), { acceptLosses: true }).study!;
    const again = findQuestion(study, 'wieder')!;
    assert.ok(again.kind === 'multiple');
    assert.deepEqual(again.filter, { question: 'sport', keep: 'chosen' });
    const shown = shownQuestion(study, again, { sport: [1, 3] });
    assert.ok(shown?.kind === 'multiple');
    assert.deepEqual(
      shown.options.map((o) => o.exportCode),
      ['LAUF', 'SCHW'],
    );
    assert.equal(shownQuestion(study, again, {}), undefined);
    const often = findQuestion(study, 'oft')!;
    assert.ok(often.kind === 'matrix' && often.filter === undefined);
  });

  it('gives conditions that hide and show as LimeSurvey would', () => {
    const study = importLss(read('mobilite-urbaine')).study!;
    const hidden = (answers: Answers) =>
      validateResponse(study, answers, { complete: false })
        .errors.filter((e) => e.code === 'hidden')
        .map((e) => e.question);
    assert.deepEqual(hidden({ mode: 2, km: 10 }), ['km']);
    assert.deepEqual(hidden({ mode: 1, km: 10, freins: [1] }), []);
    assert.deepEqual(hidden({ mode: 3, freins: [1] }), ['freins']);
    const work = importLss(read('werkbeleving'), { acceptLosses: true }).study!;
    assert.deepEqual(work.pages[1].condition, eq('werk', 1));
  });

  describe('barometre import limesurvey', () => {
    const dir = mkdtempSync(join(tmpdir(), 'barometre-lss-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses losses that change who sees what unless --accept-losses, printing them grouped by construct', async () => {
      const refused = await runCli(['import', 'limesurvey', file('gesundheit').pathname, '--out', join(dir, 'a.json')], { DATA_DIR: dir });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /^lost: array filter \(1\), changes who sees what\n {2}OFT: every item is shown, not only those selected at SPORT$/m);
      assert.match(refused.stderr, /^error: \(import\): OFT: array filter left out/m);
      const accepted = await runCli(['import', 'limesurvey', file('gesundheit').pathname, '--out', join(dir, 'b.json'), '--accept-losses'], { DATA_DIR: dir });
      assert.equal(accepted.code, 0, accepted.stderr);
      assert.match(accepted.stderr, /^lost: array filter \(exclude\) \(1\), changes who sees what$/m);
      assert.equal(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')).languages.join(), 'de,en,fr');
    });
  });
});
