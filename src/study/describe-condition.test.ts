import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Condition } from './condition.js';
import { describeCondition, describeDisplay } from './describe-condition.js';
import { logicStudy } from './logic-study.test-helper.js';
import { findQuestion } from './study.js';

const study = logicStudy();
/** no-break spaces made visible: U+00A0 as _, the narrow U+202F as ^ */
const visible = (text: string) => text.replaceAll('\u00a0', '_').replaceAll('\u202f', '^');
const fr = (c: Condition) => visible(describeCondition(study, c, 'fr'));
const en = (c: Condition) => describeCondition(study, c, 'en');

describe('describeCondition', () => {
  it('says a comparison and an equality with the question texts and option labels', () => {
    const c: Condition = {
      op: 'and',
      conditions: [
        { op: 'equals', question: 'member', value: 1 },
        { op: 'compare', question: 'age', comparator: '>=', value: 18 },
      ],
    };
    assert.equal(en(c), '“Member?” is “Yes” and “Age” is at least 18');
    assert.equal(fr(c), '«_Membre^?_» vaut «_Oui_» et «_Âge_» vaut au moins 18');
  });

  it('puts an or inside an and in parentheses, and not a chain of the same operator', () => {
    const c: Condition = {
      op: 'and',
      conditions: [
        {
          op: 'or',
          conditions: [
            { op: 'empty', question: 'member' },
            { op: 'compare', question: 'member', comparator: '!=', value: 1 },
          ],
        },
        {
          op: 'and',
          conditions: [
            { op: 'answered', question: 'age' },
            { op: 'compare', question: 'age', comparator: '<', value: 65.5 },
          ],
        },
      ],
    };
    assert.equal(en(c), '(“Member?” is not answered or “Member?” is not “Yes”) and “Age” is answered and “Age” is less than 65.5');
    assert.equal(fr(c), '(«_Membre^?_» n’a pas de réponse ou «_Membre^?_» ne vaut pas «_Oui_») et «_Âge_» a une réponse et «_Âge_» est inférieur à 65,5');
  });

  it('says in, a multiple choice, not, a matrix item and a date', () => {
    assert.equal(en({ op: 'in', question: 'brands', values: [1, 3] }), '“Brands you use” includes “Alpha” or “Gamma”');
    assert.equal(fr({ op: 'in', question: 'brands', values: [1, 3] }), '«_Marques utilisées_» comprend «_Alpha_» ou «_Gamma_»');
    assert.equal(en({ op: 'compare', question: 'brands', comparator: '!=', value: 2 }), '“Brands you use” does not include “Beta”');
    assert.equal(en({ op: 'not', condition: { op: 'equals', question: 'member', value: 2 } }), '“Member?” is not “No”');
    assert.equal(en({ op: 'not', condition: { op: 'answered', question: 'age' } }), '“Age” is not answered');
    assert.equal(
      en({
        op: 'not',
        condition: {
          op: 'or',
          conditions: [
            { op: 'equals', question: 'rating_beta', value: 2 },
            { op: 'compare', question: 'age', comparator: '>', value: 30 },
          ],
        },
      }),
      'it is not the case that (“Rate each brand — Beta” is “Good” or “Age” is more than 30)',
    );
    assert.equal(fr({ op: 'not', condition: { op: 'compare', question: 'age', comparator: '<=', value: 1200 } }), 'il n’est pas vrai que «_Âge_» vaut au plus 1^200');
    assert.equal(en({ op: 'compare', question: 'age', comparator: '<', value: '2024-03-01' }), '“Age” is before March 1, 2024');
    assert.equal(fr({ op: 'compare', question: 'age', comparator: '>=', value: '2024-03-01' }), '«_Âge_» est au plus tôt le 1 mars 2024');
  });

  it('is written in German and Spanish with their quotation marks', () => {
    const c: Condition = { op: 'compare', question: 'age', comparator: '>=', value: 18 };
    const multi = {
      ...study,
      languages: ['de', 'es'],
      pages: study.pages.map((p) => ({ ...p, questions: p.questions.map((q) => ({ ...q, text: { de: 'Alter', es: 'Edad' } })) })),
    } as typeof study;
    assert.equal(describeCondition(multi, c, 'de'), '„Alter“ ist mindestens 18');
    assert.equal(describeCondition(multi, c, 'es'), '«Edad» es como mínimo 18');
  });
});

describe('describeDisplay', () => {
  it('lists the page condition, the question condition and a carry forward', () => {
    assert.deepEqual(describeDisplay(study, findQuestion(study, 'income')!, 'en'), ['On a page shown if “Age” is at least 18']);
    assert.deepEqual(describeDisplay(study, findQuestion(study, 'rating')!, 'en'), ['Items limited to the options chosen in “Brands you use”']);
    assert.deepEqual(describeDisplay(study, findQuestion(study, 'others')!, 'fr').map(visible), ['Options limitées à celles non choisies en réponse à «_Marques utilisées_»']);
    assert.deepEqual(describeDisplay(study, findQuestion(study, 'rating')!, 'en', 'rating_gamma'), ['Shown if “Brands you use” includes “Gamma”']);
    assert.deepEqual(describeDisplay(study, findQuestion(study, 'age')!, 'fr'), []);
  });
});
