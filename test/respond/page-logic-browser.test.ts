import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { logicStudy } from '../../src/study/logic-study.test-helper.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { invite } from './fieldwork.js';

const STUDY = logicStudy();

describe('a comparison on the same page, live in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let token: string;

  before(async () => {
    server = await startTestServer();
    const { studyVersion } = await server.store.studies.saveVersion(STUDY.id, STUDY as never);
    const wave = await server.store.waves.create({ studyId: STUDY.id, code: '2026', studyVersionId: studyVersion.id, title: 'Logic 2026', status: 'fieldwork' });
    token = await invite(server.store, wave, server.config.secretKey);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the question once the typed number reaches the bound, read as the server reads it', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/s/${STUDY.id}/2026?t=${token}`);
    const retired = page.locator('#q-retired');
    assert.equal(await retired.isHidden(), true, 'age not given: >= is false');
    await page.fill('#f-age', '70');
    assert.equal(await retired.isVisible(), true);
    await page.fill('#f-age', '64');
    assert.equal(await retired.isHidden(), true);
    await page.fill('#f-age', '64,5');
    assert.equal(await retired.isVisible(), true, 'a French decimal comma is a number');
    await page.fill('#f-age', 'abc');
    assert.equal(await retired.isHidden(), true, 'what is not a number compares false');
    await page.close();
  });
});
