import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../src/server/auth/password.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OWNER = { email: 'new-owner@example.org', password: 'a new owner of the workspace' };
// a study of the owner's own: two pages about households, in French and English, with a unit, cuts and margins
const HOUSEHOLDS = readFileSync(new URL('../fixtures/studies/households.json', import.meta.url), 'utf8');

async function click(page: Page, name: RegExp | string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).first().click()]);
}

describe('a new owner uploads a study of their own in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'barometre-study-journey-'));
    server = await startTestServer();
    await server.store.users.create({ email: OWNER.email, role: 'owner', passwordHash: await hashPassword(OWNER.password) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees the validation errors of a first file, fixes it, uploads it again and finds the study listed', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#email', OWNER.email);
    await page.fill('#password', OWNER.password);
    await click(page, 'Se connecter');

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Études', exact: true }).click()]);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Études');
    await checkAccessibility(page, 'studies');

    // a first draft: the heating page has no English title, and a margin names the comfort scale
    const draft = JSON.parse(HOUSEHOLDS);
    delete draft.pages[1].title.en;
    draft.margins.push('comfort');
    const draftFile = join(dir, 'households-draft.json');
    writeFileSync(draftFile, JSON.stringify(draft, null, 2));
    await page.setInputFiles('#study-file', draftFile);
    await page.selectOption('#study-format', 'native');
    await click(page, 'Vérifier et enregistrer');
    const errors = (await page.locator('.study-errors li').allTextContents()).map((e) => e.replace(/\s+/g, ' ').trim());
    assert.deepEqual(errors, [
      'pages[1].title.en missing en text',
      'margins[2] "comfort" is not a single-choice question of the questionnaire',
    ]);
    await checkAccessibility(page, 'validation report');
    assert.deepEqual(await server.store.studies.list(), [], 'nothing stored');

    // fixed: uploaded again from the same page
    const fixedFile = join(dir, 'households.json');
    writeFileSync(fixedFile, HOUSEHOLDS);
    await page.setInputFiles('#study-file', fixedFile);
    await click(page, 'Vérifier et enregistrer');
    assert.match((await page.locator('.notice').textContent()) ?? '', /Version 1 de l’étude household-energy enregistrée/);
    assert.match((await page.locator('h1').textContent()) ?? '', /Baromètre de l’énergie des ménages/);
    await checkAccessibility(page, 'study page');

    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Retour aux études' }).click()]);
    const row = page.locator('tbody tr', { hasText: 'household-energy' });
    assert.equal(await row.count(), 1);
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    assert.deepEqual(cells, ['Baromètre de l’énergie des ménages', 'household-energy', '1', '1', 'aucune vague']);
  });
});
