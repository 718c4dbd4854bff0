import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frenchTypography } from './french-typography.js';

describe('frenchTypography', () => {
  it('puts a no-break space before % and : and a narrow one before ; ! ?', () => {
    assert.equal(frenchTypography('65 % des entreprises : oui ; non ! Vraiment ?'), '65\u00a0% des entreprises\u00a0: oui\u202f; non\u202f! Vraiment\u202f?');
    assert.equal(frenchTypography('65% : ok?'), '65\u00a0%\u00a0: ok\u202f?');
  });
  it('puts no-break spaces inside guillemets', () => {
    assert.equal(frenchTypography('la réponse « autre »'), 'la réponse «\u00a0autre\u00a0»');
  });
  it('is idempotent and leaves URLs and times alone', () => {
    const once = frenchTypography('Voir https://exemple.fr/a?b=1 à 10:30 : « oui » ?');
    assert.equal(frenchTypography(once), once);
    assert.match(once, /https:\/\/exemple\.fr\/a\?b=1/);
    assert.match(once, /10:30/);
  });
});
