/**
 * A team shapes its e-mails and takes a wave through its guards, in a real browser (issue 19, parts 2–3):
 * edit the invitation, preview it, send a test to oneself (received by a real SMTP server with the edited
 * subject); schedule the invitations, cancel, send them and watch the sending's progress; close the wave, reopen it (its past closing date cleared), publish it after the preview; a
 * publication refused on an empty wave. axe finds no serious or critical violation on the e-mails page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { generateDemo } from '../../src/demo/index.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, TEST_SECRET_KEY, type TestServer } from '../helpers/test-server.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const OWNER = { email: 'team@example.org', password: 'mail journey password 2026' };
const STUDY = 'social-media-barometer';

async function click(page: Page, name: RegExp | string, within = page.locator('main')): Promise<void> {
  await Promise.all([page.waitForNavigation(), within.getByRole('button', { name }).first().click()]);
}
const textOf = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

describe('a team shapes its e-mails and takes a wave through its guards, in a real browser', () => {
  let server: TestServer;
  let smtp: SmtpCapture;
  let browser: TestBrowser;

  before(async () => {
    smtp = await startSmtpCapture();
    server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Baromètre <barometre@example.org>' } });
    await server.store.users.create({ email: OWNER.email, role: 'owner', passwordHash: await hashPassword(OWNER.password) });
    await generateDemo(server.store, { waves: [2017], n: 50, seed: 7, secretKey: TEST_SECRET_KEY });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('edits, previews and tests the invitation, then closes, reopens and publishes the wave; an empty wave is refused', { timeout: 180_000 }, async () => {
    const wave = (await server.store.waves.getByCode(STUDY, '2017'))!;
    // figures published unweighted: no population counts to rake to
    await server.store.waves.update(wave.id, { populationTargets: null, weighting: null });
    const versionId = wave.studyVersionId;
    const empty = await server.store.waves.create({ studyId: STUDY, code: 'VIDE', studyVersionId: versionId, title: 'Vague vide', status: 'closed' });
    const page = await browser.newPage();
    const url = server.url;

    await page.goto(`${url}/admin`);
    await page.fill('#email', OWNER.email);
    await page.fill('#password', OWNER.password);
    await click(page, 'Se connecter');

    // the wave's e-mails, from its tab
    const waveUrl = `${url}/admin/waves/${wave.id}`;
    await page.goto(waveUrl);
    await Promise.all([page.waitForNavigation(), page.locator('.wave-tabs').getByRole('link', { name: 'E-mails' }).click()]);
    assert.equal(await textOf(page, 'h1'), `E-mails de ${wave.title}`);
    assert.equal(await page.inputValue('#mail-invitation-fr-subject'), 'Votre avis pour le {study}', 'the default wording, to edit from');
    await checkAccessibility(page, 'e-mails page');

    // edit the invitation in French and preview it as a sample contact sees it
    const invitation = page.locator('#mail-invitation-fr');
    await page.fill('#mail-invitation-fr-subject', 'Vague {wave} : votre regard, {name}');
    await page.fill('#mail-invitation-fr-text', '{greeting}\n\nDix minutes pour la vague {wave} du {study}.\n\n{link}\n\nMerci d’avance,');
    await page.fill('#mail-invitation-fr-sender', 'L’équipe du baromètre');
    await click(page, 'Aperçu', invitation);
    const preview = page.locator('#mail-invitation-fr-preview-result');
    assert.match(await textOf(page, '#mail-invitation-fr-preview-result .mail-preview-subject'), new RegExp(`^Vague ${wave.title}\\s:\\svotre regard, Camille Martin$`));
    assert.match((await preview.locator('.mail-preview-text').textContent()) ?? '', /Bonjour Camille Martin,\n\nDix minutes pour la vague/);
    const frame = page.frameLocator('#mail-invitation-fr-preview-result iframe');
    assert.match((await frame.locator('body').textContent()) ?? '', /Dix minutes pour la vague.*Répondre au questionnaire/s, 'the HTML version as a contact sees it');
    const button = frame.getByRole('link', { name: 'Répondre au questionnaire' });
    assert.equal(await button.evaluate((a) => getComputedStyle(a).backgroundColor), 'rgb(29, 78, 137)', 'with the e-mail’s own styles');
    assert.equal(await page.inputValue('#mail-invitation-fr-subject'), 'Vague {wave} : votre regard, {name}', 'the preview keeps the edits in the form');
    await checkAccessibility(page, 'e-mails page with a preview');

    // save it, then send a test to oneself
    await click(page, 'Enregistrer', page.locator('#mail-invitation-fr'));
    assert.match(await textOf(page, '#mail-done'), /Invitation.*enregistré/);
    await click(page, 'M’envoyer un test', page.locator('#mail-invitation-fr'));
    assert.match(await textOf(page, '#mail-done'), /envoyé à team@example\.org/);
    const test = smtp.messages.at(-1)!;
    assert.deepEqual(test.to, [OWNER.email]);
    assert.match(test.text, new RegExp(`<title>Vague ${wave.title}\\s:\\svotre regard, Camille Martin</title>`), 'the edited subject');

    // close (confirmed), reopen: the past closing date is cleared
    await page.goto(waveUrl);
    await click(page, 'Clore la collecte');
    await page.check('#confirm');
    await click(page, 'Clore la collecte');
    assert.equal(await textOf(page, '#wave-status'), 'collecte close');
    await click(page, 'Ouvrir la collecte');
    assert.equal(await textOf(page, '#wave-status'), 'collecte en cours');
    assert.equal((await server.store.waves.get(wave.id))?.closesAt, null, 'reopening cleared the past closing date');

    // schedule the invitations, cancel that, then send now and watch the sending's progress
    const invitees = ['ines@example.org', 'noe@example.org'];
    for (const email of invitees) await server.store.contacts.create({ waveId: wave.id, email, name: email.split('@')[0]!, profile: { language: 'fr' } });
    const fresh = (await server.store.contacts.listByWave(wave.id)).filter((c) => c.status === 'new').length;
    await page.goto(`${waveUrl}/contacts`);
    await page.fill('#send-at-invitation', '2099-01-05T09:00');
    await click(page, 'Envoyer les invitations');
    assert.equal(await textOf(page, '.job-status'), 'En attente');
    assert.match(await textOf(page, 'main'), /Programmé pour le 2099-01-0\d/);
    await click(page, 'Annuler');
    assert.equal(await textOf(page, '.job-status'), 'Annulé');
    await page.goto(`${waveUrl}/contacts`);
    await click(page, 'Envoyer les invitations');
    const jobUrl = page.url();
    assert.equal(await textOf(page, '.job-status'), 'En attente');
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 1, 'the page refreshes itself while the sending waits or runs');
    const before = smtp.messages.length;
    await server.app.jobs.drainForTests(); // the worker (not started in tests) takes the job
    await page.goto(jobUrl);
    assert.equal(await textOf(page, '.job-status'), 'Terminé');
    assert.equal(await textOf(page, '.job-progress'), `${fresh} sur ${fresh} envoyé(s)`);
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0, 'no refresh once done');
    const mailed = smtp.messages.slice(before);
    assert.equal(mailed.length, fresh);
    for (const email of invitees) {
      const mail = mailed.find((m) => m.to.includes(email));
      assert.ok(mail, `${email} invited`);
      assert.match(mail.text, new RegExp(`<title>Vague ${wave.title}\\s:\\svotre regard, ${email.split('@')[0]}</title>`), 'with the saved template');
    }

    // close again and publish after the preview of the public figures
    await page.goto(waveUrl);
    await click(page, 'Clore la collecte');
    await page.check('#confirm');
    await click(page, 'Clore la collecte');
    await click(page, 'Publier');
    assert.match(await textOf(page, '#publish-preview'), /réponses complètes conservées/);
    await page.check('#confirm');
    await click(page, 'Publier');
    assert.equal(await textOf(page, '#wave-status'), 'publiée');

    // an empty wave: its publication is refused, saying why
    await page.goto(`${url}/admin/waves/${empty.id}`);
    await click(page, 'Publier');
    assert.match(await textOf(page, '#publish-refused'), /elle compte 0 réponses complètes conservées/);
    assert.equal(await page.locator('#confirm').count(), 0, 'nothing to confirm');

    const actions = (await server.store.auditLog.list({ limit: 50 })).map((e) => e.action);
    for (const action of ['wave.mailTemplate', 'wave.mailTest', 'wave.close', 'wave.open', 'wave.publish']) assert.ok(actions.includes(action), `audit log has ${action}`);
    await page.close();
  });
});
