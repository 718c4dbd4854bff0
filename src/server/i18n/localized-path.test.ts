import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { langOfUrl, localizedPath, stripLangPrefix } from './index.js';

describe('language in the path', () => {
  it('reads the language from its prefix only, French at the root', () => {
    assert.equal(langOfUrl('/en/'), 'en');
    assert.equal(langOfUrl('/en'), 'en');
    assert.equal(langOfUrl('/en?x=1'), 'en');
    assert.equal(langOfUrl('/de/resultats'), 'de');
    assert.equal(langOfUrl('/es'), 'es');
    assert.equal(langOfUrl('/english'), 'fr');
    assert.equal(langOfUrl('/design'), 'fr');
    assert.equal(langOfUrl('/results'), 'fr');
    assert.equal(langOfUrl('/it/results'), 'fr');
  });

  it('strips the prefix for the router and puts it back for links', () => {
    assert.equal(stripLangPrefix('/en'), '/');
    assert.equal(stripLangPrefix('/en/results?w=2'), '/results?w=2');
    assert.equal(stripLangPrefix('/en?x=1'), '/?x=1');
    assert.equal(stripLangPrefix('/de/results'), '/results');
    assert.equal(stripLangPrefix('/es?x=1'), '/?x=1');
    assert.equal(stripLangPrefix('/english'), '/english');
    assert.equal(stripLangPrefix('/design'), '/design');
    assert.equal(localizedPath('en', '/results?w=2'), '/en/results?w=2');
    assert.equal(localizedPath('de', '/results'), '/de/results');
    assert.equal(localizedPath('es', 'results'), '/es/results');
    assert.equal(localizedPath('fr', '/results'), '/results');
  });
});
