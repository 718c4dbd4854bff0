import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportLss } from '../../src/exchange/export-lss.js';
import { importLss } from '../../src/exchange/import-lss.js';
import { validateStudy, type Study } from '../../src/study/index.js';

// A study exported as .lss by exportLss and imported back by importLss gives the same questions, codes
// (storage and export codes), languages and logic, with nothing lost.

const L = (fr: string, en: string, de: string) => ({ fr, en, de });
const opts = (list: [number, string, string, string, string][]) => list.map(([code, exportCode, fr, en, de]) => ({ code, exportCode, label: L(fr, en, de) }));

const DOCUMENT = {
  id: 'round-trip',
  version: 1,
  title: L('Aller-retour', 'Round trip', 'Hin und zurück'),
  description: L('Une étude exportée puis réimportée.', 'A study exported and imported back.', 'Eine exportierte und wieder importierte Studie.'),
  languages: ['fr', 'en', 'de'],
  estimatedMinutes: 5,
  privacyNotice: L('Notice.', 'Notice.', 'Hinweis.'),
  pages: [
    {
      id: 'p_profil',
      title: L('Profil', 'Profile', 'Profil'),
      questions: [
        {
          name: 'taille',
          kind: 'single',
          text: L('Taille ?', 'Size?', 'Größe?'),
          help: L('Une seule réponse.', 'One answer.', 'Eine Antwort.'),
          options: opts([
            [1, 'A1', 'Petite', 'Small', 'Klein'],
            [2, 'A2', 'Moyenne', 'Medium', 'Mittel'],
            [3, 'A3', 'Grande', 'Large', 'Groß'],
          ]),
          other: { code: 4, label: L('Autre taille', 'Other size', 'Andere Größe') },
        },
        {
          name: 'secteur',
          kind: 'single',
          display: 'dropdown',
          required: false,
          text: L('Secteur ?', 'Sector?', 'Branche?'),
          options: opts([
            [10, '10', 'Industrie', 'Industry', 'Industrie'],
            [20, '20', 'Services', 'Services', 'Dienstleistungen'],
          ]),
        },
        { name: 'age', kind: 'number', text: L('Âge ?', 'Age?', 'Alter?'), min: 16, max: 99, integer: true },
        {
          name: 'budget',
          kind: 'number',
          required: false,
          text: L('Budget ?', 'Budget?', 'Budget?'),
          integer: false,
          condition: { op: 'compare', question: 'age', comparator: '>=', value: 18 },
        },
      ],
    },
    {
      id: 'p_usages',
      title: L('Usages', 'Uses', 'Nutzung'),
      condition: {
        op: 'or',
        conditions: [
          { op: 'equals', question: 'taille', value: 1 },
          { op: 'compare', question: 'secteur', comparator: '!=', value: 20 },
        ],
      },
      questions: [
        {
          name: 'reseaux',
          kind: 'multiple',
          text: L('Réseaux ?', 'Networks?', 'Netzwerke?'),
          options: opts([
            [1, 'SQ001', 'LinkedIn', 'LinkedIn', 'LinkedIn'],
            [2, 'SQ002', 'Mastodon', 'Mastodon', 'Mastodon'],
            [3, 'SQ003', 'Aucun', 'None', 'Keines'],
          ]),
          exclusive: [3],
          maxSelections: 2,
          other: { code: 4, label: L('Un autre', 'Another', 'Ein anderes') },
        },
        {
          name: 'accord',
          kind: 'matrix',
          text: L('Êtes-vous d’accord ?', 'Do you agree?', 'Stimmen Sie zu?'),
          condition: {
            op: 'and',
            conditions: [
              { op: 'equals', question: 'reseaux', value: 1 },
              { op: 'not', condition: { op: 'equals', question: 'reseaux', value: 2 } },
            ],
          },
          items: [
            { name: 'accord_sq001', exportCode: 'SQ001', label: L('Utile', 'Useful', 'Nützlich') },
            { name: 'accord_sq002', exportCode: 'SQ002', label: L('Chronophage', 'Time-consuming', 'Zeitraubend') },
          ],
          points: opts([
            [1, 'A1', 'Non', 'No', 'Nein'],
            [2, 'A2', 'Plutôt non', 'Rather not', 'Eher nicht'],
            [3, 'A3', 'Plutôt oui', 'Rather yes', 'Eher ja'],
            [4, 'A4', 'Oui', 'Yes', 'Ja'],
          ]),
        },
        {
          name: 'note',
          kind: 'scale',
          text: L('Note ?', 'Score?', 'Note?'),
          points: [1, 2, 3, 4, 5].map((k) => ({ code: k, exportCode: String(k), label: L(String(k), String(k), String(k)) })),
          condition: { op: 'equals', question: 'accord_sq002', value: 4 },
        },
        {
          name: 'pourquoi',
          kind: 'text',
          required: false,
          multiline: true,
          maxLength: 1500,
          text: L('Pourquoi ?', 'Why?', 'Warum?'),
          condition: {
            op: 'or',
            conditions: [
              { op: 'answered', question: 'budget' },
              { op: 'empty', question: 'note' },
              { op: 'compare', question: 'age', comparator: '<', value: 30 },
            ],
          },
        },
        { name: 'poste', kind: 'text', required: false, maxLength: 120, text: L('Poste ?', 'Job?', 'Stelle?') },
      ],
    },
    {
      id: 'p_suite',
      title: L('Suite', 'More', 'Weiter'),
      questions: [
        { name: 'intro', kind: 'info', text: L('Encore un peu.', 'A little more.', 'Noch etwas.'), help: L('Merci.', 'Thanks.', 'Danke.') },
        {
          name: 'garder',
          kind: 'multiple',
          text: L('Lesquels garder ?', 'Which to keep?', 'Welche behalten?'),
          options: opts([
            [1, 'SQ001', 'LinkedIn', 'LinkedIn', 'LinkedIn'],
            [2, 'SQ002', 'Mastodon', 'Mastodon', 'Mastodon'],
          ]),
          filter: { question: 'reseaux', keep: 'chosen' },
          randomize: true,
        },
        {
          name: 'manque',
          kind: 'matrix',
          text: L('Et les autres ?', 'And the others?', 'Und die anderen?'),
          items: [
            { name: 'manque_sq001', exportCode: 'SQ001', label: L('LinkedIn', 'LinkedIn', 'LinkedIn') },
            { name: 'manque_sq002', exportCode: 'SQ002', label: L('Mastodon', 'Mastodon', 'Mastodon') },
          ],
          points: opts([
            [1, 'A1', 'Non', 'No', 'Nein'],
            [2, 'A2', 'Oui', 'Yes', 'Ja'],
          ]),
          filter: { question: 'reseaux', keep: 'notChosen' },
        },
        {
          name: 'ordre',
          kind: 'ranking',
          text: L('Classez', 'Rank', 'Ordnen Sie'),
          options: opts([
            [1, 'A1', 'Prix', 'Price', 'Preis'],
            [2, 'A2', 'Qualité', 'Quality', 'Qualität'],
            [3, 'A3', 'Délai', 'Delay', 'Frist'],
          ]),
          minRanked: 1,
          maxRanked: 2,
          randomize: true,
        },
        { name: 'debut', kind: 'date', required: false, text: L('Depuis quand ?', 'Since when?', 'Seit wann?'), min: '2000-01-01', max: '2030-12-31' },
        {
          name: 'parts',
          kind: 'numbers',
          text: L('Parts ?', 'Shares?', 'Anteile?'),
          items: [
            { name: 'web', exportCode: 'WEB', label: L('Web', 'Web', 'Web') },
            { name: 'shop', exportCode: 'SHOP', label: L('Magasin', 'Shop', 'Laden') },
          ],
          min: 0,
          max: 100,
          total: 100,
        },
        {
          name: 'avis',
          kind: 'textgrid',
          required: false,
          condition: { op: 'compare', question: 'debut', comparator: '>=', value: '2020-01-01' },
          text: L('Vos avis', 'Your views', 'Ihre Meinungen'),
          rows: [
            { name: 'prix', exportCode: 'PRIX', label: L('Prix', 'Price', 'Preis') },
            { name: 'delai', exportCode: 'DELAI', label: L('Délai', 'Delay', 'Frist') },
          ],
          columns: [{ name: 'c1', exportCode: 'C1', label: L('Avis', 'View', 'Meinung') }],
          maxLength: 80,
        },
      ],
    },
  ],
};

describe('LimeSurvey round trip', () => {
  it('exports a study as .lss and imports it back with the same questions, codes, languages and logic', () => {
    const validated = validateStudy(DOCUMENT);
    assert.ok(validated.ok, JSON.stringify(!validated.ok && validated.errors));
    const study: Study = validated.study;
    const lss = exportLss(study);
    assert.match(lss, /<language>de<\/language>/);
    const back = importLss(lss, { studyId: 'round-trip' });
    assert.deepEqual(back.errors, []);
    assert.deepEqual(back.losses, []);
    assert.ok(back.ok && back.study);
    assert.deepEqual(back.study.languages, study.languages);
    assert.deepEqual(back.study.title, study.title);
    assert.deepEqual(back.study.pages, study.pages);
  });

  it('writes `in` as or-ed equalities, which come back as an or', () => {
    const document = structuredClone(DOCUMENT) as typeof DOCUMENT;
    (document.pages[0].questions[3] as Record<string, unknown>).condition = { op: 'in', question: 'taille', values: [1, 3] };
    const validated = validateStudy(document);
    assert.ok(validated.ok);
    const back = importLss(exportLss(validated.study));
    assert.deepEqual(back.study!.pages[0].questions[3].condition, {
      op: 'or',
      conditions: [
        { op: 'equals', question: 'taille', value: 1 },
        { op: 'equals', question: 'taille', value: 3 },
      ],
    });
  });
});
