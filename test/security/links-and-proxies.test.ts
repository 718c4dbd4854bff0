import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { cookieHeader, csrfOf, keepCookies, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { startSmtpCapture, type SmtpCapture } from '../admin/smtp-capture.js';
import { TEST_DATABASES } from '../helpers/databases.js';

const FORM = '/livre-blanc/social-media-barometer';

/** Opens the white paper form and posts a lead asking for the e-mail, with the given Host header. */
async function requestWhitePaper(t: AdminTestApp, host: string, remoteAddress: string) {
  const jar = new Map<string, string>();
  const page = await t.app.inject({ url: FORM, remoteAddress, headers: { host } });
  assert.equal(page.statusCode, 200);
  keepCookies(jar, page);
  const size = /<option value="([^"]+)">/.exec(page.body.slice(page.body.indexOf('id="lead-field_size_band"')))![1]!;
  return t.app.inject({
    method: 'POST',
    url: FORM,
    remoteAddress,
    headers: { host, cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfOf(page.body), field_size_band: size, name: 'Ann', email: 'ann@example.org', sendEmail: 'yes' }).toString(),
  });
}

describe('links only from configuration', () => {
  let smtp: SmtpCapture;
  before(async () => {
    smtp = await startSmtpCapture();
  });
  after(() => smtp?.close());

  it('answers 400 to a Host that is not PUBLIC_URL (loopback names and load-balancer probes excepted), and mails PUBLIC_URL links', async () => {
    const t = await startAdminApp(TEST_DATABASES[0]!, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://survey.example.org' });
    try {
      await generateDemo(t.store, { waves: [2015] });
      for (const host of ['evil.example', 'survey.example.org.evil.example', 'evil.example:443']) {
        const r = await t.app.inject({ url: '/', headers: { host } });
        assert.equal(r.statusCode, 400, host);
        assert.ok(!r.body.includes('<script'), 'the host is not reflected as markup');
      }
      for (const host of ['survey.example.org', 'SURVEY.example.org:443', 'localhost:3000', '127.0.0.1'])
        assert.equal((await t.app.inject({ url: '/', headers: { host } })).statusCode, 200, host);
      assert.notEqual((await t.app.inject({ url: '/healthz', headers: { host: '10.0.0.7:3000' } })).statusCode, 400);

      const before = smtp.messages.length;
      assert.equal((await requestWhitePaper(t, 'survey.example.org', '10.1.0.1')).statusCode, 200);
      assert.equal(smtp.messages.length, before + 1);
      assert.match(smtp.messages.at(-1)!.text, /https:\/\/survey\.example\.org\/livre-blanc\/telechargement\//);
    } finally {
      await t.close();
    }
  });

  it('never builds a mailed link from the Host header when PUBLIC_URL is unset (allowed only on localhost)', async () => {
    const t = await startAdminApp(TEST_DATABASES[0]!, { SMTP_URL: smtp.url, HOST: '127.0.0.1', PORT: '3999' });
    try {
      await generateDemo(t.store, { waves: [2015] });
      const before = smtp.messages.length;
      const r = await requestWhitePaper(t, 'evil.example', '10.1.0.2');
      assert.equal(r.statusCode, 200);
      assert.equal(smtp.messages.length, before + 1);
      const text = smtp.messages.at(-1)!.text;
      assert.ok(!text.includes('evil.example'), 'the link does not follow Host');
      assert.match(text, /http:\/\/127\.0\.0\.1:3999\/livre-blanc\/telechargement\//);
    } finally {
      await t.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  let t: AdminTestApp;
  before(async () => {
    t = await startAdminApp(TEST_DATABASES[0]!, { TRUST_PROXY: '10.0.0.1' });
  });
  after(() => t.close());

  const unsubscribe = (remoteAddress: string, forwardedFor: string) => t.app.inject({ url: '/unsubscribe', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } });

  it('ignores X-Forwarded-For from an untrusted hop: forged addresses share the sender’s budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await unsubscribe('203.0.113.5', `198.51.100.${i}`)).statusCode);
    assert.ok(
      statuses.slice(0, 30).every((s) => s !== 429),
      statuses.join(','),
    );
    assert.deepEqual(statuses.slice(30), [429, 429]);
  });

  it('believes X-Forwarded-For from the trusted proxy: each client has its own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await unsubscribe('10.0.0.1', `192.0.2.${i}`)).statusCode);
    assert.ok(
      statuses.every((s) => s !== 429),
      statuses.join(','),
    );
  });
});
