import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { FULL_PAGES, invite, openWave } from './fieldwork.js';
import { fillPage as fill, submitWith as press } from './questionnaire-page.js';

describe('respondent journey with scripts turned off', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let wave: Wave;

  before(async () => {
    server = await startTestServer();
    wave = await openWave(server.store, '2026');
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers the whole questionnaire with plain forms', async () => {
    const token = await invite(server.store, wave, server.config.secretKey);
    const page = await browser.newPage();
    await page.goto(`${server.url}/s/social-media-barometer/2026?t=${token}`);
    await press(page, /Commencer/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'autofocus without the script');
    await fill(page, FULL_PAGES[0]!);
    await press(page, /Commencer/);
    for (let p = 1; p < FULL_PAGES.length; p++) {
      if (p === 7) {
        // the questions this page's own answer reveals come on a second pass, politely
        assert.equal(await page.locator('#q-kpis').isHidden(), true);
        await page.check('#f-measures_results-1');
        await press(page, /Suivant/);
        assert.match((await page.locator('.notice').textContent()) ?? '', /De nouvelles questions/);
        assert.equal(await page.locator('#q-kpis').isVisible(), true);
      }
      if (p === 4) {
        // the language switch is a button of the form: it keeps what was typed
        await fill(page, FULL_PAGES[4]!);
        await press(page, /^English$/);
        assert.equal(await page.getAttribute('html', 'lang'), 'en');
        assert.equal(await page.inputValue('#f-team_size'), '1.5');
        await press(page, /^Français$/);
        assert.equal(await page.inputValue('#f-team_size'), '1,5');
      }
      await fill(page, FULL_PAGES[p]!);
      await press(page, /Suivant/);
    }
    await press(page, /Envoyer mes réponses/);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Merci pour votre participation');
    const complete = await server.store.responses.list(wave.id, { status: 'complete' });
    assert.equal(complete.length, 1);
    assert.deepEqual(complete[0]!.answers.kpis, [1, 2]);
    assert.equal(complete[0]!.answers.team_size, 1.5);
    await page.close();
  });
});
