import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { importSurveyJs } from '../../src/exchange/import-surveyjs.js';
import { findQuestion, type Condition } from '../../src/study/index.js';
import { conditionsOf, lossLines, questionsByPage } from './corpus-outline.js';

const DIR = new URL('./fixtures/surveyjs/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, DIR), 'utf8');

interface Expected {
  /** the study's languages, the survey's default first */
  readonly languages: readonly string[];
  /** each page's questions, as name:kind */
  readonly pages: readonly (readonly string[])[];
  /** every display condition, by question name or `page <id>` */
  readonly conditions: Readonly<Record<string, Condition>>;
  /** every loss, as "construct | where" (then "| changes who sees" when it does) */
  readonly losses: readonly string[];
}

/**
 * The corpus: real-world-shaped SurveyJS files written for these tests (German, Dutch, French, English,
 * Spanish; root `elements`; panels and pages with visibleIf; `value|text` items; codes such as A1, Y, SQ001),
 * and for each what must arrive. Nothing else may be lost: the loss lists are exact.
 */
const CORPUS: Record<string, Expected> = {
  'course-evaluation.json': {
    languages: ['en'],
    pages: [['course:single', 'hours:number', 'difficulty:scale', 'workload:text', 'hard_parts:text', 'recommend:single', 'why_not:single']],
    conditions: {
      workload: {
        op: 'and',
        conditions: [
          {
            op: 'or',
            conditions: [
              { op: 'compare', question: 'hours', comparator: '>=', value: 20 },
              { op: 'compare', question: 'hours', comparator: '<', value: 2 },
            ],
          },
          { op: 'not', condition: { op: 'equals', question: 'course', value: 1 } },
        ],
      },
      hard_parts: {
        op: 'or',
        conditions: [
          { op: 'in', question: 'difficulty', values: [6, 7] },
          { op: 'empty', question: 'difficulty' },
        ],
      },
      why_not: {
        op: 'and',
        conditions: [
          { op: 'equals', question: 'recommend', value: 0 },
          { op: 'in', question: 'course', values: [2, 3] },
        ],
      },
    },
    losses: [],
  },
  'covid-screening.json': {
    languages: ['en', 'fr'],
    pages: [
      ['intro:info', 'consent:single', 'visitor_id:text'],
      ['symptoms:multiple', 'temperature:number'],
    ],
    conditions: { temperature: { op: 'equals', question: 'symptoms', value: 1 } },
    losses: [
      'complete trigger | survey ({consent} = false) | changes who sees',
      'closing text on condition | survey',
      'closing text | survey',
      'hidden question | visitor_id | changes who sees',
      'validators | temperature',
      'expression | risk',
    ],
  },
  'employee-engagement-de.json': {
    languages: ['de'],
    pages: [['abteilung:single', 'fuehrung:single', 'teamgroesse:number', 'zufriedenheit:scale', 'verbesserung:text', 'benefits:multiple', 'empfehlung:single']],
    conditions: {
      teamgroesse: { op: 'equals', question: 'fuehrung', value: 1 },
      verbesserung: {
        op: 'and',
        conditions: [
          { op: 'in', question: 'zufriedenheit', values: [1, 2] },
          { op: 'answered', question: 'abteilung' },
        ],
      },
      empfehlung: { op: 'not', condition: { op: 'equals', question: 'benefits', value: 5 } },
    },
    losses: [],
  },
  'event-registration.json': {
    languages: ['en'],
    pages: [
      ['contact:textgrid', 'arrival:date', 'ticket:single'],
      ['tracks:ranking', 'dinner:single', 'diet:single'],
    ],
    conditions: {
      dinner: { op: 'compare', question: 'arrival', comparator: '<', value: '2025-06-12' },
      diet: {
        op: 'and',
        conditions: [
          { op: 'equals', question: 'dinner', value: 1 },
          {
            op: 'or',
            conditions: [
              { op: 'answered', question: 'tracks_1' },
              { op: 'answered', question: 'tracks_2' },
              { op: 'answered', question: 'tracks_3' },
            ],
          },
        ],
      },
    },
    losses: ['file element | student_card', 'matrixdropdown question | workshops', 'paneldynamic element | guests'],
  },
  'housing-survey-fr-en.json': {
    languages: ['fr', 'en'],
    pages: [
      ['statut:single', 'type_logement:single', 'equipements:multiple'],
      ['charge:scale', 'montant:number'],
    ],
    conditions: { 'page loyer': { op: 'equals', question: 'statut', value: 2 }, montant: { op: 'in', question: 'charge', values: [3, 4] } },
    losses: [
      'choice visibleIf | type_logement (foyer) | changes who sees',
      'choicesVisibleIf | equipements | changes who sees',
      'choices from another question | problemes | changes who sees',
      'choice question without choices | problemes',
    ],
  },
  'library-users-nl.json': {
    languages: ['nl', 'en'],
    pages: [['lid:single', 'vestiging:single', 'tevreden:scale', 'activiteiten:multiple', 'opzeggen:text']],
    conditions: {
      activiteiten: {
        op: 'and',
        conditions: [
          { op: 'equals', question: 'lid', value: 1 },
          { op: 'in', question: 'tevreden', values: [6, 7, 8, 9, 10] },
        ],
      },
      opzeggen: {
        op: 'or',
        conditions: [
          { op: 'equals', question: 'lid', value: 2 },
          { op: 'equals', question: 'vestiging', value: 4 },
        ],
      },
    },
    losses: ['question order | survey', 'enableIf | vestiging', 'requiredIf | tevreden'],
  },
  'municipal-services-fr.json': {
    languages: ['fr'],
    pages: [
      ['services:multiple', 'piscine_note:scale', 'frequence:single', 'pourquoi_rien:text'],
      ['quartier:single', 'age:number'],
    ],
    conditions: {
      piscine_note: { op: 'equals', question: 'services', value: 2 },
      frequence: { op: 'equals', question: 'services', value: 1 },
      pourquoi_rien: {
        op: 'and',
        conditions: [
          { op: 'not', condition: { op: 'equals', question: 'services', value: 1 } },
          { op: 'not', condition: { op: 'equals', question: 'services', value: 2 } },
          { op: 'equals', question: 'services', value: 6 },
        ],
      },
    },
    losses: [
      'choice value | services (Bibliothèque)',
      'choice value | services (Déchetterie)',
      'choice value | services (Mairie annexe)',
      'choice value | frequence (Chaque semaine)',
      'choice value | frequence (Chaque mois)',
      'choice value | frequence (Plus rarement)',
    ],
  },
  'patient-satisfaction-nl.json': {
    languages: ['nl', 'en'],
    pages: [
      ['afdeling:single', 'wachttijd:single', 'ambulance:single', 'wachttijd_toelichting:text'],
      ['zorg:matrix', 'klacht:text'],
    ],
    conditions: {
      ambulance: { op: 'in', question: 'afdeling', values: [3] },
      wachttijd_toelichting: {
        op: 'and',
        conditions: [
          { op: 'in', question: 'afdeling', values: [3] },
          { op: 'compare', question: 'wachttijd', comparator: '!=', value: 1 },
        ],
      },
      klacht: {
        op: 'or',
        conditions: [
          { op: 'in', question: 'zorg_artsen', values: [1, 2] },
          { op: 'in', question: 'zorg_verpleging', values: [1, 2] },
        ],
      },
    },
    losses: ['panel title | panel spoed'],
  },
  'product-feedback-multilingual.json': {
    languages: ['en', 'fr', 'de', 'nl'],
    pages: [
      ['plan:single', 'features:matrix'],
      ['team_size:number', 'tools:multiple'],
    ],
    conditions: {
      'page team_page': {
        op: 'or',
        conditions: [
          { op: 'equals', question: 'plan', value: 3 },
          { op: 'equals', question: 'features_sharing', value: 3 },
        ],
      },
      tools: { op: 'compare', question: 'team_size', comparator: '>', value: 10 },
    },
    losses: [],
  },
  'research-questionnaire-de-en.json': {
    languages: ['de', 'en'],
    pages: [
      ['alter:number', 'bildung:single', 'stunden_tv:number', 'stunden_web:number'],
      ['plattformen:multiple', 'warum_tv:text', 'summe:text', 'spaeter:text', 'abschluss:single'],
    ],
    conditions: {
      'page medien': {
        op: 'or',
        conditions: [
          { op: 'compare', question: 'alter', comparator: '>=', value: 16 },
          { op: 'in', question: 'bildung', values: [3, 4] },
        ],
      },
      plattformen: {
        op: 'and',
        conditions: [
          { op: 'compare', question: 'stunden_tv', comparator: '>', value: 3 },
          { op: 'compare', question: 'alter', comparator: '<', value: 30 },
        ],
      },
      warum_tv: { op: 'compare', question: 'stunden_tv', comparator: '>', value: 3 },
    },
    losses: ['calculated values | survey', 'piped answer in a text | warum_tv', 'visibleIf | summe | changes who sees', 'visibleIf | spaeter | changes who sees'],
  },
  'retail-nps.json': {
    languages: ['en', 'fr', 'es'],
    pages: [['store_format:single', 'nps:scale', 'reasons:multiple', 'staff_detail:text', 'praise:text']],
    conditions: {
      staff_detail: {
        op: 'and',
        conditions: [
          { op: 'equals', question: 'reasons', value: 1 },
          { op: 'equals', question: 'reasons', value: 2 },
          { op: 'not', condition: { op: 'in', question: 'reasons', values: [3, 4, 5, 6] } },
        ],
      },
      praise: {
        op: 'and',
        conditions: [
          { op: 'in', question: 'nps', values: [9, 10] },
          { op: 'compare', question: 'store_format', comparator: '!=', value: 2 },
        ],
      },
    },
    losses: ['image choices | store_format', 'visibleIf | reasons | changes who sees'],
  },
};

describe('SurveyJS corpus', () => {
  it('holds at least 10 files, each with its expectations', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .sort();
    assert.ok(files.length >= 10);
    assert.deepEqual(files, Object.keys(CORPUS).sort());
  });

  for (const [file, expected] of Object.entries(CORPUS)) {
    it(`${file}: the questions, conditions and languages arrive, and only the listed constructs are lost`, () => {
      const result = importSurveyJs(read(file), { acceptLosses: true });
      assert.deepEqual(result.errors, []);
      assert.ok(result.ok && result.study);
      const study = result.study;
      assert.deepEqual(study.languages, expected.languages);
      assert.deepEqual(questionsByPage(study), expected.pages);
      assert.deepEqual(conditionsOf(study), expected.conditions);
      assert.deepEqual(lossLines(result.losses), expected.losses);
      assert.deepEqual(result.warnings, ['privacy notice: a SurveyJS survey has none; a placeholder is set'], 'label copies between languages are not warnings');
      // without --accept-losses, the import fails exactly when a loss changes who sees what
      const strict = importSurveyJs(read(file));
      assert.equal(strict.ok, !result.losses.some((l) => l.changesWhoSees));
      assert.equal(strict.errors.length, result.losses.filter((l) => l.changesWhoSees).length);
    });
  }

  it('maps ranking, html, date inputs, multiple texts and random orders to the kinds of the model', () => {
    const study = importSurveyJs(read('event-registration.json'), { acceptLosses: true }).study!;
    assert.deepEqual(findQuestion(study, 'tracks'), {
      name: 'tracks',
      text: { en: 'Rank the tracks by interest' },
      required: false,
      identifying: false,
      kind: 'ranking',
      options: [
        { code: 1, label: { en: 'Methods' }, exportCode: 'methods' },
        { code: 2, label: { en: 'Software' }, exportCode: 'software' },
        { code: 3, label: { en: 'Policy' }, exportCode: 'policy' },
      ],
    });
    assert.deepEqual(findQuestion(study, 'arrival'), { name: 'arrival', text: { en: 'Arrival date' }, required: true, identifying: false, kind: 'date' });
    const contact = findQuestion(study, 'contact')!;
    assert.ok(contact.kind === 'textgrid');
    assert.deepEqual(
      contact.rows.map((r) => [r.name, r.label.en]),
      [
        ['first_name', 'First name'],
        ['last_name', 'Last name'],
      ],
    );
    assert.deepEqual(contact.columns, [{ name: 'text', label: { en: 'Answer' } }]);
    const covid = importSurveyJs(read('covid-screening.json'), { acceptLosses: true }).study!;
    assert.deepEqual(findQuestion(covid, 'intro'), { name: 'intro', kind: 'info', text: { en: 'This takes one minute.', fr: 'Cela prend une minute.' } });
    const activiteiten = findQuestion(importSurveyJs(read('library-users-nl.json')).study!, 'activiteiten')!;
    assert.ok(activiteiten.kind === 'multiple');
    assert.equal(activiteiten.randomize, true);
  });

  it('splits "value|text" items into the export code and the label, in every language of the file', () => {
    const study = importSurveyJs(read('employee-engagement-de.json')).study!;
    const abteilung = findQuestion(study, 'abteilung')!;
    assert.ok(abteilung.kind === 'single');
    assert.deepEqual(abteilung.options[0], { code: 1, label: { de: 'Verwaltung' }, exportCode: 'verwaltung' });
    const charge = findQuestion(importSurveyJs(read('housing-survey-fr-en.json'), { acceptLosses: true }).study!, 'charge')!;
    assert.ok(charge.kind === 'scale');
    assert.deepEqual(charge.points[3], { code: 4, label: { fr: 'Très', en: 'Très' } });
  });

  it('keeps source codes as export codes (A1, Y, SQ001), numbers as the codes themselves', () => {
    const study = importSurveyJs(read('library-users-nl.json')).study!;
    const codes = (name: string) => {
      const q = findQuestion(study, name)!;
      assert.ok(q.kind === 'single' || q.kind === 'multiple');
      return q.options.map((o) => `${o.code}=${o.exportCode ?? ''}`);
    };
    assert.deepEqual(codes('lid'), ['1=Y', '2=N']);
    assert.deepEqual(codes('vestiging'), ['1=A1', '2=A2', '3=A3', '4=none']);
    assert.deepEqual(codes('activiteiten'), ['1=SQ001', '2=SQ002', '3=SQ003']);
    const bildung = findQuestion(importSurveyJs(read('research-questionnaire-de-en.json'), { acceptLosses: true }).study!, 'bildung')!;
    assert.ok(bildung.kind === 'single');
    assert.deepEqual(
      bildung.options.map((o) => [o.code, o.exportCode]),
      [
        [1, undefined],
        [2, undefined],
        [3, undefined],
        [4, undefined],
      ],
    );
  });

  it('makes none, refuse, don\'t know and isExclusive items exclusive, and other an "other" option', () => {
    const study = importSurveyJs(read('retail-nps.json'), { acceptLosses: true }).study!;
    const reasons = findQuestion(study, 'reasons')!;
    assert.ok(reasons.kind === 'multiple');
    assert.deepEqual(
      reasons.options.map((o) => `${o.code}=${o.exportCode}:${o.label.fr}`),
      ['1=price:Les prix', '2=staff:Le personnel', '3=stock:Les ruptures', '4=nothing:Rien de particulier', '5=refused:Refuser de répondre', '6=dontknow:Ne sait pas'],
    );
    assert.deepEqual(reasons.exclusive, [4, 5, 6]);
    const services = findQuestion(importSurveyJs(read('municipal-services-fr.json')).study!, 'services')!;
    assert.ok(services.kind === 'multiple');
    assert.deepEqual(services.other, { code: 5, label: { fr: 'Autre service' }, maxLength: 200 });
    assert.deepEqual(services.exclusive, [6]);
    assert.equal(services.maxSelections, 3);
  });

  it("fills every language of the file, SurveyJS's own words included", () => {
    const study = importSurveyJs(read('product-feedback-multilingual.json')).study!;
    assert.deepEqual(study.title, { en: 'Product feedback', fr: 'Avis sur le produit', de: 'Produktfeedback', nl: 'Productfeedback' });
    assert.deepEqual(findQuestion(study, 'team_size')!.text.nl, 'How many people are in your team?');
    const covid = importSurveyJs(read('covid-screening.json'), { acceptLosses: true }).study!;
    const symptoms = findQuestion(covid, 'symptoms')!;
    assert.ok(symptoms.kind === 'multiple');
    assert.deepEqual(symptoms.options.at(-1), { code: 4, label: { en: 'None', fr: 'Aucun' }, exportCode: 'none' });
    assert.deepEqual(Object.keys(covid.privacyNotice).sort(), ['en', 'fr']);
  });
});
