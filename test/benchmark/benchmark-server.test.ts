import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { createMailer } from '../../src/mail/mailer.js';
import { notifyBenchmarksOnPublish } from '../../src/server/routes/public/benchmark-notify.js';
import { respondSecrets } from '../../src/server/routes/respond/respond-secrets.js';
import { toJson } from '../../src/store/json.js';
import type { ResponseRecord, Wave } from '../../src/store/index.js';
import { addUser, cookieHeader, keepCookies, csrfOf, signIn, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { startSmtpCapture, type SmtpCapture } from '../admin/smtp-capture.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { flatText, qpdfCheck } from '../white-paper/pdf-tools.js';
import { rawDatabase } from '../helpers/raw-database.js';

const STUDY = 'social-media-barometer';
const HOSTILE_COMPANY = 'Acme <script>alert(1)</script> =HYPERLINK("http://evil.example") \u202Etxt';

/** Gives a complete response its benchmark token, as the thanks page does, and returns the token. */
async function tokenFor(t: AdminTestApp, response: ResponseRecord): Promise<string> {
  const secrets = respondSecrets(t.config.secretKey);
  const token = secrets.benchmarkToken(response.publicId);
  await t.store.responses.update(response.id, { benchmarkTokenHash: secrets.tokenHash(token) });
  return token;
}

describe('the benchmark against a published wave', () => {
  let t: AdminTestApp;
  let token: string;

  before(async () => {
    t = await startAdminApp(TEST_DATABASES[0]);
    await generateDemo(t.store, { waves: [2016, 2017] });
    const wave = (await t.store.waves.getByCode(STUDY, '2017'))!;
    const [response] = await t.store.responses.list(wave.id, { status: 'complete', limit: 1 });
    // the open answer "company name" holds hostile text
    await rawDatabase(t.store)
      .updateTable('responses')
      .set({ answers: toJson({ ...response.answers, company_name: HOSTILE_COMPANY })! })
      .where('id', '=', response.id)
      .execute();
    token = await tokenFor(t, response);
  });
  after(() => t?.close());

  it('shows each indicator with the answer, all companies and companies of the same size, and six maturity dimensions', async () => {
    const page = await t.app.inject({ url: `/benchmark/${token}` });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.match(page.body, /Votre benchmark/);
    assert.match(page.body, /l’édition 2016/, 'compared with the latest published wave');
    assert.equal((page.body.match(/<th scope="row">/g) ?? []).length, 6 + 27, 'six dimensions and every indicator');
    for (const dimension of ['Présence', 'Relation et service client', 'Commerce', 'Mesure et données', 'Stratégie et gouvernance', 'Interne et formation']) {
      assert.ok(page.body.includes(`<th scope="row">${dimension}</th>`), dimension);
    }
    assert.match(page.body, /Usage des réseaux sociaux, ancienneté et importance accordée/, 'definitions');
    assert.match(page.body, /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"]+/, 'the maturity chart with its text alternative');
    const recommendations = page.body.slice(page.body.indexOf('class="recommendations"')).split('</ul>')[0].match(/<li>/g) ?? [];
    assert.ok(recommendations.length >= 2 && recommendations.length <= 4);
    assert.match(page.body, /\d+\u00A0% \(±\u00A0\d+,\d\u00A0pts, n\u00A0=\u00A0[\d\u202F]+\)/, 'figures with margin and base');
    assert.ok(page.body.includes('Acme &lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://evil.example&quot;) txt'), 'the company name escaped');
    assert.ok(!page.body.includes('\u202E'));
    const english = await t.app.inject({ url: `/en/benchmark/${token}` });
    assert.match(english.body, /Your benchmark/);
  });

  it('gives the same benchmark as a PDF, with the company name as inert text', async () => {
    const pdf = await t.app.inject({ url: `/benchmark/${token}/pdf` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['cache-control'], 'no-store');
    assert.equal(qpdfCheck(pdf.rawPayload).status, 0);
    const text = flatText(pdf.rawPayload);
    assert.match(text, /Votre benchmark/);
    assert.match(text, /Votre maturité en six dimensions/);
    assert.match(text, /Nos recommandations/);
    assert.ok(text.replace(/ /g, '').includes('Acme<script>alert(1)</script>=HYPERLINK("http://evil.example")txt'));
    assert.ok(!text.includes('\u202E'));
    assert.ok(!pdf.rawPayload.toString('latin1').includes('/JavaScript'));
  });

  it('answers any other token with a 404 page, and an address that guesses with 429', async () => {
    for (const wrong of ['AAAAAAAAAAAAAAAAAAAAAA', `${token.slice(0, 21)}${token.endsWith('A') ? 'B' : 'A'}`, 'short', '../../etc']) {
      const page = await t.app.inject({ url: `/benchmark/${encodeURIComponent(wrong)}`, remoteAddress: '10.1.1.1' });
      assert.equal(page.statusCode, 404, wrong);
      assert.match(page.body, /Lien introuvable/);
      assert.equal((await t.app.inject({ url: `/benchmark/${encodeURIComponent(wrong)}/pdf`, remoteAddress: '10.1.1.2' })).statusCode, 404);
    }
    const statuses: number[] = [];
    for (let k = 0; k < 15; k++) statuses.push((await t.app.inject({ url: `/benchmark/BBBBBBBBBBBBBBBBBBBB${String(k).padStart(2, '0')}`, remoteAddress: '10.1.1.3' })).statusCode);
    assert.equal(statuses[0], 404);
    assert.equal(statuses.at(-1), 429);
    assert.equal((await t.app.inject({ url: `/benchmark/${token}`, remoteAddress: '10.1.1.4' })).statusCode, 200, 'other addresses are not affected');
  });
});

describe('the benchmark while no wave is published', () => {
  let t: AdminTestApp;
  let smtp: SmtpCapture;
  let wave: Wave;
  let token: string;
  let response: ResponseRecord;

  before(async () => {
    smtp = await startSmtpCapture();
    t = await startAdminApp(TEST_DATABASES[0], { SMTP_URL: smtp.url, PUBLIC_URL: 'http://barometre.example' });
    await generateDemo(t.store, { waves: [2017], n: 300 });
    wave = (await t.store.waves.getByCode(STUDY, '2017'))!;
    [response] = await t.store.responses.list(wave.id, { status: 'complete', limit: 1 });
    token = await tokenFor(t, response);
    await addUser(t.store, 'analyst@example.org', 'analyst');
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('says when results will come and stores an e-mail address to send the link to', async () => {
    const jar = new Map<string, string>();
    const page = await t.app.inject({ url: `/benchmark/${token}` });
    keepCookies(jar, page);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Votre benchmark arrive bientôt/);
    assert.match(page.body, /ne sont pas encore publiés/);
    const invalid = await t.app.inject({
      method: 'POST',
      url: `/benchmark/${token}/notify`,
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), email: 'not an e-mail' }).toString(),
    });
    assert.equal(invalid.statusCode, 303);
    assert.equal((await t.store.responses.getByPublicId(response.publicId))!.notifyEmail, null);
    const saved = await t.app.inject({
      method: 'POST',
      url: `/benchmark/${token}/notify`,
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(page.body), email: 'resp@example.org' }).toString(),
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/benchmark/${token}?saved=1`);
    assert.equal((await t.store.responses.getByPublicId(response.publicId))!.notifyEmail, 'resp@example.org');
    assert.match((await t.app.inject({ url: `/benchmark/${token}?saved=1` })).body, /C’est noté/);
  });

  it('sends the link when the researchers publish the wave, once', async () => {
    const analyst = await signIn(t.app, 'analyst@example.org');
    for (const action of ['close', 'publish']) {
      const done = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${wave.id}/status`,
        headers: { cookie: cookieHeader(analyst.jar), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: analyst.csrf, action, confirm: 'yes' }).toString(),
      });
      assert.equal(done.statusCode, 303, action);
    }
    const [job] = await t.app.jobs.drainForTests();
    assert.deepEqual([job?.kind, job?.status, job?.progressDone], ['publication-notices', 'done', 1], 'the notices are sent by a job');
    const mails = smtp.messages.filter((m) => m.to.includes('resp@example.org'));
    assert.equal(mails.length, 1);
    assert.ok(mails[0].text.includes(`http://barometre.example/benchmark/${token}`), 'the e-mail carries the private link');
    const after = (await t.store.responses.getByPublicId(response.publicId))!;
    assert.equal(after.notifyEmail, null, 'the address is erased once used');
    assert.ok(after.notifiedAt);
    // a second publication sends nothing more
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'test@example.org' });
    assert.equal(await notifyBenchmarksOnPublish(t.store, wave.id, mailer, { secretKey: t.config.secretKey, publicUrl: 'http://barometre.example' }), 0);
    mailer.close();
    const page = await t.app.inject({ url: `/benchmark/${token}` });
    assert.match(page.body, /Votre maturité en six dimensions/, 'the link now opens the benchmark');
  });
});
