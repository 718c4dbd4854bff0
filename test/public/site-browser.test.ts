import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { seedSmallWave, smallStudy } from './fixtures/small-study.js';
import { seedSyntheticWave } from './fixtures/synthetic-wave.js';

const L = (fr: string, en: string) => ({ fr, en });

describe('a visitor of a site with several studies (browser)', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let noScript: TestBrowser;

  before(async () => {
    server = await startTestServer();
    await seedSyntheticWave(server.store, { code: '2015', n: 200, seed: 21 });
    const withFields = smallStudy('household-panel', {
      leadForm: [
        {
          id: 'household',
          label: L('Type de ménage', 'Household type'),
          required: true,
          options: [
            { code: 1, label: L('Seul', 'Alone') },
            { code: 2, label: L('En famille', 'Family') },
          ],
        },
      ],
    });
    await seedSmallWave(server.store, withFields, { code: '2025', n: 150, seed: 22 });
    await seedSmallWave(server.store, smallStudy('mobility-panel'), { code: '2026', n: 0, seed: 23, status: 'fieldwork' });
    [browser, noScript] = await Promise.all([launchBrowser(), launchBrowser({ javaScriptEnabled: false })]);
  });
  after(async () => {
    await browser?.close();
    await noScript?.close();
    await server?.close();
  });

  it('has accessible home, results and white paper lists in both languages', async () => {
    const page = await browser.newPage();
    for (const path of ['/', '/en/', '/resultats', '/en/white-paper']) {
      await page.goto(`${server.url}${path}`);
      assert.ok((await page.locator('.study-card').count()) >= 2, path);
      await checkAccessibility(page, path);
    }
    await page.goto(`${server.url}/livre-blanc/household-panel`);
    await page.click('button[type="submit"]');
    await page.waitForSelector('.notice[role="alert"]');
    await checkAccessibility(page, 'lead form with errors');
    await page.close();
  });

  it('goes from the home page to a study’s results and white paper without JavaScript', async () => {
    const page = await noScript.newPage();
    await page.goto(server.url);
    const card = page.locator('.study-card', { hasText: 'Panel des ménages household-panel' });
    await Promise.all([page.waitForNavigation(), card.locator('a', { hasText: 'Voir les résultats' }).click()]);
    assert.match(page.url(), /\/resultats\/household-panel$/);
    assert.match(await page.locator('h1').innerText(), /household-panel/);

    await page.goto(server.url);
    await Promise.all([page.waitForNavigation(), card.locator('a', { hasText: 'Recevoir le livre blanc' }).click()]);
    assert.match(page.url(), /\/livre-blanc\/household-panel$/);
    await page.fill('#lead-name', 'Jeanne Martin');
    await page.fill('#lead-email', 'jeanne@example.org');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    assert.match(await page.locator('#lead-field_household-error').innerText(), /Type de ménage/);
    await page.selectOption('#lead-field_household', '2');
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    assert.equal(await page.locator('h1').innerText(), 'Votre livre blanc est prêt');
    const [lead] = await server.store.leads.list('household-panel');
    assert.deepEqual(lead.fields, { household: 2 });

    await page.goto(server.url);
    const survey = page.locator('.study-card', { hasText: 'Panel des ménages mobility-panel' });
    await Promise.all([page.waitForNavigation(), survey.locator('a', { hasText: 'Répondre au questionnaire' }).click()]);
    assert.match(page.url(), /\/s\/mobility-panel\/2026/);
    await page.close();
  });
});
