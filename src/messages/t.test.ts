import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { interfaceLanguage, languageName, pluralCategory, quote, t, typography } from './index.js';

const CATALOGUES = { fr, en, de, es } as const;
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

describe('t', () => {
  it('gives the text of a key in each language', () => {
    assert.equal(t('en', 'error.404.title'), 'Page not found');
    assert.equal(t('fr', 'error.404.title'), 'Page introuvable');
  });

  it('applies French typography to French texts only, parameters included', () => {
    assert.equal(t('fr', 'error.reference', { id: 'abc' }), 'Référence de l’erreur\u00A0: abc');
    assert.equal(t('en', 'error.reference', { id: 'abc' }), 'Error reference: abc');
    assert.equal(t('fr', 'error.reference', { id: 'vraiment ?' }), 'Référence de l’erreur\u00A0: vraiment\u202F?');
  });

  it('replaces placeholders with the parameters as plain text', () => {
    assert.equal(t('en', 'home.survey.text', { wave: '<2026>', minutes: 10 }), 'The <2026> edition is in fieldwork. The questionnaire takes about 10 minutes.');
  });

  it('throws when a placeholder has no value', () => {
    assert.throws(() => t('fr', 'home.survey.text', { wave: '2026' }), /needs the parameter "minutes"/);
  });

  it('chooses plural variants by the language’s rules', () => {
    assert.equal(pluralCategory('fr', 0), 'one');
    assert.equal(pluralCategory('fr', 1), 'one');
    assert.equal(pluralCategory('fr', 2), 'other');
    assert.equal(pluralCategory('en', 0), 'other');
    assert.equal(t('fr', `chart.count.complete.${pluralCategory('fr', 2)}`, { n: 2 }), '2 complets');
  });
});

describe('the catalogues', () => {
  it('have exactly the keys of the English catalogue, with the same placeholders', () => {
    const keys = Object.keys(en).sort();
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      assert.deepEqual(Object.keys(catalogue).sort(), keys, lang);
      for (const key of keys as (keyof typeof en)[]) {
        assert.deepEqual(placeholders(catalogue[key]), placeholders(en[key]), `${lang} ${key}`);
        assert.ok(catalogue[key].trim() !== '', `${lang} ${key} is empty`);
      }
    }
  });
});

describe('interfaceLanguage', () => {
  it('keeps a language that has a catalogue and falls back to English otherwise', () => {
    assert.equal(interfaceLanguage('fr'), 'fr');
    assert.equal(interfaceLanguage('en'), 'en');
    assert.equal(interfaceLanguage('fr-CA'), 'fr');
    assert.equal(interfaceLanguage('it'), 'en');
    assert.equal(interfaceLanguage('pt-BR'), 'en');
  });
});

describe('typography per language', () => {
  it('quotes in each language’s marks', () => {
    assert.equal(quote('fr', 'x'), '«\u00A0x\u00A0»');
    assert.equal(quote('en', 'x'), '“x”');
    assert.equal(quote('de', 'x'), '„x“');
    assert.equal(quote('es', 'x'), '«x»');
  });

  it('sets German and Spanish quotation marks in messages and French spacing in French', () => {
    assert.equal(typography('de', 'Trend von “Nutzung”'), 'Trend von „Nutzung“');
    assert.equal(typography('es', 'Evolución de “uso”'), 'Evolución de «uso»');
    assert.equal(typography('fr', 'Taux : 65 %'), 'Taux\u00A0: 65\u00A0%');
    assert.equal(typography('en', 'Rate: 65%'), 'Rate: 65%');
  });

  it('names each language in itself, for any tag', () => {
    assert.equal(languageName('de'), 'Deutsch');
    assert.equal(languageName('es'), 'Español');
    assert.equal(languageName('it'), 'Italiano');
  });
});
