import type { Page } from 'playwright-core';

/** Fills a questionnaire page's fields (checkboxes and radios by their id, selects, text) with the given values. */
export async function fillPage(page: Page, fields: readonly [string, string][]): Promise<void> {
  for (const [name, value] of fields) {
    if (value === '') continue;
    const input = page.locator(`[name="${name}"]`).first();
    const tag = await input.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
    if (tag === 'SELECT:select-one') await input.selectOption(value);
    else if (tag === 'INPUT:radio' || tag === 'INPUT:checkbox') await page.check(name === 'consent' ? '#f-consent' : `#f-${name}-${value}`);
    else await input.fill(value);
  }
}

/** Clicks the button named `label` and waits for the page it leads to. */
export async function submitWith(page: Page, label: RegExp): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: label }).click()]);
}
