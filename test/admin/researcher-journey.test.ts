import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { hashPassword, verifyPassword } from '../../src/server/auth/password.js';
import { columnLayout, packAnswers, type Answers } from '../../src/study/index.js';
import { checkAccessibility, launchBrowser, type TestBrowser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { FULL_PAGES, STUDY } from '../respond/fieldwork.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';
import { fillPage as fill } from '../respond/questionnaire-page.js';

const OWNER = { email: 'researcher@example.org', password: 'researcher journey password' };

/** 20 contacts, two of them bad: line 6 has an invalid e-mail, line 13 a missing field. */
function contactsCsv(): string {
  const lines = ['email,name,company,company_size'];
  for (let i = 1; i <= 20; i++) {
    if (i === 5) lines.push('not-an-email,Bad Address,Nowhere,1');
    else if (i === 12) lines.push('short@example.org,Too Short');
    else lines.push(`contact${i}@company${i}.example,Contact ${i},Company ${i},${(i % 4) + 1}`);
  }
  return lines.join('\n') + '\n';
}

async function click(page: Page, name: RegExp | string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).first().click()]);
}
const textOf = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();

describe('researcher journey in a real browser', () => {
  let server: TestServer;
  let smtp: SmtpCapture;
  let browser: TestBrowser;

  before(async () => {
    smtp = await startSmtpCapture();
    // four kept responses are published here: the threshold is lowered to them (PUBLISH_MIN_COMPLETES, default 30)
    server = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Baromètre <barometre@example.org>', PUBLISH_MIN_COMPLETES: '4' } });
    await server.store.users.create({ email: OWNER.email, role: 'owner', passwordHash: await hashPassword(OWNER.password) });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('goes from the contact list to the published wave', { timeout: 180_000 }, async () => {
    const page = await browser.newPage();
    const url = server.url;

    // sign in
    await page.goto(`${url}/admin`);
    assert.match(page.url(), /\/admin\/login\?next=/);
    await checkAccessibility(page, 'login');
    await page.fill('#email', OWNER.email);
    await page.fill('#password', OWNER.password);
    await click(page, 'Se connecter');
    assert.equal(await textOf(page, 'h1'), 'Études et vagues');

    // a wave from the built-in study, then fieldwork
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nouvelle vague' }).click()]);
    await checkAccessibility(page, 'new wave');
    await page.selectOption('#study', `builtin:${STUDY.id}`);
    await page.fill('#code', '2026');
    await page.fill('#title', 'Édition 2026');
    await click(page, 'Créer la vague');
    assert.equal(await textOf(page, 'h1'), 'Édition 2026');
    const waveUrl = page.url().replace(/\?.*$/, '');
    await click(page, 'Ouvrir la collecte');
    assert.equal(await textOf(page, '#wave-status'), 'collecte en cours');
    await checkAccessibility(page, 'wave overview');

    // an empty wave cannot be published: closed at once, its publication page says why; then reopened
    await click(page, 'Clore la collecte');
    await page.check('#confirm');
    await click(page, 'Clore la collecte');
    await click(page, 'Publier');
    assert.match(await textOf(page, '#publish-refused'), /elle compte 0 réponses complètes conservées et il en faut 4\./);
    assert.equal(await page.locator('#confirm').count(), 0, 'nothing to confirm');
    await checkAccessibility(page, 'publication refused');
    await page.goto(waveUrl);
    await click(page, 'Ouvrir la collecte');
    assert.equal(await textOf(page, '#wave-status'), 'collecte en cours');

    // contacts: 20 lines, 2 bad
    await page.goto(`${waveUrl}/contacts`);
    await page.fill('#csv', contactsCsv());
    await click(page, 'Importer');
    assert.match(await textOf(page, '#import-report'), /18 contact\(s\) importé\(s\), 2 ligne\(s\) rejetée\(s\)/);
    const errors = await page.locator('.import-errors li').allTextContents();
    assert.equal(errors.length, 2);
    assert.match(errors[0]!, /Ligne\s6.*not-an-email/);
    assert.match(errors[1]!, /Ligne\s13.*2 fields/);
    await checkAccessibility(page, 'contacts with import report');

    // invitations through the SMTP server
    await click(page, 'Envoyer les invitations');
    // the send is a job: its progress page refreshes itself while the worker mails (here drained by the test)
    assert.match(await textOf(page, 'h1'), /^Invitations/);
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 1);
    await server.app.jobs.drainForTests();
    await page.reload();
    assert.match(await textOf(page, '.job-progress'), /18 sur 18 envoyé\(s\)/);
    assert.equal(await page.locator('meta[http-equiv="refresh"]').count(), 0, 'no refresh once done');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Retour aux contacts' }).first().click()]);
    assert.equal(smtp.messages.length, 18);
    assert.equal(await textOf(page, '[data-status="sent"]'), '18');
    const mail = smtp.messages.find((m) => m.to.includes('contact1@company1.example'))!;
    const link = new RegExp(`${url}/s/${STUDY.id}/2026\\?t=[A-Za-z0-9_-]{22}`).exec(mail.text)?.[0];
    assert.ok(link, 'the invitation carries the survey link');
    assert.match(mail.text, /List-Unsubscribe:\s*<http:\/\/127\.0\.0\.1:\d+\/unsubscribe\?t=/);

    // the respondent answers from the e-mail's link
    const respondent = await browser.newPage();
    await respondent.goto(link);
    await fill(respondent, FULL_PAGES[0]!);
    await click(respondent, /Commencer|Suivant/);
    for (let p = 1; p < FULL_PAGES.length; p++) {
      await fill(respondent, FULL_PAGES[p]!);
      await click(respondent, /Suivant/);
    }
    await click(respondent, /Envoyer mes réponses/);
    assert.equal(await textOf(respondent, 'h1'), 'Merci pour votre participation');
    await respondent.close();

    // the monitor shows it
    await page.goto(`${waveUrl}/monitor`);
    assert.equal(await textOf(page, '#monitor-completes'), '1');
    assert.equal(await page.locator('figure.chart svg').count(), 1);
    await checkAccessibility(page, 'monitor');
    await page.goto(`${waveUrl}/contacts`);
    assert.equal(await textOf(page, '[data-status="complete"]'), '1');

    // four more respondents took ten minutes each: the invited one (seconds) is now a speeder
    const wave = (await server.store.waves.getByCode(STUDY.id, '2026'))!;
    const real = (await server.store.responses.list(wave.id, { status: 'complete' }))[0]!;
    const layout = columnLayout(STUDY);
    for (let size = 1; size <= 4; size++) {
      const answers = { ...real.answers, company_size: size, comments: `respondent ${size}` } as Answers;
      const r = await server.store.responses.createPartial({ waveId: wave.id, answers, now: new Date(Date.now() - 600_000) });
      await server.store.responses.complete(r.id, { packed: packAnswers(layout, answers), durationMs: 600_000 });
    }
    await page.goto(`${waveUrl}/cleaning`);
    const row = page.locator(`#response-${real.id}`);
    assert.match((await row.textContent()) ?? '', /Trop rapide/);
    await checkAccessibility(page, 'cleaning');
    // one reason for the decision, then the row's own button (ticking rows and « Exclure les réponses sélectionnées » does several)
    await page.fill('#reason', 'Répondu en quelques secondes');
    await click(page, `Exclure la réponse ${real.id}`);
    assert.match(await textOf(page, '.notice'), /exclue/);
    assert.equal((await server.store.responses.getById(real.id))?.excluded, true);
    // the response in full, from its row: the decision and its reason, every answer
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: `Voir la réponse ${real.id}` }).click()]);
    assert.match(await textOf(page, '#decision'), /Exclue.*Répondu en quelques secondes/);
    await checkAccessibility(page, 'response viewer');

    // weighting targets, raking
    await page.goto(`${waveUrl}/weighting`);
    await page.check('#use_company_size');
    for (const [code, population] of [
      [1, 3_000_000],
      [2, 150_000],
      [3, 5_800],
      [4, 290],
    ] as const)
      await page.fill(`#pop_company_size_${code}`, String(population));
    await click(page, 'Enregistrer les cibles');
    await click(page, 'Lancer le calage');
    assert.match(await textOf(page, '#weighting-status'), /Pondération calculée sur 4 réponses/);
    assert.ok(Number((await textOf(page, '#kish-deff')).replace(',', '.')) > 1, 'unequal weights have a design effect above 1 (a decimal comma on the French page)');
    await checkAccessibility(page, 'weighting');

    // close (confirmed), reopen (the closing date of the close is cleared), close again, publish after the preview
    await page.goto(waveUrl);
    await click(page, 'Clore la collecte');
    await checkAccessibility(page, 'confirm closing');
    await page.check('#confirm');
    await click(page, 'Clore la collecte');
    assert.equal(await textOf(page, '#wave-status'), 'collecte close');
    await click(page, 'Ouvrir la collecte');
    assert.equal(await textOf(page, '#wave-status'), 'collecte en cours');
    assert.equal((await server.store.waves.getByCode(STUDY.id, '2026'))?.closesAt, null, 'reopening cleared the closing date');
    await click(page, 'Clore la collecte');
    await page.check('#confirm');
    await click(page, 'Clore la collecte');
    await click(page, 'Publier');
    assert.match(await textOf(page, '#publish-preview'), /Base\s:\s4 réponses complètes conservées/);
    assert.ok((await page.locator('#publish-preview tbody tr').count()) > 0, 'the preview shows the headline figures');
    await checkAccessibility(page, 'confirm publishing, with the preview');
    await page.check('#confirm');
    await click(page, 'Publier');
    assert.equal(await textOf(page, '#wave-status'), 'publiée');
    assert.equal(await page.getAttribute('#link-dashboard', 'href'), `/resultats/${STUDY.id}?wave=2026`);
    const actions = (await server.store.auditLog.list({ limit: 100 })).map((e) => e.action);
    for (const action of [
      'wave.create',
      'wave.open',
      'contacts.import',
      'invitations.send',
      'response.exclude',
      'weighting.targets',
      'weighting.run',
      'wave.close',
      'wave.publish',
    ]) {
      assert.ok(actions.includes(action), `audit log has ${action}`);
    }

    // the dashboard shows the published wave
    const dashboard = await page.goto(`${url}/resultats/${STUDY.id}`);
    assert.equal(dashboard?.status(), 200);
    assert.match((await page.locator('main').textContent()) ?? '', /Édition 2026/);

    // the researcher changes their own password: a confirmation that differs first, then the change
    await page.goto(waveUrl);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Mon compte' }).click()]);
    await checkAccessibility(page, 'my account');
    const newPassword = 'four random words for 2026';
    await page.fill('#current-password', OWNER.password);
    await page.fill('#new-password', newPassword);
    await page.fill('#confirm-password', 'four random words for 2027');
    await click(page, 'Changer le mot de passe');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'the error summary has the focus');
    assert.equal(await page.getAttribute('#confirm-password', 'aria-invalid'), 'true');
    assert.match(await textOf(page, '#error-summary'), /La confirmation ne correspond pas au nouveau mot de passe\./);
    await checkAccessibility(page, 'my account, with an error');
    await page.fill('#current-password', OWNER.password);
    await page.fill('#new-password', newPassword);
    await page.fill('#confirm-password', newPassword);
    await click(page, 'Changer le mot de passe');
    assert.match((await page.locator('main').textContent()) ?? '', /Votre mot de passe est changé/);
    await checkAccessibility(page, 'my account, changed');
    const stored = await server.store.users.getByEmail(OWNER.email);
    assert.equal(await verifyPassword(stored?.passwordHash, newPassword), true, 'the new password is the one stored');
    assert.equal(await verifyPassword(stored?.passwordHash, OWNER.password), false);
    await page.close();
  });
});
