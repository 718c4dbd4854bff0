import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { frenchTypography } from './french-typography.js';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('frenchTypography', () => {
  it('puts a no-break space before % and : and a narrow one before ; ! ?', () => {
    assert.equal(frenchTypography('Taux : 65% ; vraiment ?'), `Taux${NBSP}: 65${NBSP}%${NNBSP}; vraiment${NNBSP}?`);
    assert.equal(frenchTypography('Bonjour!'), `Bonjour${NNBSP}!`);
    assert.equal(frenchTypography('Note: ceci'), `Note${NBSP}: ceci`);
    assert.equal(frenchTypography('Vraiment?!'), `Vraiment${NNBSP}?!`);
  });

  it('puts no-break spaces on the inner sides of guillemets', () => {
    assert.equal(frenchTypography('«Bonjour»'), `«${NBSP}Bonjour${NBSP}»`);
    assert.equal(frenchTypography('« Bonjour »'), `«${NBSP}Bonjour${NBSP}»`);
  });

  it('leaves times, URLs and e-mail addresses alone', () => {
    assert.equal(frenchTypography('à 10:30'), 'à 10:30');
    const url = 'https://example.org/a?b=1&c=50%25;d!e:f';
    assert.equal(frenchTypography(`Voir ${url} !`), `Voir ${url}${NNBSP}!`);
    assert.equal(frenchTypography('écrire à jean.dupont@example.fr : merci'), `écrire à jean.dupont@example.fr${NBSP}: merci`);
  });

  it('is idempotent', () => {
    for (const text of ['Taux : 65% ; vraiment ?', '«Bonjour»', 'Note: 10:30 ! https://x.fr/?a=1', 'Quoi?!', 'a ; b']) {
      const once = frenchTypography(text);
      assert.equal(frenchTypography(once), once);
    }
  });

  it('does not add a space at the start of a text', () => {
    assert.equal(frenchTypography('? oui'), '? oui');
  });
});
