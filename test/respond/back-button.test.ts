import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page, Response } from 'playwright-core';
import type { Wave } from '../../src/store/index.js';
import { launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { rawDatabase } from '../helpers/raw-database.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { FULL_PAGES, invite, openWave } from './fieldwork.js';
import { fillPage as fill, submitWith as press } from './questionnaire-page.js';

/** The kind of page each step of FULL_PAGES is, for the messages. */
const KINDS = [
  'consent',
  'single choices and a select',
  'single and scale',
  'conditional page (multiple choice)',
  'numbers',
  'matrix',
  'single',
  'questions revealed on the page',
  'multiple',
  'matrix',
  'text',
];

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().textContent())?.trim() ?? '';
}

/** The fields of a page hold these answers (radios and checkboxes checked, selects and texts filled). */
async function assertShown(page: Page, fields: readonly [string, string][], what: string): Promise<void> {
  for (const [name, value] of fields) {
    if (value === '') continue;
    const input = page.locator(`[name="${name}"]`).first();
    const tag = await input.evaluate((el) => `${el.tagName}:${(el as HTMLInputElement).type}`);
    if (tag === 'INPUT:radio' || tag === 'INPUT:checkbox')
      assert.equal(await page.isChecked(name === 'consent' ? '#f-consent' : `#f-${name}-${value}`), true, `${what}: ${name}=${value}`);
    else assert.equal(await input.inputValue(), value, `${what}: ${name}`);
  }
}

/** A history navigation that reached the server as a GET and showed a page (a resubmission prompt or ERR_CACHE_MISS throws or shows chrome-error://). */
function assertGet(response: Response | null, page: Page, what: string): void {
  assert.ok(response, `${what}: a navigation`);
  assert.equal(response.request().method(), 'GET', `${what}: a GET, never a form resubmitted`);
  assert.equal(response.status(), 200, what);
  assert.ok(!page.url().startsWith('chrome-error:'), `${what}: no error page (${page.url()})`);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`the questionnaire's Back button and reload (${javaScriptEnabled ? 'with' : 'without'} scripts)`, () => {
    let server: TestServer;
    let browser: TestBrowser;
    let wave: Wave;

    before(async () => {
      server = await startTestServer();
      wave = await openWave(server.store, '2026');
      browser = await launchBrowser({ javaScriptEnabled });
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    /** Responses and page submissions stored: Back, Forward and reload must leave both unchanged. */
    async function stored(): Promise<{ responses: number; complete: number; submissions: number }> {
      const submissions = await rawDatabase(server.store).selectFrom('submissions').select('submissionId').execute();
      return {
        responses: await server.store.responses.count(wave.id),
        complete: await server.store.responses.count(wave.id, { status: 'complete' }),
        submissions: submissions.length,
      };
    }

    it('on every page kind, Back shows the previous page with its answers, Forward and reload the same page, as GETs that store nothing', async () => {
      const token = await invite(server.store, wave, server.config.secretKey);
      const page = await browser.newPage({ width: 390, height: 844 });
      await page.goto(`${server.url}/s/social-media-barometer/2026?t=${token}`);
      const headings: string[] = [await heading(page)];
      await fill(page, FULL_PAGES[0]!);
      await press(page, /Commencer/);

      for (let p = 1; p <= FULL_PAGES.length; p++) {
        const here = await heading(page);
        headings.push(here);
        assert.match(page.url(), new RegExp(`[?&]p=${p === FULL_PAGES.length ? 'review' : p}$`), 'each page has its own GET address');
        const before = await stored();
        const what = `Back from page ${p} to the ${KINDS[p - 1]} page`;

        assertGet(await page.goBack(), page, what);
        assert.equal(await heading(page), headings[p - 1], what);
        await assertShown(page, FULL_PAGES[p - 1]!, what);

        assertGet(await page.goForward(), page, `Forward to page ${p}`);
        assert.equal(await heading(page), here);
        assertGet(await page.reload(), page, `reload of page ${p}`);
        assert.equal(await heading(page), here);
        assert.deepEqual(await stored(), before, `${what}, Forward and reload store nothing`);

        if (p === 4) {
          // an error, corrected: the error page is a GET too, so Back after it shows the page, not a resubmission prompt
          await fill(page, [['team_size', '900']]);
          await press(page, /Suivant/);
          assert.match((await page.locator('#error-summary').textContent()) ?? '', /500/);
          assert.match(page.url(), /[?&]p=4$/);
          await page.fill('#f-team_size', '');
        }
        if (p === 7 && !javaScriptEnabled) {
          await page.check('#f-measures_results-1');
          await press(page, /Suivant/);
        }
        if (p < FULL_PAGES.length) {
          await fill(page, FULL_PAGES[p]!);
          await press(page, /Suivant/);
        }
      }

      // the review: send, then Back shows « already answered » (nothing left to change), reload keeps the end page
      assert.equal(await heading(page), 'Vérifiez vos réponses');
      await press(page, /Envoyer mes réponses/);
      assert.equal(await heading(page), 'Merci pour votre participation');
      assert.match(page.url(), /[?&]p=done$/);
      const link = await page.getAttribute('#benchmark-link', 'href');
      assert.match(link ?? '', /^\/benchmark\/[A-Za-z0-9_-]{22}$/);
      assert.equal(await page.inputValue('#benchmark-url'), `${server.url}${link}`, 'the benchmark link to copy');
      assert.equal(await page.locator('[data-copy="benchmark-url"]').isVisible(), javaScriptEnabled, 'the copy button comes with the script');
      const done = await stored();
      assert.equal(done.complete, 1);

      assertGet(await page.goBack(), page, 'Back from the end page');
      assert.equal(await heading(page), 'Vous avez déjà répondu');
      assert.equal(await page.getAttribute('#benchmark-link', 'href'), link, 'the benchmark link again');
      assert.equal(await page.locator('form.survey-form').count(), 0, 'no form to send again');
      assertGet(await page.goForward(), page, 'Forward to the end page');
      assertGet(await page.reload(), page, 'reload of the end page');
      assert.equal(await heading(page), 'Merci pour votre participation');
      assert.deepEqual(await stored(), done, 'one complete response, no submission twice');
      const response = (await server.store.responses.list(wave.id, { status: 'complete' }))[0]!;
      assert.equal(response.answers.team_size, 1.5, 'the corrected answer');
      assert.deepEqual(response.answers.kpis, [1, 2]);
      await page.close();
    });

    it('refuses a page not reached yet typed in the address bar, showing the furthest one', async () => {
      const token = await invite(server.store, wave, server.config.secretKey);
      const page = await browser.newPage();
      await page.goto(`${server.url}/s/social-media-barometer/2026?t=${token}`);
      await fill(page, FULL_PAGES[0]!);
      await press(page, /Commencer/);
      await page.goto(`${server.url}/s/social-media-barometer/2026?t=${token}&p=6`);
      assert.match(page.url(), /[?&]p=1$/);
      assert.equal(await heading(page), 'Votre entreprise');
      await page.goto(`${server.url}/s/social-media-barometer/2026?t=${token}&p=done`);
      assert.match(page.url(), /[?&]p=1$/);
      await page.close();
    });
  });
}
