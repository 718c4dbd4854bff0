import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importSurveyJs } from '../../src/exchange/import-surveyjs.js';
import { validateStudy, type Condition, type Label, type Option, type Question, type Study } from '../../src/study/index.js';

// A study written for the round trip: every kind and every condition SurveyJS can carry, in three languages,
// with source codes (export codes) on options and matrix rows.
const STUDY = {
  id: 'round-trip',
  version: 1,
  title: { fr: 'Aller-retour', en: 'Round trip', de: 'Hin und zurück' },
  description: { fr: 'Un questionnaire de test.', en: 'A test questionnaire.', de: 'Ein Testfragebogen.' },
  languages: ['fr', 'en', 'de'],
  estimatedMinutes: 3,
  privacyNotice: { fr: 'Notice.', en: 'Notice.', de: 'Hinweis.' },
  pages: [
    {
      id: 'profile',
      title: { fr: 'Profil', en: 'Profile', de: 'Profil' },
      questions: [
        {
          name: 'gender',
          kind: 'single',
          text: { fr: 'Vous êtes…', en: 'You are…', de: 'Sie sind…' },
          options: [
            { code: 1, label: { fr: 'un homme', en: 'a man', de: 'ein Mann' }, exportCode: 'male' },
            { code: 2, label: { fr: 'une femme', en: 'a woman', de: 'eine Frau' }, exportCode: 'female' },
          ],
          other: { code: 3, label: { fr: 'Autre', en: 'Other', de: 'Andere' } },
        },
        {
          name: 'size',
          kind: 'single',
          display: 'dropdown',
          required: false,
          text: { fr: 'Taille', en: 'Size', de: 'Größe' },
          help: { fr: 'En salariés.', en: 'In employees.', de: 'In Beschäftigten.' },
          options: [
            { code: 1, label: { fr: 'Petite', en: 'Small', de: 'Klein' } },
            { code: 2, label: { fr: 'Moyenne', en: 'Medium', de: 'Mittel' } },
            { code: 3, label: { fr: 'Grande', en: 'Large', de: 'Groß' } },
          ],
        },
        {
          name: 'employees',
          kind: 'number',
          text: { fr: 'Effectif', en: 'Headcount', de: 'Beschäftigte' },
          min: 1,
          max: 100000,
          condition: { op: 'in', question: 'size', values: [2, 3] },
        },
        {
          name: 'revenue',
          kind: 'number',
          integer: false,
          required: false,
          text: { fr: 'Chiffre d’affaires', en: 'Revenue', de: 'Umsatz' },
          condition: {
            op: 'and',
            conditions: [
              { op: 'compare', question: 'employees', comparator: '>=', value: 50 },
              { op: 'answered', question: 'size' },
            ],
          },
        },
      ],
    },
    {
      id: 'uses',
      title: { fr: 'Usages', en: 'Uses', de: 'Nutzung' },
      condition: {
        op: 'or',
        conditions: [
          { op: 'equals', question: 'gender', value: 2 },
          { op: 'compare', question: 'gender', comparator: '!=', value: 1 },
        ],
      },
      questions: [
        {
          name: 'networks',
          kind: 'multiple',
          text: { fr: 'Réseaux', en: 'Networks', de: 'Netzwerke' },
          options: [
            { code: 1, label: { fr: 'LinkedIn', en: 'LinkedIn', de: 'LinkedIn' }, exportCode: 'A1' },
            { code: 2, label: { fr: 'Instagram', en: 'Instagram', de: 'Instagram' }, exportCode: 'A2' },
            { code: 3, label: { fr: 'Aucun', en: 'None', de: 'Keines' }, exportCode: 'A3' },
          ],
          exclusive: [3],
          maxSelections: 2,
          other: { code: 4, label: { fr: 'Autre réseau', en: 'Another network', de: 'Anderes Netzwerk' } },
        },
        {
          name: 'satisfaction',
          kind: 'scale',
          text: { fr: 'Satisfaction', en: 'Satisfaction', de: 'Zufriedenheit' },
          points: [0, 1, 2, 3, 4].map((code) => ({ code, label: { fr: String(code), en: String(code), de: String(code) } })),
          condition: { op: 'not', condition: { op: 'equals', question: 'networks', value: 3 } },
        },
        {
          name: 'quality',
          kind: 'matrix',
          text: { fr: 'Qualité', en: 'Quality', de: 'Qualität' },
          items: [
            { name: 'quality_speed', label: { fr: 'Rapidité', en: 'Speed', de: 'Tempo' } },
            { name: 'quality_sq002', label: { fr: 'Prix', en: 'Price', de: 'Preis' }, exportCode: 'SQ002' },
          ],
          points: [
            { code: 1, label: { fr: 'Mauvaise', en: 'Poor', de: 'Schlecht' }, exportCode: 'bad' },
            { code: 2, label: { fr: 'Bonne', en: 'Good', de: 'Gut' }, exportCode: 'good' },
          ],
        },
        {
          name: 'why',
          kind: 'text',
          multiline: true,
          maxLength: 1000,
          required: false,
          text: { fr: 'Pourquoi ?', en: 'Why?', de: 'Warum?' },
          condition: {
            op: 'or',
            conditions: [
              { op: 'equals', question: 'quality_sq002', value: 1 },
              { op: 'empty', question: 'satisfaction' },
            ],
          },
        },
        {
          name: 'city',
          kind: 'text',
          maxLength: 80,
          text: { fr: 'Ville', en: 'City', de: 'Stadt' },
          condition: { op: 'compare', question: 'revenue', comparator: '<', value: 2.5 },
        },
      ],
    },
    {
      id: 'more',
      title: { fr: 'Suite', en: 'More', de: 'Weiter' },
      questions: [
        { name: 'note', kind: 'info', text: { fr: 'Encore un peu.', en: 'A little more.', de: 'Noch ein wenig.' } },
        {
          name: 'favourite',
          kind: 'single',
          text: { fr: 'Préféré', en: 'Favourite', de: 'Liebling' },
          options: [
            { code: 1, label: { fr: 'LinkedIn', en: 'LinkedIn', de: 'LinkedIn' }, exportCode: 'A1' },
            { code: 2, label: { fr: 'Instagram', en: 'Instagram', de: 'Instagram' }, exportCode: 'A2' },
            { code: 3, label: { fr: 'Aucun', en: 'None', de: 'Keines' }, exportCode: 'A3' },
          ],
          other: { code: 4, label: { fr: 'Autre réseau', en: 'Another network', de: 'Anderes Netzwerk' } },
          filter: { question: 'networks', keep: 'chosen' },
          randomize: true,
        },
        { name: 'arrival', kind: 'date', text: { fr: 'Arrivée', en: 'Arrival', de: 'Ankunft' }, min: '2025-01-01', max: '2025-12-31' },
        {
          name: 'dinner',
          kind: 'single',
          text: { fr: 'Dîner', en: 'Dinner', de: 'Abendessen' },
          options: [
            { code: 1, label: { fr: 'Oui', en: 'Yes', de: 'Ja' } },
            { code: 2, label: { fr: 'Non', en: 'No', de: 'Nein' } },
          ],
          condition: { op: 'compare', question: 'arrival', comparator: '<', value: '2025-06-12' },
        },
        {
          name: 'tracks',
          kind: 'ranking',
          text: { fr: 'Classez', en: 'Rank', de: 'Ordnen' },
          options: [
            { code: 1, label: { fr: 'Méthodes', en: 'Methods', de: 'Methoden' }, exportCode: 'methods' },
            { code: 2, label: { fr: 'Logiciels', en: 'Software', de: 'Software' }, exportCode: 'software' },
            { code: 3, label: { fr: 'Politique', en: 'Policy', de: 'Politik' }, exportCode: 'policy' },
          ],
          minRanked: 1,
          maxRanked: 2,
          randomize: true,
        },
        {
          name: 'hours',
          kind: 'numbers',
          text: { fr: 'Heures', en: 'Hours', de: 'Stunden' },
          items: [
            { name: 'work', label: { fr: 'Travail', en: 'Work', de: 'Arbeit' } },
            { name: 'sleep', label: { fr: 'Sommeil', en: 'Sleep', de: 'Schlaf' } },
          ],
          min: 0,
          max: 24,
        },
        {
          name: 'contact',
          kind: 'textgrid',
          text: { fr: 'Contact', en: 'Contact', de: 'Kontakt' },
          rows: [
            { name: 'first_name', label: { fr: 'Prénom', en: 'First name', de: 'Vorname' } },
            { name: 'e_mail', label: { fr: 'Courriel', en: 'E-mail', de: 'E-Mail' }, exportCode: 'E-mail' },
          ],
          columns: [{ name: 'text', label: { fr: 'Réponse', en: 'Answer', de: 'Antwort' } }],
          maxLength: 60,
        },
      ],
    },
  ],
};

/** A study as a SurveyJS survey JSON: the script of the round trip (what a SurveyJS author would write). */
function exportSurveyJs(study: Study): Record<string, unknown> {
  const [first, ...others] = study.languages;
  const localized = (label: Label) => ({ default: label[first], ...Object.fromEntries(others.map((l) => [l, label[l]])) });
  const value = (o: Option) => o.exportCode ?? o.code;
  // variable -> its reference and its options, to write conditions
  const refs = new Map<string, { ref: string; options: readonly Option[]; multiple: boolean }>();
  const literal = (variable: string, code: number) => {
    const option = refs.get(variable)!.options.find((o) => o.code === code);
    const v = option ? value(option) : code;
    return typeof v === 'number' ? String(v) : `'${v}'`;
  };
  const expression = (c: Condition): string => {
    switch (c.op) {
      case 'equals':
        return `{${refs.get(c.question)!.ref}} ${refs.get(c.question)!.multiple ? 'contains' : '='} ${literal(c.question, c.value)}`;
      case 'in':
        return `{${refs.get(c.question)!.ref}} anyof [${c.values.map((v) => literal(c.question, v)).join(', ')}]`;
      case 'answered':
        return `{${refs.get(c.question)!.ref}} notempty`;
      case 'empty':
        return `{${refs.get(c.question)!.ref}} empty`;
      case 'compare':
        return `{${refs.get(c.question)!.ref}} ${c.comparator} ${refs.get(c.question)!.options.length ? literal(c.question, c.value as number) : typeof c.value === 'string' ? `'${c.value}'` : c.value}`;
      case 'not':
        return `!(${expression(c.condition)})`;
      default:
        return c.conditions.map((x) => `(${expression(x)})`).join(c.op === 'and' ? ' && ' : ' || ');
    }
  };
  const element = (q: Question): Record<string, unknown> => {
    const common: Record<string, unknown> = { name: q.name, title: localized(q.text), isRequired: q.kind !== 'info' && q.required };
    if (q.help) common.description = localized(q.help);
    if (q.condition) common.visibleIf = expression(q.condition);
    const choices = (options: readonly Option[], exclusive: readonly number[] = []) =>
      options.map((o) => ({ value: value(o), text: localized(o.label), ...(exclusive.includes(o.code) ? { isExclusive: true } : {}) }));
    switch (q.kind) {
      case 'single':
        refs.set(q.name, { ref: q.name, options: q.options, multiple: false });
        return {
          type: q.display === 'dropdown' ? 'dropdown' : 'radiogroup',
          ...common,
          choices: choices(q.options),
          ...(q.other ? { showOtherItem: true, otherText: localized(q.other.label) } : {}),
          ...(q.filter
            ? {
                choices: undefined,
                showOtherItem: undefined,
                otherText: undefined,
                choicesFromQuestion: q.filter.question,
                choicesFromQuestionMode: q.filter.keep === 'chosen' ? 'selected' : 'unselected',
              }
            : {}),
          ...(q.randomize ? { choicesOrder: 'random' } : {}),
        };
      case 'multiple':
        refs.set(q.name, { ref: q.name, options: q.options, multiple: true });
        return {
          type: 'checkbox',
          ...common,
          choices: choices(q.options, q.exclusive),
          ...(q.other ? { showOtherItem: true, otherText: localized(q.other.label) } : {}),
          ...(q.maxSelections ? { maxSelectedChoices: q.maxSelections } : {}),
        };
      case 'scale':
        refs.set(q.name, { ref: q.name, options: q.points, multiple: false });
        return { type: 'rating', ...common, rateValues: choices(q.points) };
      case 'matrix': {
        const rows = q.items.map((item) => ({ value: item.exportCode ?? item.name.slice(q.name.length + 1), text: localized(item.label) }));
        q.items.forEach((item, k) => refs.set(item.name, { ref: `${q.name}.${rows[k].value}`, options: q.points, multiple: false }));
        return { type: 'matrix', ...common, isRequired: undefined, isAllRowRequired: q.required, columns: choices(q.points), rows };
      }
      case 'number':
        refs.set(q.name, { ref: q.name, options: [], multiple: false });
        return { type: 'text', inputType: 'number', ...common, min: q.min, max: q.max, step: q.integer ? undefined : 0.01 };
      case 'text':
        refs.set(q.name, { ref: q.name, options: [], multiple: false });
        return { type: q.multiline ? 'comment' : 'text', ...common, maxLength: q.maxLength };
      case 'date':
        refs.set(q.name, { ref: q.name, options: [], multiple: false });
        return { type: 'text', inputType: 'date', ...common, min: q.min, max: q.max };
      case 'info':
        return { type: 'html', name: q.name, html: localized(q.text) };
      case 'ranking':
        return {
          type: 'ranking',
          ...common,
          choices: choices(q.options),
          selectToRankEnabled: true,
          minSelectedChoices: q.minRanked,
          maxSelectedChoices: q.maxRanked,
          ...(q.randomize ? { choicesOrder: 'random' } : {}),
        };
      case 'numbers':
        return { type: 'multipletext', ...common, items: q.items.map((i) => ({ name: i.name, title: localized(i.label), inputType: 'number', min: q.min, max: q.max })) };
      case 'textgrid':
        return { type: 'multipletext', ...common, items: q.rows.map((r) => ({ name: r.exportCode ?? r.name, title: localized(r.label), maxLength: q.maxLength })) };
      default:
        throw new Error(`the round trip has no SurveyJS element for ${q.kind}`);
    }
  };
  return {
    locale: first,
    title: localized(study.title),
    description: localized(study.description),
    pages: study.pages.map((page) => ({
      name: page.id,
      title: localized(page.title),
      ...(page.condition ? { visibleIf: expression(page.condition) } : {}),
      elements: page.questions.map(element),
    })),
  };
}

describe('SurveyJS round trip', () => {
  const original = validateStudy(STUDY);
  assert.ok(original.ok, JSON.stringify(!original.ok && original.errors));
  const exported = JSON.parse(JSON.stringify(exportSurveyJs(original.study)));
  const back = importSurveyJs(exported, { studyId: 'round-trip' });

  it('imports the exported study back without a loss', () => {
    assert.deepEqual(back.errors, []);
    assert.deepEqual(back.losses, []);
    assert.ok(back.ok && back.study);
  });

  it('gives the same languages, questions, codes, export codes and logic', () => {
    const study = back.study!;
    assert.deepEqual(study.languages, original.study.languages);
    assert.deepEqual(study.title, original.study.title);
    assert.deepEqual(study.description, original.study.description);
    assert.deepEqual(study.pages, original.study.pages);
  });

  it('writes conditions as SurveyJS authors do (contains, anyof, !=, matrix rows, a page visibleIf)', () => {
    const pages = exported.pages as { visibleIf?: string; elements: { name: string; visibleIf?: string }[] }[];
    const visibleIf = Object.fromEntries(pages.flatMap((p) => p.elements).map((e) => [e.name, e.visibleIf]));
    assert.equal(pages[1].visibleIf, "({gender} = 'female') || ({gender} != 'male')");
    assert.equal(visibleIf.employees, '{size} anyof [2, 3]');
    assert.equal(visibleIf.satisfaction, "!({networks} contains 'A3')");
    assert.equal(visibleIf.why, "({quality.SQ002} = 'bad') || ({satisfaction} empty)");
  });
});
