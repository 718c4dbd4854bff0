/**
 * The dashboard of the demo study with a ranking and a multiple numeric question, in Chromium: the means
 * section and the ranking split by a cut of many columns are readable on a phone and a laptop and pass axe
 * (no serious or critical violation).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateStudyDemo } from '../../src/demo/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, TEST_SECRET_KEY, type TestServer } from '../helpers/test-server.js';

const STUDY = 'energy-mobility-barometer';

describe('the dashboard of a study with rankings and multiple numeric questions, in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  before(async () => {
    server = await startTestServer();
    await generateStudyDemo(server.store, STUDY, { waves: ['T1-2026', 'T2-2026'], n: 300, seed: 9, secretKey: TEST_SECRET_KEY });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of [
    { width: 360, height: 800 },
    { width: 1280, height: 800 },
  ]) {
    it(`shows the means and the ranking by region at ${viewport.width} px, and passes axe`, async () => {
      const page = await browser.newPage(viewport);
      await page.goto(`${server.url}/resultats/${STUDY}?wave=T1-2026&cut=region`);
      const means = page.locator('#table-numbers-trips');
      assert.ok(await means.isVisible());
      assert.match(await means.innerText(), /\d,\d/, 'decimal commas');
      const ranking = page.locator('#table-ranking-cut-measures');
      assert.ok(await ranking.isVisible());
      assert.match(await ranking.innerText(), /n\s=\s\d+/);
      // nothing wider than the page: a table too wide scrolls inside its own region
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
      await checkAccessibility(page, `dashboard by region at ${viewport.width} px`);
      await page.close();
    });
  }
});
