import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hashPassword } from '../../src/server/auth/password.js';
import { validateStudy } from '../../src/study/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { field, fillLabel, plain, verdict } from './editor-page.js';

const OWNER = { email: 'editor-owner@example.org', password: 'an owner who edits studies' };

async function click(page: Page, name: RegExp | string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).first().click()]);
}

describe('an owner builds a questionnaire in the editor, in a real browser', () => {
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

  it('creates a study from nothing (two languages, two pages, a single, a matrix, a condition), fixes an error, saves; edits it after a wave has responses and gets a new version with its diff', {
    timeout: 240_000,
  }, async () => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${server.url}/admin/login`);
    await page.fill('#email', OWNER.email);
    await page.fill('#password', OWNER.password);
    await click(page, 'Se connecter');
    await page.goto(`${server.url}/admin/studies`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Créer une étude dans l’éditeur' }).click()]);
    assert.equal((await page.locator('h1').textContent())?.trim(), 'Nouvelle étude');
    await verdict(page, /Erreurs à corriger/);
    assert.equal(await page.locator('#editor-needs-script').count(), 0, 'the script replaced the message for browsers without JavaScript');
    await checkAccessibility(page, 'new study');

    // the study: an id, two languages, its texts
    await field(page, 'id').fill('city-life');
    await field(page, 'languages').fill('fr, en');
    await field(page, 'languages').press('Tab');
    await field(page, 'title.en').waitFor();
    assert.match((await page.locator('#editor-missing').textContent()) ?? '', /Textes manquants/);
    await fillLabel(page, 'title', 'La vie en ville', 'City life');
    await fillLabel(page, 'description', 'Comment vous vivez votre ville.', 'How you live your city.');
    await fillLabel(page, 'privacyNotice', 'Vos réponses restent confidentielles.', 'Your answers stay confidential.');

    // page 1: a single choice (the empty document's first question) and a matrix
    await field(page, 'pages.0.id').fill('daily');
    await fillLabel(page, 'pages.0.title', 'Au quotidien', 'Every day');
    await field(page, 'pages.0.questions.0.name').fill('transport');
    await fillLabel(page, 'pages.0.questions.0.text', 'Comment vous déplacez-vous ?', 'How do you get around?');
    await fillLabel(page, 'pages.0.questions.0.options.0.label', 'À pied', 'On foot');
    await fillLabel(page, 'pages.0.questions.0.options.1.label', 'En voiture', 'By car');
    await page.locator('[id="f.pages.0.newKind"]').selectOption('matrix');
    await page.locator('[id="f.pages.0.addQuestion"]').click();
    await field(page, 'pages.0.questions.1.name').fill('services');
    await fillLabel(page, 'pages.0.questions.1.text', 'Êtes-vous satisfait de ces services ?', 'Are you satisfied with these services?');
    for (const [k, fr, en] of [
      [0, 'Transports', 'Transport'],
      [1, 'Propreté', 'Cleanliness'],
    ] as const) {
      await field(page, `pages.0.questions.1.items.${k}.name`).fill(`services_${k + 1}`);
      await fillLabel(page, `pages.0.questions.1.items.${k}.label`, fr, en);
    }
    for (const [k, fr, en] of [
      [0, 'Pas du tout', 'Not at all'],
      [1, 'Plutôt pas', 'Rather not'],
      [2, 'Plutôt', 'Rather'],
      [3, 'Tout à fait', 'Completely'],
    ] as const) {
      await fillLabel(page, `pages.0.questions.1.points.${k}.label`, fr, en);
    }

    // page 2, shown only to those who drive: a condition built from the earlier answer, in words
    await page.getByRole('button', { name: 'Ajouter une page' }).click();
    await field(page, 'pages.1.id').fill('car');
    await fillLabel(page, 'pages.1.title', 'La voiture', 'The car');
    await field(page, 'pages.1.questions.0.name').fill('parking');
    await fillLabel(page, 'pages.1.questions.0.text', 'Trouvez-vous à vous garer ?', 'Do you find parking?');
    await fillLabel(page, 'pages.1.questions.0.options.0.label', 'Oui', 'Yes');
    await fillLabel(page, 'pages.1.questions.0.options.1.label', 'Non', 'No');
    await page.locator('[id="f.pages.1.condition.add"]').click();
    await field(page, 'pages.1.condition.op').selectOption('equals');
    await field(page, 'pages.1.condition.question').selectOption('transport');
    await field(page, 'pages.1.condition.value').selectOption('2');
    assert.equal(plain(await page.locator('[id="f.pages.1.condition.words"]').textContent()), 'Affichée si « Comment vous déplacez-vous ? » vaut « En voiture » (2).');
    // and a nested group on the matrix question: driving or dissatisfied with transport
    await page.locator('[id="f.pages.0.questions.1.condition.add"]').click();
    await field(page, 'pages.0.questions.1.condition.op').selectOption('or');
    await page.locator('[id="f.pages.0.questions.1.condition.more"]').click();
    await field(page, 'pages.0.questions.1.condition.conditions.1.op').selectOption('compare');
    await field(page, 'pages.0.questions.1.condition.conditions.1.comparator').selectOption('!=');
    await field(page, 'pages.0.questions.1.condition.conditions.1.value').fill('1');
    assert.equal(
      plain(await page.locator('[id="f.pages.0.questions.1.condition.words"]').textContent()),
      'Affichée si « Comment vous déplacez-vous ? » a une réponse ou « Comment vous déplacez-vous ? » ne vaut pas « À pied » (1).',
    );

    // a mistake: the second option of the first question takes the first one's code; the error shows beside it
    await field(page, 'pages.0.questions.0.options.1.code').fill('1');
    await verdict(page, /Erreurs à corriger/);
    const codeError = page.locator('[id="f.pages.0.questions.0.options.1.code"] + .field-error');
    await codeError.waitFor();
    assert.equal((await codeError.textContent())?.trim(), 'code 1 en double', 'in the workspace’s language');
    assert.equal(await field(page, 'pages.0.questions.0.options.1.code').getAttribute('aria-invalid'), 'true');
    await checkAccessibility(page, 'editor with an error beside its field');
    // the summary links to the field
    await page.locator('#editor-errors a', { hasText: 'pages[0].questions[0].options[1].code' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f.pages.0.questions.0.options.1.code');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await verdict(page, /Aucune erreur/);
    assert.equal(await page.locator('.field-error.issue').count(), 0);
    assert.match((await page.locator('#editor-missing').textContent()) ?? '', /chaque texte est écrit dans chaque langue/);

    // the keyboard moves the matrix above the single choice and back; focus follows the moved question
    await page.locator('[id="f.pages.0.questions.1.up"]').focus();
    await page.keyboard.press('Enter');
    assert.equal(await field(page, 'pages.0.questions.0.name').inputValue(), 'services');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f.pages.0.questions.0.down');
    await page.keyboard.press('Enter');
    assert.equal(await field(page, 'pages.0.questions.0.name').inputValue(), 'transport');
    // Alt+↓ and Alt+↑ from inside an option move that option
    await field(page, 'pages.0.questions.0.options.0.label.fr').focus();
    await page.keyboard.press('Alt+ArrowDown');
    assert.equal(await field(page, 'pages.0.questions.0.options.0.label.fr').inputValue(), 'En voiture');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f.pages.0.questions.0.options.1.up');
    await page.keyboard.press('Alt+ArrowUp');
    assert.equal(await field(page, 'pages.0.questions.0.options.0.label.fr').inputValue(), 'À pied');
    await verdict(page, /Aucune erreur/);
    await checkAccessibility(page, 'editor of a valid study');

    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('#editor-result .notice').waitFor();
    assert.equal((await page.locator('#editor-result .notice').textContent())?.trim(), 'Version 1 enregistrée.');
    assert.match(page.url(), /\/admin\/studies\/city-life\/edit$/);
    await checkAccessibility(page, 'saved');
    const v1 = (await server.store.studies.getVersion('city-life', 1))!;
    const stored = validateStudy(v1.document);
    assert.ok(stored.ok, JSON.stringify(stored.errors));
    assert.deepEqual(stored.study.languages, ['fr', 'en']);
    assert.deepEqual(
      stored.study.pages.map((p) => [p.id, p.questions.map((q) => `${q.name}:${q.kind}`)]),
      [
        ['daily', ['transport:single', 'services:matrix']],
        ['car', ['parking:single']],
      ],
    );
    assert.deepEqual(stored.study.pages[1].condition, { op: 'equals', question: 'transport', value: 2 });

    // a wave of version 1 gets a response; the owner edits a question: version 2, with its diff, the wave keeps version 1
    const wave = await server.store.waves.create({ studyId: 'city-life', code: '2026', studyVersionId: v1.id, title: 'Vague 2026' });
    await server.store.responses.createPartial({ waveId: wave.id, answers: { transport: 2 } });
    await page.goto(`${server.url}/admin/studies/city-life`);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Modifier dans l’éditeur' }).click()]);
    assert.match(plain(await page.locator('#editor-used-by').textContent()), /La version 1 est utilisée par les vagues 2026/);
    await verdict(page, /Aucune erreur/);
    await fillLabel(page, 'pages.1.questions.0.text', 'Trouvez-vous facilement à vous garer ?', 'Do you easily find parking?');

    // a reload before saving loses nothing: the draft is offered back
    await page.reload();
    await page.locator('#editor-draft-restore').waitFor();
    await checkAccessibility(page, 'draft offered');
    await page.locator('#editor-draft-restore').click();
    assert.equal(await field(page, 'pages.1.questions.0.text.en').inputValue(), 'Do you easily find parking?');
    await verdict(page, /Aucune erreur/);

    // the connection drops: saving says so and keeps the work; back online, the editor checks again
    await browser.context.setOffline(true);
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await verdict(page, /Non enregistré.+le serveur est injoignable/);
    assert.equal((await server.store.studies.listVersions('city-life')).length, 1);
    await browser.context.setOffline(false);
    await verdict(page, /Aucune erreur/);

    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.locator('#editor-result .notice').waitFor();
    assert.equal((await page.locator('#editor-result .notice').textContent())?.trim(), 'Version 2 enregistrée.');
    const result = plain(await page.locator('#editor-result').textContent());
    assert.match(result, /La version 1 reste inchangée : les vagues 2026 la conservent\./);
    assert.match(result, /Modifications depuis la version 1/);
    assert.deepEqual((await page.locator('#editor-result .study-diff li').allTextContents()).map(plain), ['question parking : text reformulé (fr, en)']);
    await checkAccessibility(page, 'new version with its diff');
    assert.equal((await server.store.waves.get(wave.id))!.studyVersionId, v1.id);
    assert.equal((await server.store.studies.listVersions('city-life')).length, 2);

    // more of the form: duplicate a question and make it a number, duplicate a page and delete the copy, results and weighting
    await page.locator('[id="f.pages.0.questions.0.duplicate"]').click();
    assert.equal(await field(page, 'pages.0.questions.1.name').inputValue(), 'transport_2');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f.pages.0.questions.1.duplicate');
    await field(page, 'pages.0.questions.1.kind').selectOption('number');
    await field(page, 'pages.0.questions.1.min').fill('0');
    await page.locator('[id="f.pages.1.duplicate"]').click();
    assert.equal(await field(page, 'pages.2.id').inputValue(), 'car_2');
    await page.locator('[id="f.pages.2.delete"]').click();
    assert.equal(await field(page, 'pages.2.id').count(), 0);
    await page.locator('[id="f.margins.v0"]').check();
    await page.locator('[id="f.cuts.add"]').click();
    await field(page, 'cuts.0.variable').selectOption('transport');
    await page.locator('[id="f.themes.add"]').click();
    await fillLabel(page, 'themes.0.label', 'Mobilité', 'Mobility');
    await verdict(page, /Aucune erreur/);
    await checkAccessibility(page, 'editor with results and weighting');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await page.waitForFunction(() => /Version 3/.test(document.querySelector('#editor-result .notice')?.textContent ?? ''));
    const v3 = validateStudy((await server.store.studies.getVersion('city-life', 3))!.document);
    assert.ok(v3.ok);
    assert.deepEqual(
      v3.study.pages.map((p) => p.questions.map((q) => `${q.name}:${q.kind}`)),
      [['transport:single', 'transport_2:number', 'services:matrix'], ['parking:single']],
    );
    assert.deepEqual(v3.study.margins, ['transport']);
    assert.deepEqual(v3.study.cuts, [{ variable: 'transport' }]);
    assert.deepEqual(v3.study.themes, [{ id: 'theme1', label: { fr: 'Mobilité', en: 'Mobility' } }]);
    assert.deepEqual(problems, [], 'no script error');
  });
});
