/**
 * The questionnaire editor's page as the browser journeys drive it: a form element by its document path,
 * a label filled in French and English, the server's verdict waited for, texts read without French
 * typography's no-break spaces.
 */
import type { Locator, Page } from 'playwright-core';

/** A form element of the editor by its document path (`title.fr`, `pages.0.questions.1.kind`). */
export const field = (page: Page | Locator, path: string): Locator => page.locator(`[id="f.${path}"]`);

/** Fills every text of a label in both languages. */
export async function fillLabel(page: Page, path: string, fr: string, en: string): Promise<void> {
  await field(page, `${path}.fr`).fill(fr);
  await field(page, `${path}.en`).fill(en);
}

/** Waits until the server's verdict on the current document matches, and returns it; else fails with what the editor says. */
export async function verdict(page: Page, expected: RegExp): Promise<string> {
  try {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('editor-status')?.textContent ?? ''), expected.source);
  } catch (error) {
    const shown = await page.evaluate(() => ['editor-status', 'editor-errors'].map((id) => document.getElementById(id)?.textContent ?? '').join(' — '));
    throw new Error(`the editor does not say ${expected}: ${shown}`, { cause: error });
  }
  return (await page.locator('#editor-status').textContent()) ?? '';
}

/** A text with its no-break spaces (French typography) as plain spaces. */
export const plain = (text: string | null): string =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
