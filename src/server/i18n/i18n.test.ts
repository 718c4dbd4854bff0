import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { en, fr, langOfUrl, localizedPath, stripLangPrefix, t } from './index.js';

describe('t', () => {
  it('gives the text of a key in each language', () => {
    assert.equal(t('en', 'error.404.title'), 'Page not found');
    assert.equal(t('fr', 'error.404.title'), 'Page introuvable');
  });

  it('applies French typography to French texts only', () => {
    assert.equal(t('fr', 'error.reference', { id: 'abc' }), 'Référence de l’erreur\u00A0: abc');
    assert.equal(t('en', 'error.reference', { id: 'abc' }), 'Error reference: abc');
  });

  it('replaces placeholders with the parameters as plain text', () => {
    assert.equal(t('en', 'home.survey.text', { wave: '<2026>', minutes: 10 }), 'The <2026> edition is in fieldwork. The questionnaire takes about 10 minutes.');
  });

  it('throws when a placeholder has no value', () => {
    assert.throws(() => t('fr', 'home.survey.text', { wave: '2026' }), /needs the parameter "minutes"/);
  });

  it('has the same keys and placeholders in both languages', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(fr).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      assert.deepEqual(placeholders(en[key]), placeholders(fr[key]), key);
    }
  });
});

describe('language in the path', () => {
  it('reads English from the /en prefix only', () => {
    assert.equal(langOfUrl('/en/'), 'en');
    assert.equal(langOfUrl('/en'), 'en');
    assert.equal(langOfUrl('/en?x=1'), 'en');
    assert.equal(langOfUrl('/english'), 'fr');
    assert.equal(langOfUrl('/results'), 'fr');
  });

  it('strips the prefix for the router and puts it back for links', () => {
    assert.equal(stripLangPrefix('/en'), '/');
    assert.equal(stripLangPrefix('/en/results?w=2'), '/results?w=2');
    assert.equal(stripLangPrefix('/en?x=1'), '/?x=1');
    assert.equal(stripLangPrefix('/english'), '/english');
    assert.equal(localizedPath('en', '/results?w=2'), '/en/results?w=2');
    assert.equal(localizedPath('fr', '/results'), '/results');
  });
});
