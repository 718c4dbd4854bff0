import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Wave } from '../../src/store/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { FULL_PAGES, invite, openWave } from './fieldwork.js';
import { fillPage as fill, submitWith as next } from './questionnaire-page.js';

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().textContent())?.trim() ?? '';
}

describe('respondent journey in a real browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let waveFr: Wave;
  let waveEn: Wave;

  before(async () => {
    server = await startTestServer();
    waveFr = await openWave(server.store, '2026');
    waveEn = await openWave(server.store, '2027');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Exactly one complete response in the wave, with the codes the respondent chose. */
  async function assertOneCompleteResponse(wave: Wave): Promise<void> {
    const complete = await server.store.responses.list(wave.id, { status: 'complete' });
    assert.equal(complete.length, 1);
    assert.equal(await server.store.responses.count(wave.id), 1, 'no stray partial response');
    const r = complete[0]!;
    assert.deepEqual(
      {
        consent: r.answers.consent,
        size: r.answers.company_size,
        uses: r.answers.uses_social,
        networks: r.answers.networks,
        team: r.answers.team_size,
        kpis: r.answers.kpis,
        matrix: r.answers.relation_advocacy,
        comments: r.answers.comments,
      },
      { consent: true, size: 2, uses: 1, networks: [1, 4], team: 1.5, kpis: [1, 2], matrix: 9, comments: 'RAS' },
    );
    assert.equal(r.answers.no_use_reasons, undefined, 'the branch not taken has no answer');
    assert.ok(r.packed && r.packed.byteLength > 0, 'the packed vector is stored');
    assert.ok((r.durationMs ?? 0) > 0, 'a total duration');
    assert.ok(Object.keys(r.pageDurations).length >= FULL_PAGES.length, 'a duration per page');
    assert.match(r.benchmarkTokenHash ?? '', /^[0-9a-f]{64}$/);
  }

  it('answers the whole questionnaire in French from an invitation, with a corrected error, display logic, leave and resume', async () => {
    const token = await invite(server.store, waveFr, server.config.secretKey);
    const link = `${server.url}/s/social-media-barometer/2026?t=${token}`;
    let page = await browser.newPage();
    await page.goto(link);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await heading(page), 'Baromètre des réseaux sociaux en entreprise');
    await checkAccessibility(page, 'start page');

    // one error, corrected: the summary receives focus and links to the field
    await next(page, /Commencer/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
    assert.match((await page.locator('#error-summary').textContent()) ?? '', /Votre accord est nécessaire/);
    await checkAccessibility(page, 'start page with an error');
    await fill(page, FULL_PAGES[0]!);
    await next(page, /Commencer/);

    for (let p = 1; p <= 2; p++) {
      await checkAccessibility(page, `page ${p}`);
      await fill(page, FULL_PAGES[p]!);
      await next(page, /Suivant/);
    }
    // page 3 exists only because uses_social = 1 (the display-logic branch)
    assert.equal(await heading(page), 'Les réseaux que vous utilisez');
    assert.equal(await page.locator('#q-no_use_reasons').isHidden(), true);
    // typed, then back: nothing is lost
    await fill(page, FULL_PAGES[3]!);
    await next(page, /Précédent/);
    assert.equal(await heading(page), 'Votre présence sur les réseaux sociaux');
    await next(page, /Suivant/);
    assert.equal(await page.isChecked('#f-networks-4'), true, 'the draft kept what was typed');
    // leave at page 3, come back on the same link
    await page.close();
    page = await browser.newPage();
    await page.goto(link);
    assert.equal(await heading(page), 'Les réseaux que vous utilisez');

    for (let p = 3; p < FULL_PAGES.length; p++) {
      await checkAccessibility(page, `page ${p}`);
      if (p === 7) {
        // display logic reacts at once, with the server's function
        assert.equal(await page.locator('#q-kpis').isHidden(), true);
        await page.check('#f-measures_results-1');
        assert.equal(await page.locator('#q-kpis').isVisible(), true);
        assert.equal(await page.locator('#q-measure_tools').isVisible(), true);
      }
      await fill(page, FULL_PAGES[p]!);
      await next(page, /Suivant/);
    }
    assert.equal(await heading(page), 'Vérifiez vos réponses');
    await checkAccessibility(page, 'review');
    await next(page, /Envoyer mes réponses/);
    assert.equal(await heading(page), 'Merci pour votre participation');
    assert.match((await page.getAttribute('#benchmark-link', 'href')) ?? '', /^\/benchmark\/[A-Za-z0-9_-]{22}$/);
    await checkAccessibility(page, 'thanks');
    await assertOneCompleteResponse(waveFr);

    await page.goto(link);
    assert.equal(await heading(page), 'Vous avez déjà répondu');
    assert.match((await page.getAttribute('#benchmark-link', 'href')) ?? '', /^\/benchmark\/[A-Za-z0-9_-]{22}$/, 'the benchmark link again');
    await checkAccessibility(page, 'used link');
    await page.close();
  });

  it('answers the whole questionnaire in English on a 360×740 screen from the open link, resuming with the copied link', async () => {
    const viewport = { width: 360, height: 740 };
    let page = await browser.newPage(viewport);
    await page.goto(`${server.url}/s/social-media-barometer/2027`);
    await fill(page, FULL_PAGES[0]!);
    await next(page, /Commencer/);
    // French first; the language switch keeps what was typed on the page
    await page.check('#f-company_size-2');
    await Promise.all([page.waitForNavigation(), page.locator('.lang-switch a').click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await heading(page), 'Your company');
    assert.equal(await page.isChecked('#f-company_size-2'), true);
    await checkAccessibility(page, 'page 1 (en, 360 px)');

    for (let p = 1; p <= 2; p++) {
      if (p > 1) await checkAccessibility(page, `page ${p} (en, 360 px)`);
      await fill(page, FULL_PAGES[p]!);
      await next(page, /Next/);
    }
    await checkAccessibility(page, 'page 3 with the resume link (en, 360 px)');
    assert.equal(await heading(page), 'The networks you use');
    const resume = await page.inputValue('#resume-link');
    assert.match(resume, /\/en\/s\/social-media-barometer\/2027\?r=[A-Za-z0-9_-]{22}$/);
    await page.close();
    await browser.clearCookies();

    page = await browser.newPage(viewport);
    await page.goto(resume);
    assert.equal(await heading(page), 'The networks you use');
    for (let p = 3; p < FULL_PAGES.length; p++) {
      await checkAccessibility(page, `page ${p} (en, 360 px)`);
      if (p === 5) {
        // the matrix is a list of items on a small screen, with 44 px targets
        assert.equal(await page.locator('.matrix-head').first().isHidden(), true);
        const box = await page.locator('#f-relation_sales-3').locator('xpath=..').boundingBox();
        assert.ok(box && box.height >= 44 && box.width > 200, `a full-width 44 px target (${JSON.stringify(box)})`);
        assert.ok(await page.locator('.matrix-row .choice span', { hasText: 'Tend to agree' }).first().isVisible(), 'the point labels are shown');
      }
      await fill(page, FULL_PAGES[p]!);
      await next(page, /Next/);
    }
    assert.equal(await heading(page), 'Check your answers');
    await checkAccessibility(page, 'review (en, 360 px)');
    await next(page, /Send my answers/);
    assert.equal(await heading(page), 'Thank you for taking part');
    await checkAccessibility(page, 'thanks (en, 360 px)');
    await assertOneCompleteResponse(waveEn);

    // one complete response per browser: the open link now says so
    await page.goto(`${server.url}/en/s/social-media-barometer/2027`);
    assert.equal(await heading(page), 'You have already answered');
    await checkAccessibility(page, 'already answered');
    await page.close();
  });
});
