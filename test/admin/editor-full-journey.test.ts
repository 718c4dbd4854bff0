/**
 * The must-show journey of issue 16, in Chromium, through the pages only: a new owner builds a study from
 * nothing in the editor (two languages, three pages, one question of each new kind, a matrix, a condition
 * built with the condition builder), sees an error beside its field and fixes it, saves, previews the study
 * on a 360 px phone in both languages with its logic live, opens a wave of it and answers it on the public
 * link, then edits a question after that response: a new version with its diff, the wave keeping its own.
 * axe on every state of the editor: no serious or critical violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { hashPassword } from '../../src/server/auth/password.js';
import { validateStudy } from '../../src/study/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { field, fillLabel, plain, verdict } from './editor-page.js';

const OWNER = { email: 'new-owner@example.org', password: 'a new owner builds a study' };

/** Clicks and waits for the navigation it starts (of the page, or of a frame). */
async function navigate(target: Page | Frame, click: () => Promise<void>): Promise<void> {
  await Promise.all([target.waitForNavigation(), click()]);
}

/** Whether the document needs no horizontal scrolling. */
async function assertNoHorizontalScroll(target: Page | Frame, label: string): Promise<void> {
  const widths = await target.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.equal(widths.client, 360, `${label}: 360 px wide`);
  assert.ok(widths.scroll <= widths.client, `${label}: no horizontal scrolling at 360 px (${widths.scroll} > ${widths.client})`);
}

describe('issue 16: from an empty editor to an answered wave and a second version, in Chromium', () => {
  let server: TestServer;
  let browser: TestBrowser;
  const problems: string[] = [];

  before(async () => {
    server = await startTestServer();
    await server.store.users.create({ email: OWNER.email, role: 'owner', passwordHash: await hashPassword(OWNER.password) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds, fixes, saves, previews at 360 px in fr and en, opens and answers a wave, then edits after the response', { timeout: 240_000 }, async () => {
    const url = server.url;
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    /** a link of the workspace's menu */
    const menu = (name: string) => page.getByRole('navigation', { name: 'Espace de travail' }).getByRole('link', { name, exact: true });
    await page.goto(`${url}/admin/login`);
    await page.fill('#email', OWNER.email);
    await page.fill('#password', OWNER.password);
    await navigate(page, () => page.getByRole('button', { name: 'Se connecter' }).click());

    // ── 1. a study from nothing ──
    await navigate(page, () => menu('Études').click());
    await navigate(page, () => page.getByRole('link', { name: 'Créer une étude dans l’éditeur' }).click());
    await verdict(page, /Erreurs à corriger/);
    await checkAccessibility(page, 'editor: a new study');
    await field(page, 'id').fill('city-life');
    await field(page, 'languages').fill('fr, en');
    await field(page, 'languages').press('Tab');
    await field(page, 'title.en').waitFor();
    assert.match(plain(await page.locator('#editor-missing').textContent()), /Textes manquants/);
    await fillLabel(page, 'title', 'La vie en ville', 'City life');
    await fillLabel(page, 'description', 'Comment vous vivez votre ville.', 'How you live your city.');
    await fillLabel(page, 'privacyNotice', 'Vos réponses restent confidentielles.', 'Your answers stay confidential.');

    // page 1: the single choice the editor starts with, and a matrix shown only to those who drive
    await field(page, 'pages.0.id').fill('daily');
    await fillLabel(page, 'pages.0.title', 'Au quotidien', 'Every day');
    await field(page, 'pages.0.questions.0.name').fill('transport');
    await fillLabel(page, 'pages.0.questions.0.text', 'Comment vous déplacez-vous ?', 'How do you get around?');
    await fillLabel(page, 'pages.0.questions.0.options.0.label', 'À pied', 'On foot');
    await fillLabel(page, 'pages.0.questions.0.options.1.label', 'En voiture', 'By car');
    await field(page, 'pages.0.newKind').selectOption('matrix');
    await field(page, 'pages.0.addQuestion').click();
    const matrix = 'pages.0.questions.1';
    await field(page, `${matrix}.name`).fill('roads');
    await fillLabel(page, `${matrix}.text`, 'Que pensez-vous des routes ?', 'What do you think of the roads?');
    for (const [k, name, fr, en] of [
      [0, 'roads_state', 'Leur état', 'Their state'],
      [1, 'roads_signs', 'La signalisation', 'The signs'],
    ] as const) {
      await field(page, `${matrix}.items.${k}.name`).fill(name);
      await fillLabel(page, `${matrix}.items.${k}.label`, fr, en);
    }
    for (const [k, fr, en] of [
      [0, 'Très mauvais', 'Very poor'],
      [1, 'Mauvais', 'Poor'],
      [2, 'Bon', 'Good'],
      [3, 'Très bon', 'Very good'],
    ] as const) {
      await fillLabel(page, `${matrix}.points.${k}.label`, fr, en);
    }
    await field(page, `${matrix}.condition.add`).click();
    await field(page, `${matrix}.condition.op`).selectOption('equals');
    await field(page, `${matrix}.condition.question`).selectOption('transport');
    await field(page, `${matrix}.condition.value`).selectOption('2');
    assert.equal(plain(await field(page, `${matrix}.condition.words`).textContent()), 'Affichée si « Comment vous déplacez-vous ? » vaut « En voiture » (2).');

    // page 2: a ranking (the new page's first question, its kind changed), an information text, a date with bounds
    await page.getByRole('button', { name: 'Ajouter une page' }).click();
    await field(page, 'pages.1.id').fill('priorities');
    await fillLabel(page, 'pages.1.title', 'Vos priorités', 'Your priorities');
    await field(page, 'pages.1.questions.0.kind').selectOption('ranking');
    await field(page, 'pages.1.questions.0.name').fill('priorities');
    await fillLabel(page, 'pages.1.questions.0.text', 'Classez ces priorités.', 'Rank these priorities.');
    for (const [k, fr, en] of [
      [0, 'Les parcs', 'Parks'],
      [1, 'La sécurité', 'Safety'],
      [2, 'Les transports', 'Transport'],
    ] as const) {
      await fillLabel(page, `pages.1.questions.0.options.${k}.label`, fr, en);
    }
    await field(page, 'pages.1.newKind').selectOption('info');
    await field(page, 'pages.1.addQuestion').click();
    await field(page, 'pages.1.questions.1.name').fill('moving_note');
    await fillLabel(page, 'pages.1.questions.1.text', 'Quelques mots sur votre arrivée.', 'A few words about your arrival.');
    await field(page, 'pages.1.newKind').selectOption('date');
    await field(page, 'pages.1.addQuestion').click();
    await field(page, 'pages.1.questions.2.name').fill('moved');
    await fillLabel(page, 'pages.1.questions.2.text', 'Quand êtes-vous arrivé en ville ?', 'When did you move to the city?');

    // page 3: several numbers adding up to a total, and a grid of short texts
    await page.getByRole('button', { name: 'Ajouter une page' }).click();
    await field(page, 'pages.2.id').fill('budget');
    await fillLabel(page, 'pages.2.title', 'Votre budget', 'Your budget');
    const numbers = 'pages.2.questions.0';
    await field(page, `${numbers}.kind`).selectOption('numbers');
    await field(page, `${numbers}.name`).fill('budget');
    await fillLabel(page, `${numbers}.text`, 'Comment se partage votre budget (en %) ?', 'How is your budget shared (in %)?');
    for (const [k, name, fr, en] of [
      [0, 'housing', 'Logement', 'Housing'],
      [1, 'other', 'Le reste', 'The rest'],
    ] as const) {
      await field(page, `${numbers}.items.${k}.name`).fill(name);
      await fillLabel(page, `${numbers}.items.${k}.label`, fr, en);
    }
    await field(page, `${numbers}.min`).fill('0');
    await field(page, `${numbers}.total`).fill('100');
    await field(page, 'pages.2.newKind').selectOption('textgrid');
    await field(page, 'pages.2.addQuestion').click();
    const grid = 'pages.2.questions.1';
    await field(page, `${grid}.name`).fill('places');
    await fillLabel(page, `${grid}.text`, 'Vos lieux préférés', 'Your favourite places');
    for (const [k, name, fr, en] of [
      [0, 'park', 'Un parc', 'A park'],
      [1, 'cafe', 'Un café', 'A café'],
    ] as const) {
      await field(page, `${grid}.rows.${k}.name`).fill(name);
      await fillLabel(page, `${grid}.rows.${k}.label`, fr, en);
    }
    await field(page, `${grid}.columns.0.name`).fill('name');
    await fillLabel(page, `${grid}.columns.0.label`, 'Son nom', 'Its name');
    await verdict(page, /Aucune erreur/);
    assert.match(plain(await page.locator('#editor-missing').textContent()), /chaque texte est écrit dans chaque langue/);
    await checkAccessibility(page, 'editor: three pages, every new kind, in two languages');

    // ── 2. a mistake in the date's bounds (day and month swapped): the error beside its field, then fixed ──
    await field(page, 'pages.1.questions.2.min').fill('2000-01-01');
    await field(page, 'pages.1.questions.2.max').fill('2026-31-12');
    await verdict(page, /Erreurs à corriger\s:\s1\./);
    const dateError = page.locator('[id="f.pages.1.questions.2.max"] + .field-error');
    await dateError.waitFor();
    assert.equal(plain(await dateError.textContent()), 'ce n’est pas un jour du calendrier');
    assert.equal(await field(page, 'pages.1.questions.2.max').getAttribute('aria-invalid'), 'true');
    await checkAccessibility(page, 'editor: an error beside its field');
    await page.locator('#editor-errors a', { hasText: 'pages[1].questions[2].max' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f.pages.1.questions.2.max');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2026-12-31');
    await verdict(page, /Aucune erreur/);
    assert.equal(await page.locator('.field-error.issue').count(), 0);
    await checkAccessibility(page, 'editor: the error fixed');

    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('#editor-result .notice').waitFor();
    assert.equal(plain(await page.locator('#editor-result .notice').textContent()), 'Version 1 enregistrée.');
    await checkAccessibility(page, 'editor: version 1 saved');
    const v1 = (await server.store.studies.getVersion('city-life', 1))!;
    const stored = validateStudy(v1.document);
    assert.ok(stored.ok, JSON.stringify(stored.ok ? [] : stored.errors));
    assert.deepEqual(stored.study.languages, ['fr', 'en']);
    assert.deepEqual(
      stored.study.pages.map((p) => [p.id, p.questions.map((q) => `${q.name}:${q.kind}`)]),
      [
        ['daily', ['transport:single', 'roads:matrix']],
        ['priorities', ['priorities:ranking', 'moving_note:info', 'moved:date']],
        ['budget', ['budget:numbers', 'places:textgrid']],
      ],
    );
    assert.deepEqual(stored.study.pages[0]!.questions[1]!.condition, { op: 'equals', question: 'transport', value: 2 });
    const moved = stored.study.pages[1]!.questions[2]!;
    assert.deepEqual(moved.kind === 'date' && [moved.min, moved.max], ['2000-01-01', '2026-12-31']);
    const budget = stored.study.pages[2]!.questions[0]!;
    assert.equal(budget.kind === 'numbers' && budget.total, 100);

    // ── 3. the preview, from the saved version: a 360 px phone, logic live, in French then in English ──
    await navigate(page, () => page.locator('#editor-preview-saved').click());
    assert.match(page.url(), /\/admin\/studies\/city-life\/preview\?version=1$/);
    assert.equal(await page.locator('#preview-frame').evaluate((el) => (el as HTMLIFrameElement).clientWidth), 360);
    const framed = page.frameLocator('#preview-frame');
    const questionnaire = () => page.frame({ url: /\/preview\/questionnaire/ })!;
    await framed.getByText('Comment vous déplacez-vous ?').waitFor();
    await assertNoHorizontalScroll(questionnaire(), 'preview, page 1, fr');
    const roads = framed.locator('[name="roads_state"]').first();
    await framed.getByText('En voiture').click();
    await roads.waitFor({ state: 'visible' });
    await framed.getByText('Que pensez-vous des routes ?').waitFor();
    await framed.getByText('À pied').click();
    await roads.waitFor({ state: 'hidden' });
    await navigate(questionnaire(), () => framed.getByRole('button', { name: 'Commencer' }).click());
    await framed.getByText('Classez ces priorités.').waitFor();
    await assertNoHorizontalScroll(questionnaire(), 'preview, page 2, fr');

    await navigate(page, () => page.locator('#preview-languages a[hreflang="en"]').click());
    await framed.getByText('Rank these priorities.').waitFor();
    await framed.getByText('A few words about your arrival.').waitFor();
    await framed.getByText('When did you move to the city?').waitFor();
    await assertNoHorizontalScroll(questionnaire(), 'preview, page 2, en');
    await navigate(questionnaire(), () => framed.getByRole('button', { name: 'Previous' }).click());
    await framed.getByText('How do you get around?').waitFor();
    await assertNoHorizontalScroll(questionnaire(), 'preview, page 1, en');
    await framed.getByText('By car').click();
    await framed.getByText('What do you think of the roads?').waitFor({ state: 'visible' });
    await framed.getByText('On foot').click();
    await framed.getByText('What do you think of the roads?').waitFor({ state: 'hidden' });
    assert.equal((await server.store.studies.listVersions('city-life')).length, 1, 'the preview stored nothing');

    // ── 4. a wave of version 1, opened from the workspace, answered on its public link on a phone ──
    await navigate(page, () => menu('Vagues').click());
    await navigate(page, () => page.getByRole('link', { name: 'Nouvelle vague' }).click());
    await page.selectOption('#study', { label: 'city-life — version 1' });
    await page.fill('#code', '2026');
    await page.fill('#title', 'Vague 2026');
    await navigate(page, () => page.getByRole('button', { name: 'Créer la vague' }).click());
    await navigate(page, () => page.getByRole('button', { name: 'Ouvrir la collecte' }).click());
    assert.equal(plain(await page.locator('#wave-status').textContent()), 'collecte en cours');
    const publicLink = `${url}${await page.locator('#link-questionnaire').getAttribute('href')}`;
    assert.match(publicLink, /\/s\/city-life\/2026$/);

    const respondent = await browser.newPage({ width: 360, height: 740 });
    respondent.on('pageerror', (error) => problems.push(error.message));
    await respondent.goto(publicLink);
    await assertNoHorizontalScroll(respondent, 'questionnaire, page 1');
    await respondent.getByText('En voiture').click();
    await respondent.locator('[name="roads_state"][value="3"]').check();
    await respondent.locator('[name="roads_signs"][value="2"]').check();
    await navigate(respondent, () => respondent.getByRole('button', { name: 'Commencer' }).click());
    await assertNoHorizontalScroll(respondent, 'questionnaire, page 2');
    await checkAccessibility(respondent, 'questionnaire at 360 px: a ranking, an information text, a date');
    await respondent.locator('#f-priorities_2').selectOption('1');
    await respondent.locator('#f-priorities_3').selectOption('2');
    await respondent.locator('#f-priorities_1').selectOption('3');
    await respondent.locator('#f-moved').fill('2015-06-01');
    await navigate(respondent, () => respondent.getByRole('button', { name: 'Suivant' }).click());
    await assertNoHorizontalScroll(respondent, 'questionnaire, page 3');
    await respondent.locator('#f-budget_housing').fill('60');
    await respondent.locator('#f-budget_other').fill('30');
    await respondent.locator('#f-places_park_name').fill('Parc de la Tête d’Or');
    await respondent.locator('#f-places_cafe_name').fill('Café des Arts');
    // a total that does not add up is refused, with the reason; corrected, the page goes through
    await navigate(respondent, () => respondent.getByRole('button', { name: 'Suivant' }).click());
    assert.match(plain(await respondent.locator('.field-error').first().textContent()), /100/);
    await checkAccessibility(respondent, 'questionnaire at 360 px: numbers with a total not reached, a grid of texts');
    await respondent.locator('#f-budget_other').fill('40');
    await navigate(respondent, () => respondent.getByRole('button', { name: 'Suivant' }).click());
    await navigate(respondent, () => respondent.getByRole('button', { name: /Envoyer mes réponses/ }).click());
    assert.equal(plain(await respondent.locator('h1').textContent()), 'Merci pour votre participation');
    const wave = (await server.store.waves.getByCode('city-life', '2026'))!;
    assert.equal(wave.studyVersionId, v1.id);
    const [response] = await server.store.responses.list(wave.id, { status: 'complete' });
    assert.ok(response, 'the answer is stored, complete');
    assert.equal(response.test, false);
    for (const [key, value] of Object.entries({
      transport: 2,
      roads_state: 3,
      priorities_1: 3,
      priorities_2: 1,
      priorities_3: 2,
      moved: '2015-06-01',
      budget_housing: 60,
      budget_other: 40,
      places_park_name: 'Parc de la Tête d’Or',
    }))
      assert.equal(response.answers[key], value, key);
    assert.equal(response.answers.moving_note, undefined, 'an information text has no answer');

    // ── 5. a question reworded after the response: version 2 with its diff, the wave keeps version 1 ──
    await navigate(page, () => menu('Études').click());
    await navigate(page, () => page.getByRole('link', { name: 'La vie en ville' }).click());
    await navigate(page, () => page.getByRole('link', { name: 'Modifier dans l’éditeur' }).click());
    assert.match(plain(await page.locator('#editor-used-by').textContent()), /La version 1 est utilisée par les vagues 2026/);
    await verdict(page, /Aucune erreur/);
    await checkAccessibility(page, 'editor: a version used by a wave with a response');
    await fillLabel(page, 'pages.0.questions.0.text', 'Comment vous déplacez-vous le plus souvent ?', 'How do you usually get around?');
    await verdict(page, /Aucune erreur/);
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('#editor-result .notice').waitFor();
    assert.equal(plain(await page.locator('#editor-result .notice').textContent()), 'Version 2 enregistrée.');
    const saved = plain(await page.locator('#editor-result').textContent());
    assert.match(saved, /La version 1 reste inchangée : les vagues 2026 la conservent\./);
    assert.match(saved, /Modifications depuis la version 1/);
    assert.deepEqual((await page.locator('#editor-result .study-diff li').allTextContents()).map(plain), ['question transport : text reformulé (fr, en)']);
    await checkAccessibility(page, 'editor: version 2 saved, with its diff');
    assert.deepEqual(
      (await server.store.studies.listVersions('city-life')).map((v) => v.version),
      [1, 2],
    );
    assert.equal((await server.store.waves.get(wave.id))!.studyVersionId, v1.id, 'the wave keeps version 1');
    assert.deepEqual((await server.store.studies.getVersion('city-life', 1))!.document, v1.document, 'version 1 is unchanged');

    // a respondent on another device still reads the wording of version 1
    await browser.clearCookies();
    await respondent.goto(publicLink);
    await respondent.getByText('Comment vous déplacez-vous ?').waitFor();
    assert.equal(await respondent.getByText('le plus souvent').count(), 0);
    assert.deepEqual(problems, [], 'no script error');
  });
});
