import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { generateDemo } from '../../src/demo/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { FULL_PAGES, openWave } from '../respond/fieldwork.js';
import { flatText, qpdfCheck } from '../white-paper/pdf-tools.js';
import { fillPage as fill, submitWith as click } from '../respond/questionnaire-page.js';

/** Clicks a download link and returns the downloaded file's bytes. */
async function download(page: Page, selector: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('benchmark and white paper journeys in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    server = await startTestServer();
    await generateDemo(server.store, { waves: [2016] });
    await openWave(server.store, '2026');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('completes a questionnaire, opens the benchmark and downloads its PDF', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/s/social-media-barometer/2026`);
    await fill(page, FULL_PAGES[0]!);
    await click(page, /Commencer/);
    for (let p = 1; p < FULL_PAGES.length; p++) {
      const fields = p === 1 ? FULL_PAGES[1]!.map(([n, v]): [string, string] => (n === 'company_name' ? [n, 'Acme <b>SA</b>'] : [n, v])) : FULL_PAGES[p]!;
      await fill(page, fields);
      await click(page, /Suivant/);
    }
    await click(page, /Envoyer mes réponses/);
    await Promise.all([page.waitForNavigation(), page.click('#benchmark-link')]);
    assert.match(page.url(), /\/benchmark\/[A-Za-z0-9_-]{22}$/);
    assert.equal(await page.locator('h1').textContent(), 'Votre benchmark');
    assert.match((await page.locator('article.benchmark').textContent()) ?? '', /Acme <b>SA<\/b>/, 'the company as typed, as text');
    assert.equal(await page.locator('article.benchmark b').count(), 0, 'no markup from the answer');
    assert.equal((await page.locator('.recommendations li').count()) >= 2, true);
    // the respondent chose "10 to 249 employees": the size column is theirs
    assert.match((await page.locator('article.benchmark').textContent()) ?? '', /Les entreprises de même taille\u00A0: 10 à 249 salariés/);
    await checkAccessibility(page, 'benchmark');
    const pdf = await download(page, '#benchmark-pdf');
    assert.equal(qpdfCheck(pdf).status, 0);
    const text = flatText(pdf);
    assert.match(text, /Votre benchmark/);
    assert.match(text, /Acme <b>SA<\/b>/);
    await page.close();
  });

  it('answers a wrong benchmark token with a 404 page', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/benchmark/AAAAAAAAAAAAAAAAAAAAAA`);
    assert.equal(response?.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'Lien introuvable');
    await checkAccessibility(page, 'benchmark 404');
    await page.close();
  });

  it('goes through the lead form and downloads the white paper', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await Promise.all([page.waitForNavigation(), page.locator('.site-nav a', { hasText: 'Livre blanc' }).click()]);
    assert.match(page.url(), /\/livre-blanc\/social-media-barometer$/);
    await checkAccessibility(page, 'lead form');
    assert.equal(await page.isChecked('#lead-consent'), false, 'consent unticked');
    await click(page, /Obtenir le livre blanc/);
    assert.match((await page.locator('.notice[role="alert"]').textContent()) ?? '', /Indiquez votre nom/);
    await checkAccessibility(page, 'lead form with errors');
    await page.fill('#lead-name', 'Jeanne Martin');
    await page.fill('#lead-email', 'jeanne@example.org');
    await page.fill('#lead-field_organisation', 'Acme');
    await page.fill('#lead-field_job_title', 'Directrice marketing');
    await page.selectOption('#lead-field_size_band', { index: 2 });
    await click(page, /Obtenir le livre blanc/);
    assert.equal(await page.locator('h1').textContent(), 'Votre livre blanc est prêt');
    await checkAccessibility(page, 'download page');
    const pdf = await download(page, '#white-paper-download');
    assert.equal(qpdfCheck(pdf).status, 0);
    const text = flatText(pdf);
    assert.match(text, /Sommaire/);
    // one stored copy per wave and language serves every reader: it names none of them
    assert.doesNotMatch(text, /Jeanne Martin/);
    const [lead] = await server.store.leads.list('social-media-barometer');
    assert.equal(lead.consentContact, false);
    assert.deepEqual(lead.fields, { organisation: 'Acme', job_title: 'Directrice marketing', size_band: 2 });
    await page.close();
  });
});
