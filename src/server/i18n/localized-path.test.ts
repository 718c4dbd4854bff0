import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { langOfUrl, localizedPath, stripLangPrefix } from './index.js';

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
