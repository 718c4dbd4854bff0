import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inlineStudyLogo } from './inline-study-logo.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

describe('inlineStudyLogo', () => {
  let dir: string;
  let file: string;
  const withLogo = (logo: unknown) => JSON.stringify({ id: 'x', branding: { logo, accentColor: '#003366' } });
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'barometre-logo-'));
    mkdirSync(join(dir, 'study', 'assets'), { recursive: true });
    file = join(dir, 'study', 'study.json');
    writeFileSync(join(dir, 'study', 'assets', 'logo.svg'), SVG);
    writeFileSync(join(dir, 'secret.svg'), SVG);
    writeFileSync(join(dir, 'study', 'notes.txt'), 'text');
    symlinkSync(join(dir, 'secret.svg'), join(dir, 'study', 'link.svg'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('inlines a logo named by a path inside the study file’s folder as a data: URI, keeping the rest of the document', async () => {
    const result = await inlineStudyLogo(withLogo('assets/logo.svg'), file);
    assert.ok(result.ok);
    const document = JSON.parse(result.text);
    assert.equal(document.branding.logo, `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`);
    assert.equal(document.branding.accentColor, '#003366');
    assert.equal(document.id, 'x');
  });

  it('leaves a data: URI, an absent logo and text that is not JSON as they were', async () => {
    for (const text of [withLogo('data:image/png;base64,AAAA'), JSON.stringify({ id: 'x' }), '{ not json']) {
      assert.deepEqual(await inlineStudyLogo(text, file), { ok: true, text });
    }
  });

  it('refuses a path leaving the folder (.., absolute, a link pointing out), a missing file and another type, at branding.logo', async () => {
    const cases: [string, RegExp][] = [
      ['../secret.svg', /outside the study file's folder/],
      [join(dir, 'secret.svg'), /relative to the study file's folder/],
      ['link.svg', /outside the study file's folder/],
      ['assets/missing.png', /cannot be read: ENOENT/],
      ['notes.txt', /a \.png, \.jpg or \.svg file/],
      ['https://example.org/logo.png', /relative to the study file's folder/],
    ];
    for (const [logo, message] of cases) {
      const result = await inlineStudyLogo(withLogo(logo), file);
      assert.equal(result.ok, false, logo);
      if (!result.ok) {
        assert.equal(result.errors[0]!.path, 'branding.logo');
        assert.match(result.errors[0]!.message, message, logo);
      }
    }
  });
});
