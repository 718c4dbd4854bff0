/**
 * The questionnaire preview in a real browser (issue 16 part 2): a signed-in owner opens a draft wave's link,
 * is told how to preview it, opens the preview, sees the questionnaire framed at 360 px without horizontal
 * scrolling, its display logic live in the frame, and switches it to English. axe on the preview page and on
 * the framed questionnaire at phone width: no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../../src/server/auth/password.js';
import { HOUSEHOLD_STUDY, HOUSEHOLD_STUDY_ID } from '../fixtures/household-study.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OWNER = { email: 'preview-owner@example.org', password: 'an owner who previews' };

describe('the questionnaire preview in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;

  before(async () => {
    server = await startTestServer();
    await server.store.users.create({ email: OWNER.email, role: 'owner', passwordHash: await hashPassword(OWNER.password) });
    const { studyVersion } = await server.store.studies.saveVersion(HOUSEHOLD_STUDY_ID, HOUSEHOLD_STUDY as never);
    await server.store.waves.create({ studyId: HOUSEHOLD_STUDY_ID, code: 'D1', studyVersionId: studyVersion.id, title: 'Vague en préparation', status: 'draft' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('goes from the draft link to the preview at 360 px, logic live, in both languages', { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#email', OWNER.email);
    await page.fill('#password', OWNER.password);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Se connecter' }).click()]);

    await page.goto(`${server.url}/s/${HOUSEHOLD_STUDY_ID}/D1`);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Le questionnaire est fermé');
    await Promise.all([page.waitForNavigation(), page.locator('#owner-preview').click()]);
    assert.ok(page.url().includes(`/admin/studies/${HOUSEHOLD_STUDY_ID}/preview?version=1`), page.url());
    await checkAccessibility(page, 'preview page');

    // the phone frame: 360 px wide, and the questionnaire inside needs no horizontal scrolling
    const frameBox = await page.locator('#preview-frame').evaluate((el) => (el as HTMLIFrameElement).clientWidth);
    assert.equal(frameBox, 360);
    const frame = page.frameLocator('#preview-frame');
    await frame.locator('input[name="tenure"]').first().waitFor();
    const inner = page.frames().find((f) => f !== page.mainFrame() && f.url().includes('/preview/questionnaire'))!;
    assert.ok(inner, 'the questionnaire is framed');
    const widths = await inner.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `no horizontal scrolling at 360 px (${widths.scroll} > ${widths.client})`);
    assert.ok(await frame.locator('#preview-banner').isVisible());

    // the first page, then the logic of the second: the engine question appears with a car, goes without
    await frame.locator('label[for="f-tenure-1"], label:has(input[name="tenure"][value="1"])').first().click();
    await frame.locator('label:has(input[name="heating"][value="2"])').click();
    await Promise.all([inner.waitForNavigation(), frame.getByRole('button', { name: 'Commencer' }).click()]);
    const engine = frame.locator('input[name="car_type"]').first();
    await frame.locator('label:has(input[name="has_car"][value="1"])').click();
    await engine.waitFor({ state: 'visible' });
    await frame.locator('label:has(input[name="has_car"][value="2"])').click();
    await engine.waitFor({ state: 'hidden' });

    // the same page in English, from the preview's language switch
    await Promise.all([page.waitForNavigation(), page.locator('#preview-languages a[hreflang="en"]').click()]);
    await frame.getByText('Do you have a car?').waitFor();
    const english = page.frames().find((f) => f !== page.mainFrame() && /preview\/questionnaire\?version=1&lang=en&p=1/.test(f.url()));
    assert.ok(english, 'the framed questionnaire in English, on the same page');

    // the framed questionnaire on its own at phone width passes axe
    const phone = await browser.newPage({ width: 360, height: 740 });
    await phone.goto(english.url());
    await checkAccessibility(phone, 'preview questionnaire at 360 px');
    assert.deepEqual(await server.store.responses.countTests(1), { total: 0, complete: 0 }, 'the preview stored nothing');
  });
});
