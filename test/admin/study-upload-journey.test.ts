import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import { generateGenericWave } from '../../src/demo/generate-generic-wave.js';
import { generateStudyDemo } from '../../src/demo/generate-study-demo.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { validateStudy } from '../../src/study/index.js';
import { fillPage, submitWith } from '../respond/questionnaire-page.js';
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
    assert.deepEqual(
      errors,
      ['pages[1].title.en texte manquant dans la langue en', 'margins[2] « comfort » n’est pas une question à choix unique du questionnaire'],
      'in the workspace’s language',
    );
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

  it('opens a wave of it, answers it in English, publishes it: the site lists both studies and no page or PDF of it names companies', { timeout: 240_000 }, async () => {
    const page = await browser.newPage(); // the owner's session of the first step goes on (one browser context)
    // a published edition of the built-in barometer and two earlier quarters of the new study, so that the
    // site has two studies and the new one has trends
    for (const { studyId, waves } of [
      { studyId: 'social-media-barometer', waves: ['2016', '2017'] },
      { studyId: 'household-energy', waves: ['T3-2025', 'T4-2025'] },
    ]) {
      const made = await generateStudyDemo(server.store, studyId, { waves, n: 160, seed: 11 });
      for (const w of made.waves) if (w.status !== 'published') await server.store.waves.setStatus(w.waveId, 'published', new Date('2026-01-15T10:00:00Z'));
    }

    // a new wave of the new study's stored version, opened from the workspace
    await page.goto(`${server.url}/admin`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nouvelle vague' }).click()]);
    const stored = await server.store.studies.latestVersion('household-energy');
    await page.selectOption('#study', String(stored!.id));
    await page.fill('#code', 'T1-2026');
    await page.fill('#title', 'Premier trimestre 2026');
    await click(page, 'Créer la vague');
    const waveUrl = page.url().replace(/\?.*$/, '');
    await click(page, 'Ouvrir la collecte');
    assert.equal((await page.locator('#wave-status').textContent())?.trim(), 'collecte en cours');

    // a respondent answers in English, the study's other language
    const respondent = await browser.newPage();
    await respondent.goto(`${server.url}/en/s/household-energy/T1-2026`);
    assert.equal(await respondent.getAttribute('html', 'lang'), 'en');
    await fillPage(respondent, [
      ['household_size', '2'],
      ['region', '1'],
    ]);
    await submitWith(respondent, /Start|Next/);
    await fillPage(respondent, [
      ['heat_source', '3'],
      ['comfort', '4'],
    ]);
    await submitWith(respondent, /Next/);
    await submitWith(respondent, /Send my answers/);
    assert.equal((await respondent.locator('h1').textContent())?.trim(), 'Thank you for taking part');
    await checkAccessibility(respondent, 'thanks, in English');
    const wave = (await server.store.waves.getByCode('household-energy', 'T1-2026'))!;
    const answered = await server.store.responses.list(wave.id);
    assert.equal(answered.length, 1);
    assert.equal(answered[0].language, 'en');
    assert.equal(answered[0].status, 'complete');
    await respondent.close();

    // the rest of the quarter's sample, synthetic, then close and publish from the workspace
    const study = validateStudy(stored!.document);
    assert.ok(study.ok);
    const { rows } = generateGenericWave({
      study: study.study,
      waveId: wave.id,
      code: wave.code,
      n: 240,
      seed: 5,
      secretKey: 'journey',
      opensAt: new Date('2026-01-05T08:00:00Z'),
      fieldworkDays: 20,
    });
    await server.store.responses.insertMany(rows);
    await page.goto(waveUrl);
    await click(page, 'Clore la collecte');
    await page.check('#confirm');
    await click(page, 'Clore la collecte');
    await click(page, 'Publier');
    await page.check('#confirm');
    await click(page, 'Publier');
    assert.equal((await page.locator('#wave-status').textContent())?.trim(), 'publiée');

    // the home page lists both studies
    await page.goto(`${server.url}/`);
    const home = (await page.locator('main').textContent()) ?? '';
    assert.match(home, /Baromètre de l’énergie des ménages/);
    assert.match(home, /Baromètre des réseaux sociaux en entreprise/);
    await checkAccessibility(page, 'home with two studies');

    // the new study's dashboard: its cuts and its unit
    await page.goto(`${server.url}/en/results/household-energy`);
    const cuts = (await page.locator('#cut-select option').allTextContents()).map((c) => c.trim());
    const { study: s } = study;
    for (const cut of s.cuts) {
      const question = s.pages.flatMap((p) => p.questions).find((q) => q.name === cut.variable)!;
      assert.ok(cuts.includes((cut.label ?? question.text).en), `the cut ${cut.variable} is offered (${cuts.join(' | ')})`);
    }
    assert.match((await page.locator('main').textContent()) ?? '', /households/);
    await page.selectOption('#cut-select', 'region');
    await Promise.all([page.waitForURL(/cut=region/), page.click('.results-controls button[type="submit"]')]);
    assert.ok((await page.locator('.cut-table').count()) > 0, 'the region cut shows its tables');
    await checkAccessibility(page, 'new study dashboard by region');

    // no page or PDF of the new study names companies
    const texts: string[] = [];
    for (const path of [
      '/resultats/household-energy',
      '/en/results/household-energy',
      '/resultats/household-energy?cut=household_size',
      '/en/results/household-energy?cut=region',
      '/livre-blanc/household-energy',
      '/en/white-paper/household-energy',
      '/api/v1/studies/household-energy/waves',
      '/api/v1/studies/household-energy/waves/T1-2026/results',
      '/s/household-energy/T1-2026',
      '/en/s/household-energy/T1-2026',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      assert.ok(response.status < 400, `${path}: ${response.status}`);
      texts.push(`${path}\n${await response.text()}`);
    }
    const results = await getWaveResults(server.store, (await server.store.waves.getByCode('household-energy', 'T1-2026'))!);
    for (const lang of ['fr', 'en'] as const) {
      const pdf = await renderWhitePaper({ results, lang, logo: null, creationDate: new Date('2026-04-01T00:00:00Z') });
      const file = join(dir, `white-paper-${lang}.pdf`);
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      assert.match(text, lang === 'fr' ? /ménages/ : /households/);
      texts.push(`white paper ${lang}\n${text}`);
    }
    for (const text of texts) {
      const hit = /entreprise|compan(y|ies)/i.exec(text);
      assert.equal(hit, null, `${text.split('\n')[0]} names companies: …${hit ? text.slice(Math.max(0, hit.index - 80), hit.index + 40) : ''}…`);
    }
    await page.close();
  });
});
