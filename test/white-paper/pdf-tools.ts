/** PDF checks with Debian's poppler-utils and qpdf (installed by .ci/run): text, structure, rendering. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-pdf-'));
  try {
    const file = join(dir, 'file.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a PDF (pdftotext, reading order), UTF-8. */
export function pdfToText(pdf: Buffer, layout = false): string {
  return withFile(pdf, (file) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/**
 * A text with every kind of space (pdftotext gives the no-break spaces of French typography as ordinary
 * ones) and line break collapsed to one ordinary space, to compare extracted text with formatted figures.
 */
export const spaces = (text: string) => text.replace(/[ \u00A0\u202F\n\r\f]+/g, ' ');

/** The text of a PDF with spaces and line breaks collapsed (see `spaces`). */
export function flatText(pdf: Buffer): string {
  return spaces(pdfToText(pdf));
}

/** `qpdf --check`: exit status and output. */
export function qpdfCheck(pdf: Buffer): { status: number | null; output: string } {
  return withFile(pdf, (file) => {
    const result = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  });
}

/** Number of pages (pdfinfo). */
export function pageCount(pdf: Buffer): number {
  return withFile(pdf, (file) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]));
}

/** pdftoppm renders every page: the sizes of the PNG files, one per page. */
export function renderPages(pdf: Buffer): number[] {
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', '24', '-png', file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => statSync(join(dir, f)).size);
  });
}

/** The metadata pdfinfo reads (Title, Author, …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withFile(pdf, (file) =>
    Object.fromEntries(
      execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' })
        .split('\n')
        .map((l) => /^([^:]+):\s*(.*)$/.exec(l))
        .filter((m) => m !== null)
        .map((m) => [m![1], m![2]]),
    ),
  );
}

/** The fonts pdffonts lists, with whether each is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  return withFile(pdf, (file) =>
    execFileSync('pdffonts', [file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        return { name: cols[0], embedded: cols.at(-5) === 'yes' };
      }),
  );
}
