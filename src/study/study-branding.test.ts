import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BUILT_IN_STUDIES } from './built-in-studies.js';
import { contrastRatio, darken, studyBranding } from './study-branding.js';
import { validateStudy } from './validate-study.js';

const withBranding = (branding: unknown) => ({ ...BUILT_IN_STUDIES[1]!, branding });

describe('study branding', () => {
  it('measures contrast as WCAG does: 21:1 black on white, 1:1 a colour on itself, the product blue 8.7:1', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#1f4e79', '#1f4e79'), 1);
    assert.equal(contrastRatio('#1f4e79', '#ffffff').toFixed(1), '8.7');
    assert.equal(contrastRatio('#ffffff', '#767676').toFixed(2), '4.54', 'the lightest grey that passes');
  });

  it('accepts an accent colour that text can use on white, in short or long hex, and stores it long and lower case', () => {
    const result = validateStudy(withBranding({ accentColor: '#036' }));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.study.branding, { accentColor: '#003366' });
    assert.equal(darken('#003366'), '#00264d');
  });

  it('refuses a light accent colour, naming the field, the contrast and the minimum', () => {
    const result = validateStudy(withBranding({ accentColor: '#FFCC00' }));
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    assert.deepEqual(
      errors.map((e) => e.path),
      ['branding.accentColor'],
    );
    assert.match(errors[0]!.message, /^accent colour #ffcc00 has a contrast of 1\.\d\d:1 against white; links and buttons need at least 4\.5:1/);
    assert.equal(validateStudy(withBranding({ accentColor: '#767676' })).ok, true, '4.54:1 passes');
    assert.equal(validateStudy(withBranding({ accentColor: '#777777' })).ok, false, '4.48:1 fails');
  });

  it('refuses a colour that is not hex and a logo that is not an image data: URI, naming each field', () => {
    const result = validateStudy(withBranding({ accentColor: 'red', logo: 'javascript:alert(1)' }));
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    assert.deepEqual(errors.map((e) => e.path).sort(), ['branding.accentColor', 'branding.logo']);
    assert.match(errors.find((e) => e.path === 'branding.logo')!.message, /a logo is a data: URI of a PNG, JPEG or SVG image/);
    assert.equal(validateStudy(withBranding({ logo: 'data:text/html;base64,PHNjcmlwdD4=' })).ok, false, 'HTML is not an image');
    assert.equal(validateStudy(withBranding({ extra: 1 })).ok, false, 'unknown fields are refused');
  });

  it('falls back to the older top-level logo when it is an image data: URI, and to nothing otherwise', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    assert.deepEqual(studyBranding({ logo: png }), { logo: png });
    assert.deepEqual(studyBranding({ logo: '<svg/>' }), {});
    assert.deepEqual(studyBranding({ logo: png, branding: { logo: 'data:image/jpeg;base64,/9j/', accentColor: '#003366' } }), {
      logo: 'data:image/jpeg;base64,/9j/',
      accentColor: '#003366',
    });
    assert.deepEqual(studyBranding({}), {}, 'the built-in look');
  });
});
