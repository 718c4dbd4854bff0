import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { CONSENT_VERSION } from '../../src/server/views/public/consent-version.js';
import { addUser, cookieHeader, csrfOf, keepCookies, signIn, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { startSmtpCapture, type SmtpCapture } from '../admin/smtp-capture.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { flatText, qpdfCheck } from './pdf-tools.js';
import { rawDatabase } from '../helpers/raw-database.js';

const STUDY = 'social-media-barometer';
const FORM = `/livre-blanc/${STUDY}`;
const HOSTILE_NAME = 'Eve <script>alert(1)</script>\u202Eexe.txt';
const HOSTILE_COMPANY = '=HYPERLINK("http://evil.example","clic")';
const HOSTILE_JOB = '@SUM(1+1)';

describe('the white paper lead form, download link and researchers’ lead pages', () => {
  let t: AdminTestApp;
  let smtp: SmtpCapture;
  let address = 0;
  /** A new client address per scenario, so the form's rate limit only bites where a test wants it. */
  const nextAddress = () => `10.0.0.${++address}`;

  /** Opens the form (getting the CSRF cookie and token) and posts `fields`. */
  async function submit(fields: Record<string, string>, remoteAddress = nextAddress()) {
    const jar = new Map<string, string>();
    const page = await t.app.inject({ url: FORM, remoteAddress });
    keepCookies(jar, page);
    const size = /<option value="([^"]+)">/.exec(page.body.slice(page.body.indexOf('id="lead-field_size_band"')))![1];
    const body = new URLSearchParams({ _csrf: csrfOf(page.body), field_size_band: size, ...fields });
    const response = await t.app.inject({
      method: 'POST',
      url: FORM,
      remoteAddress,
      payload: body.toString(),
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    });
    return { page, response, size };
  }

  before(async () => {
    smtp = await startSmtpCapture();
    t = await startAdminApp(TEST_DATABASES[0], { SMTP_URL: smtp.url, PUBLIC_URL: 'http://barometre.example' });
    await generateDemo(t.store, { waves: [2015] });
    await addUser(t.store, 'analyst@example.org', 'analyst');
    await addUser(t.store, 'viewer@example.org', 'viewer');
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('leads from the navigation to the form of the latest published wave, consent unticked and optional, with the privacy notice', async () => {
    const index = await t.app.inject({ url: '/livre-blanc' });
    assert.equal(index.statusCode, 302);
    assert.equal(index.headers.location, FORM);
    assert.equal((await t.app.inject({ url: '/en/white-paper' })).headers.location, `/en/white-paper/${STUDY}`);
    const page = await t.app.inject({ url: FORM });
    assert.equal(page.statusCode, 200);
    for (const field of ['name', 'email', 'field_organisation', 'field_job_title', 'field_size_band']) assert.match(page.body, new RegExp(`name="${field}"`));
    assert.match(page.body, /<select id="lead-field_size_band" name="field_size_band" required>/, 'the study’s required choice');
    assert.match(page.body, /<label for="lead-field_size_band"><span>Taille de l’entreprise<\/span> <span class="required">\(obligatoire\)<\/span><\/label>/);
    assert.match(page.body, /<label for="lead-field_job_title"><span>Fonction<\/span> <span class="optional">\(facultatif\)<\/span><\/label>/);
    assert.match(page.body, /<input id="lead-consent" name="consent" type="checkbox" value="yes">/, 'consent unticked');
    assert.match(page.body, /facultatif/);
    assert.match(page.body, /class="privacy-notice"/);
    assert.match(page.body, /class="hp-field"/);
    assert.match(page.body, /name="_csrf"/);
  });

  it('stores the lead with the consent wording’s version and time, shows an expiring link and e-mails it', async () => {
    const before = smtp.messages.length;
    const { response } = await submit({
      name: HOSTILE_NAME,
      email: 'eve@example.org',
      field_organisation: HOSTILE_COMPANY,
      field_job_title: HOSTILE_JOB,
      consent: 'yes',
      sendEmail: 'yes',
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    const link = /id="white-paper-download" href="(\/livre-blanc\/telechargement\/([A-Za-z0-9_-]{22}))"/.exec(response.body);
    assert.ok(link, 'a download link with a 128-bit token');
    const [lead] = await t.store.leads.list(STUDY);
    assert.equal(lead.email, 'eve@example.org');
    assert.equal(lead.name, 'Eve <script>alert(1)</script>exe.txt', 'stored without the right-to-left override');
    assert.equal(lead.consentContact, true);
    assert.equal(lead.consentVersion, CONSENT_VERSION);
    assert.ok(Math.abs(Date.parse(lead.consentAt!) - Date.now()) < 60_000);
    assert.match(lead.downloadTokenHash!, /^[0-9a-f]{64}$/);
    assert.ok(!lead.downloadTokenHash!.includes(link[2]));
    const days = (Date.parse(lead.downloadExpiresAt!) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `expires in ${days} days`);
    assert.equal(smtp.messages.length, before + 1);
    assert.deepEqual(smtp.messages.at(-1)!.to, ['eve@example.org']);
    assert.ok(smtp.messages.at(-1)!.text.includes(`http://barometre.example${link[1]}`), 'the e-mail carries the link');

    const pdf = await t.app.inject({ url: link[1] });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="social-media-barometer-2015-fr\.pdf"$/);
    assert.equal(pdf.headers['cache-control'], 'no-store');
    const text = flatText(pdf.rawPayload);
    // one stored copy per wave and language serves every reader: it names none of them
    assert.ok(!text.replace(/ /g, '').includes('Eve'), 'no reader’s name in the shared copy');
    assert.ok(!text.includes('\u202E'));
    assert.ok(!pdf.rawPayload.toString('latin1').includes('/JavaScript') && !pdf.rawPayload.toString('latin1').includes('/URI'));
    assert.equal(qpdfCheck(pdf.rawPayload).status, 0);
  });

  it('never makes the download depend on the consent, and sends no e-mail unless asked', async () => {
    const before = smtp.messages.length;
    const { response } = await submit({ name: 'Ann', email: 'ann@example.org', field_organisation: 'Acme', field_job_title: 'CMO' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /id="white-paper-download"/);
    const lead = (await t.store.leads.list(STUDY)).find((l) => l.email === 'ann@example.org')!;
    assert.equal(lead.consentContact, false);
    assert.equal(lead.consentVersion, CONSENT_VERSION);
    assert.equal(smtp.messages.length, before);
  });

  it('shows the errors of an incomplete form, refuses the honeypot and a missing CSRF token, and rate-limits', async () => {
    const count = async () => (await t.store.leads.list(STUDY)).length;
    const start = await count();
    const invalid = await submit({ name: '', email: 'not-an-email', field_organisation: 'Acme', field_job_title: 'CMO' });
    assert.equal(invalid.response.statusCode, 400);
    assert.match(invalid.response.body, /Indiquez votre nom/);
    assert.match(invalid.response.body, /Indiquez une adresse e-mail valide/);
    const bot = await submit({ name: 'Bot', email: 'bot@example.org', field_organisation: 'Bots', 'hp-website': 'http://spam.example' });
    assert.equal(bot.response.statusCode, 400);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: FORM,
      remoteAddress: nextAddress(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: 'X', email: 'x@example.org', field_size_band: bot.size }).toString(),
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(await count(), start, 'no lead from these');
    const ip = nextAddress();
    const statuses: number[] = [];
    for (let k = 0; k < 7; k++) statuses.push((await submit({ name: 'Zed', email: `z${k}@example.org` }, ip)).response.statusCode);
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    assert.equal(statuses.at(-1), 429);
  });

  it('answers a wrong or expired download link with a 404 page', async () => {
    const wrong = await t.app.inject({ url: '/livre-blanc/telechargement/AAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(wrong.statusCode, 404);
    assert.match(wrong.body, /Lien expiré ou introuvable/);
    const { response } = await submit({ name: 'Old', email: 'old@example.org' });
    const path = /id="white-paper-download" href="([^"]+)"/.exec(response.body)![1];
    const lead = (await t.store.leads.list(STUDY)).find((l) => l.email === 'old@example.org')!;
    await rawDatabase(t.store)
      .updateTable('leads')
      .set({ downloadExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', lead.id)
      .execute();
    assert.equal((await t.app.inject({ url: path })).statusCode, 404);
  });

  it('lists the leads to researchers with hostile text escaped, exports a formula-safe CSV and erases one on request', async () => {
    const analyst = await signIn(t.app, 'analyst@example.org');
    const list = await t.app.inject({ url: '/admin/leads', headers: { cookie: cookieHeader(analyst.jar) } });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes('Eve &lt;script&gt;alert(1)&lt;/script&gt;exe.txt'));
    assert.ok(!list.body.includes('<script>alert(1)'), 'no script element');
    assert.ok(!list.body.includes('\u202E'), 'no right-to-left override');
    assert.ok(list.body.includes(CONSENT_VERSION));

    const csv = await t.app.inject({ url: '/admin/leads.csv', headers: { cookie: cookieHeader(analyst.jar) } });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const line = csv.body.split('\r\n').find((l) => l.includes('eve@example.org'))!;
    assert.ok(line.includes(`"'=HYPERLINK(""http://evil.example"",""clic"")"`), line);
    assert.ok(line.includes(`'@SUM(1+1)`), line);
    assert.ok(!csv.body.includes('\u202E'));
    for (const cell of csv.body
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .flatMap((l) => l.split(','))) {
      assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+\-@\t\r]/, `cell ${cell} is neutralised`);
    }

    const viewer = await signIn(t.app, 'viewer@example.org');
    const eve = (await t.store.leads.list(STUDY)).find((l) => l.email === 'eve@example.org')!;
    const forbidden = await t.app.inject({
      method: 'POST',
      url: `/admin/leads/${eve.id}/erase`,
      headers: { cookie: cookieHeader(viewer.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(viewer.csrf)}`,
    });
    assert.equal(forbidden.statusCode, 403);
    const confirmPage = await t.app.inject({ url: `/admin/leads/${eve.id}/erase`, headers: { cookie: cookieHeader(analyst.jar) } });
    assert.equal(confirmPage.statusCode, 200);
    assert.match(confirmPage.body, /<input type="checkbox" id="confirm" name="confirm" value="yes" required>/);
    const unconfirmed = await t.app.inject({
      method: 'POST',
      url: `/admin/leads/${eve.id}/erase`,
      headers: { cookie: cookieHeader(analyst.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(analyst.csrf)}`,
    });
    assert.equal(unconfirmed.statusCode, 400, 'an erasure is confirmed first');
    assert.match(unconfirmed.body, /Confirmation\u00A0: cochez la case/);
    assert.ok(await t.store.leads.get(eve.id));
    const erased = await t.app.inject({
      method: 'POST',
      url: `/admin/leads/${eve.id}/erase`,
      headers: { cookie: cookieHeader(analyst.jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(analyst.csrf)}&confirm=yes`,
    });
    assert.equal(erased.statusCode, 303);
    assert.equal(await t.store.leads.get(eve.id), undefined);
    const entries = await t.store.auditLog.list({ limit: 20 });
    const entry = entries.find((e) => e.action === 'lead.erase');
    assert.ok(entry, 'the erasure is in the audit log');
    assert.equal(entry.target, `lead:${eve.id}`);
    assert.ok(!JSON.stringify(entries).includes('eve@example.org'), 'without the personal data');
  });
});
