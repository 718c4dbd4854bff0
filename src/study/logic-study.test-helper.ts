import { validateStudy } from './validate-study.js';
import type { Study } from './study.js';

const L = (en: string, fr: string) => ({ en, fr });
const options = (...labels: [string, string][]) => labels.map(([en, fr], k) => ({ code: k + 1, label: L(en, fr), exportCode: `A${k + 1}` }));

/**
 * A small study exercising page conditions, comparisons and carry forward (in English and French):
 * - `about`: age (number), brands (multiple, codes 1–3, export codes A1–A3), member (single yes 1 / no 2),
 *   retired (single, asked when age >= 64.5: a comparison on the same page, for the browser script);
 * - `adults`: shown when age >= 18 (income, optional number);
 * - `brands_page`: favourite (single, kept: chosen brands), rating (matrix, items A1–A3, kept: chosen brands),
 *   others (multiple, kept: brands not chosen);
 * - `end`: comment (text), shown when member was not answered or is not yes.
 */
export const LOGIC_STUDY_DOCUMENT = {
  id: 'logic-test',
  version: 1,
  languages: ['en', 'fr'],
  title: L('Logic', 'Logique'),
  description: L('A test of display logic.', 'Un test de la logique d’affichage.'),
  estimatedMinutes: 2,
  privacyNotice: L('Nothing is kept.', 'Rien n’est gardé.'),
  pages: [
    {
      id: 'about',
      title: L('About you', 'Vous'),
      questions: [
        { kind: 'number', name: 'age', text: L('Age', 'Âge'), min: 0, max: 120 },
        { kind: 'multiple', name: 'brands', text: L('Brands you use', 'Marques utilisées'), options: options(['Alpha', 'Alpha'], ['Beta', 'Bêta'], ['Gamma', 'Gamma']) },
        { kind: 'single', name: 'member', text: L('Member?', 'Membre ?'), required: false, options: options(['Yes', 'Oui'], ['No', 'Non']) },
        {
          kind: 'single',
          name: 'retired',
          text: L('Retired?', 'À la retraite ?'),
          required: false,
          options: options(['Yes', 'Oui'], ['No', 'Non']),
          condition: { op: 'compare', question: 'age', comparator: '>=', value: 64.5 },
        },
      ],
    },
    {
      id: 'adults',
      title: L('Adults', 'Adultes'),
      condition: { op: 'compare', question: 'age', comparator: '>=', value: 18 },
      questions: [{ kind: 'number', name: 'income', text: L('Income', 'Revenu'), required: false }],
    },
    {
      id: 'brands_page',
      title: L('Your brands', 'Vos marques'),
      questions: [
        {
          kind: 'single',
          name: 'favourite',
          text: L('Favourite brand', 'Marque préférée'),
          options: options(['Alpha', 'Alpha'], ['Beta', 'Bêta'], ['Gamma', 'Gamma']),
          filter: { question: 'brands', keep: 'chosen' },
        },
        {
          kind: 'matrix',
          name: 'rating',
          text: L('Rate each brand', 'Notez chaque marque'),
          items: [
            { name: 'rating_alpha', label: L('Alpha', 'Alpha'), exportCode: 'A1' },
            { name: 'rating_beta', label: L('Beta', 'Bêta'), exportCode: 'A2' },
            { name: 'rating_gamma', label: L('Gamma', 'Gamma'), exportCode: 'A3' },
          ],
          points: options(['Bad', 'Mauvais'], ['Good', 'Bon']),
          filter: { question: 'brands', keep: 'chosen' },
        },
        {
          kind: 'multiple',
          name: 'others',
          text: L('Brands you might try', 'Marques à essayer'),
          required: false,
          options: options(['Alpha', 'Alpha'], ['Beta', 'Bêta'], ['Gamma', 'Gamma']),
          filter: { question: 'brands', keep: 'notChosen' },
        },
      ],
    },
    {
      id: 'end',
      title: L('The end', 'Fin'),
      questions: [
        {
          kind: 'text',
          name: 'comment',
          text: L('Why not?', 'Pourquoi pas ?'),
          required: false,
          condition: {
            op: 'or',
            conditions: [
              { op: 'empty', question: 'member' },
              { op: 'compare', question: 'member', comparator: '!=', value: 1 },
            ],
          },
        },
      ],
    },
  ],
};

/** The logic test study, validated. */
export function logicStudy(): Study {
  const result = validateStudy(structuredClone(LOGIC_STUDY_DOCUMENT));
  if (!result.ok) throw new Error(`logic test study: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return result.study;
}
