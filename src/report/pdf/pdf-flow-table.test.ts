import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPdfDocument, pdfBuffer } from './pdf-document.js';
import { PdfFlow } from './pdf-flow.js';

/** pdftotext of a buffer, lines kept. */
function textOf(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'flow-table-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'f.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PdfFlow.table', () => {
  it('prints a table too wide for the page in parts of columns, each repeating the row labels, its note once under the last', async () => {
    const doc = createPdfDocument({ lang: 'fr', title: 'T', author: 'A', subject: 'S', keywords: 'K', creationDate: new Date(0) });
    const flow = new PdfFlow(doc);
    flow.newPage();
    const levels = Array.from({ length: 12 }, (_, k) => `${String.fromCharCode(65 + k)} Territoire-numéro-${k + 1}`);
    flow.table(
      [{ label: 'Indicateur' }, ...levels.map((label) => ({ label, align: 'right' as const }))],
      [['Utilisent la visioconférence', ...levels.map((_, k) => `${40 + k}\u00A0%\nn\u00A0=\u00A01\u202F0${10 + k}`)]],
      { size: 7.5, partCaption: (part, parts) => `Selon le territoire (partie ${part} sur ${parts})`, note: 'Une note de lecture.' },
    );
    const text = textOf(await pdfBuffer(doc));
    const parts = [...text.matchAll(/Selon le territoire \(partie (\d) sur (\d)\)/g)];
    assert.ok(parts.length >= 2, `printed in ${parts.length} parts`);
    assert.equal(text.match(/Utilisent\s+la\s+visioconférence/g)?.length, parts.length, 'the row label repeated in each part');
    assert.equal(text.match(/Une note de lecture/g)?.length, 1, 'the note once');
    for (let k = 0; k < 12; k++) assert.match(text, new RegExp(`n = 1 0${10 + k}`.replace(/ /g, '[ \\u00A0\\u202F]?')), `column ${k + 1}: its base whole`);
  });
});
