import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { RANKING_STUDY, RANKING_STUDY_ID } from '../fixtures/ranking-study.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { invite } from './fieldwork.js';

describe('a ranking in Chromium: rank selects, move buttons from the script, axe', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let wave: Wave;

  before(async () => {
    server = await startTestServer();
    const { studyVersion } = await server.store.studies.saveVersion(RANKING_STUDY_ID, RANKING_STUDY as never);
    wave = await server.store.waves.create({ studyId: RANKING_STUDY_ID, code: '2026', studyVersionId: studyVersion.id, title: '2026', status: 'fieldwork' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ranks with the keyboard-operable move buttons, then sends the ranks', async () => {
    const token = await invite(server.store, wave, server.config.secretKey);
    const page = await browser.newPage({ width: 360, height: 800 });
    await page.goto(`${server.url}/s/${RANKING_STUDY_ID}/2026?t=${token}&lang=en`);
    await checkAccessibility(page, 'ranking page');
    await page.getByRole('button', { name: 'Move “Safety” up' }).click();
    await page.getByRole('button', { name: 'Move “Parks” up' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Move “Parks” up' }).click();
    assert.equal(await page.locator('#f-priorities_4').inputValue(), '1');
    assert.equal(await page.locator('#f-priorities_3').inputValue(), '2');
    assert.equal(await page.locator('#f-priorities_1').inputValue(), '');
    await page.check('#f-area-2');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Start|Next/ }).click()]);
    const response = (await server.store.responses.list(wave.id))[0]!;
    assert.equal(response.answers.priorities_4, 1);
    assert.equal(response.answers.priorities_3, 2);
    assert.equal(response.answers.priorities_1, undefined);
    await page.close();
  });
});
