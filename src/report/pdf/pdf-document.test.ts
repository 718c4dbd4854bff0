import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPdfDocument, pdfBuffer } from './pdf-document.js';

const TITLE = 'Réseaux & <b>marques</b> "2016" d\'ici';

async function render(): Promise<Buffer> {
  const doc = createPdfDocument({
    lang: 'fr',
    title: TITLE,
    author: 'A & B <x@example.org>',
    subject: 'x < y > z',
    keywords: 'a&b',
    creationDate: new Date('2016-06-01T00:00:00Z'),
  });
  doc.addPage();
  doc.text('Bonjour');
  return pdfBuffer(doc);
}

describe('createPdfDocument', () => {
  it('writes the title, author, subject and keywords XML-escaped in the XMP metadata, and as they are in the Info dictionary', async () => {
    const bytes = await render();
    const text = bytes.toString('latin1');
    const xmp = Buffer.from(text.slice(text.indexOf('<x:xmpmeta'), text.indexOf('</x:xmpmeta>') + 12), 'latin1').toString('utf8');
    assert.ok(xmp.length > 100, 'the XMP stream is there');
    assert.match(xmp, /<rdf:li xml:lang="x-default">Réseaux &amp; &lt;b&gt;marques&lt;\/b&gt; &quot;2016&quot; d&apos;ici<\/rdf:li>/);
    assert.match(xmp, /<rdf:li>A &amp; B &lt;x@example.org&gt;<\/rdf:li>/);
    assert.match(xmp, /<pdf:Keywords>a&amp;b<\/pdf:Keywords>/);
    assert.doesNotMatch(xmp, /<b>|&(?!amp;|lt;|gt;|quot;|apos;)/, 'no markup and no bare ampersand');

    const dir = mkdtempSync(join(tmpdir(), 'pdf-document-'));
    try {
      writeFileSync(join(dir, 'doc.pdf'), bytes);
      const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', join(dir, 'doc.pdf')], { encoding: 'utf8' });
      assert.match(info, /^Title:\s+Réseaux & <b>marques<\/b> "2016" d'ici$/m);
      assert.match(info, /^Subject:\s+x < y > z$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
