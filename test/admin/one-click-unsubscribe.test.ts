/**
 * RFC 8058 one-click unsubscribe: the invitation e-mail's List-Unsubscribe and List-Unsubscribe-Post
 * headers, as captured by a real SMTP server, and the POST a mail provider sends to that URL (no cookie,
 * no CSRF token, body `List-Unsubscribe=One-Click`), on each test database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../helpers/databases.js';
import { openWave } from '../respond/fieldwork.js';
import { addUser, cookieHeader, csrfOf, keepCookies, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const PUBLIC_URL = 'https://barometre.example.org';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ONE_CLICK = 'List-Unsubscribe=One-Click';
const CONTACTS = [
  { email: 'ann@example.org', name: 'Ann', profile: { language: 'fr' } },
  { email: 'bob@example.org', name: 'Bob', profile: { language: 'en' } },
  { email: 'cleo@example.org', name: 'Cléo', profile: { language: 'fr' } },
  { email: 'dan@example.org', name: 'Dan', profile: { language: 'fr' } },
] as const;

/** A page without the query strings of its links (the language switch repeats the URL it was asked for). */
const withoutQuery = (body: string) => body.replace(/\?t=[^"]*/g, '');
/** The header block of a captured message (unfolded by the capture). */
const headOf = (text: string) => text.slice(0, text.indexOf('\r\n\r\n'));

for (const database of TEST_DATABASES) {
  describe(`one-click unsubscribe [${database.name}]`, () => {
    let smtp: SmtpCapture;
    let t: AdminTestApp;
    let waveId: number;
    /** each contact's List-Unsubscribe URL, by e-mail */
    const urls = new Map<string, string>();

    const statusOf = async (email: string) => (await t.store.contacts.getByEmail(waveId, email))!.status;
    const unsubscribeAudits = async () => (await t.store.auditLog.list({ limit: 1000 })).filter((e) => e.action === 'contact.unsubscribe');
    /** The path and query of a List-Unsubscribe URL, as app.inject takes it. */
    const pathOf = (url: string) => {
      const u = new URL(url);
      return `${u.pathname}${u.search}`;
    };
    const oneClick = (url: string, payload = ONE_CLICK, headers: Record<string, string> = FORM) => t.app.inject({ method: 'POST', url: pathOf(url), headers, payload });

    before(async () => {
      smtp = await startSmtpCapture();
      t = await startAdminApp(database, { SMTP_URL: smtp.url, MAIL_FROM: 'Baromètre <barometre@example.org>', PUBLIC_URL });
      await addUser(t.store, 'analyst@example.org', 'analyst');
      const wave = await openWave(t.store, '2026');
      waveId = wave.id;
      for (const contact of CONTACTS) await t.store.contacts.create({ waveId, ...contact, company: null });
      const analyst = await signIn(t.app, 'analyst@example.org');
      const sent = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${waveId}/invitations`,
        headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
        payload: new URLSearchParams({ _csrf: analyst.csrf }).toString(),
      });
      assert.equal(sent.statusCode, 303);
      assert.match(String(sent.headers.location), /\/jobs\/\d+$/);
      const [job] = await t.app.jobs.drainForTests();
      assert.deepEqual([job?.status, job?.progressDone, job?.progressFailed], ['done', CONTACTS.length, 0]);
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('sends every invitation with an absolute https List-Unsubscribe URL carrying a token, and List-Unsubscribe-Post', async () => {
      assert.equal(smtp.messages.length, CONTACTS.length);
      for (const message of smtp.messages) {
        const head = headOf(message.text);
        const url = /^List-Unsubscribe: <([^>]+)>/m.exec(head)?.[1];
        assert.ok(url, `${message.to[0]}: List-Unsubscribe`);
        assert.match(url, /^https:\/\/barometre\.example\.org(\/en)?\/unsubscribe\?t=[A-Za-z0-9_-]{22}$/);
        assert.match(head, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
        urls.set(message.to[0]!, url);
      }
      assert.match(urls.get('bob@example.org')!, /\/en\/unsubscribe\?/, 'an English contact gets the English page');
      for (const contact of CONTACTS) assert.equal(await statusOf(contact.email), 'invited');
    });

    it('unsubscribes on a one-click POST without cookie or CSRF token, answers 200, and audits it', async () => {
      const response = await oneClick(urls.get('ann@example.org')!);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.equal(response.headers['cache-control'], 'no-store');
      const ann = (await t.store.contacts.getByEmail(waveId, 'ann@example.org'))!;
      assert.equal(ann.status, 'unsubscribed');
      assert.ok(ann.unsubscribedAt);
      assert.equal(await statusOf('cleo@example.org'), 'invited', 'the other contacts are untouched');
      const audits = await unsubscribeAudits();
      assert.deepEqual(
        audits.map((e) => [e.target, e.details]),
        [[`contact:${ann.id}`, { via: 'one-click' }]],
      );
    });

    it('accepts the one-click body as multipart/form-data too (RFC 8058 recommends it)', async () => {
      const boundary = '----rfc8058';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
      const response = await oneClick(urls.get('bob@example.org')!, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /Unsubscribed/, 'the English page');
      assert.equal(await statusOf('bob@example.org'), 'unsubscribed');
    });

    it('answers a one-click POST with an unknown token exactly as a valid one, and changes nothing', async () => {
      const valid = await oneClick(urls.get('ann@example.org')!);
      assert.equal(valid.statusCode, 200);
      const audits = (await unsubscribeAudits()).length;
      for (const url of [`${PUBLIC_URL}/unsubscribe?t=AAAAAAAAAAAAAAAAAAAAAA`, `${PUBLIC_URL}/unsubscribe?t=`, `${PUBLIC_URL}/unsubscribe`]) {
        const response = await oneClick(url);
        assert.equal(response.statusCode, valid.statusCode, url);
        assert.equal(withoutQuery(response.body), withoutQuery(valid.body), url);
      }
      assert.equal(await statusOf('cleo@example.org'), 'invited');
      assert.equal(await statusOf('dan@example.org'), 'invited');
      assert.equal((await unsubscribeAudits()).length, audits);
    });

    it('still refuses with 403 a POST without CSRF token whose body is not exactly the one-click form', async () => {
      const dan = urls.get('dan@example.org')!;
      const token = new URL(dan).searchParams.get('t')!;
      const refused: [string, string, Record<string, string>][] = [
        ['no body', '', FORM],
        ['the token in the form', new URLSearchParams({ t: token }).toString(), FORM],
        ['one-click plus another field', `${ONE_CLICK}&t=${token}`, FORM],
        ['another value', 'List-Unsubscribe=Yes', FORM],
        ['the one-click field as JSON', JSON.stringify({ 'List-Unsubscribe': 'One-Click' }), { 'content-type': 'application/json' }],
      ];
      for (const [what, payload, headers] of refused) {
        const response = await oneClick(dan, payload, headers);
        assert.equal(response.statusCode, 403, what);
      }
      assert.equal(await statusOf('dan@example.org'), 'invited');
      // other unsafe routes keep their CSRF check even with the one-click body
      const login = await t.app.inject({ method: 'POST', url: '/admin/login', headers: FORM, payload: ONE_CLICK });
      assert.equal(login.statusCode, 403);
    });

    it('keeps the confirmation page and its CSRF-checked form working', async () => {
      const cleo = urls.get('cleo@example.org')!;
      const jar = new Map<string, string>();
      const page = await t.app.inject({ url: pathOf(cleo) });
      assert.equal(page.statusCode, 200);
      assert.equal(await statusOf('cleo@example.org'), 'invited', 'opening the link unsubscribes no one');
      keepCookies(jar, page);
      const token = /name="t" value="([^"]+)"/.exec(page.body)?.[1];
      assert.equal(token, new URL(cleo).searchParams.get('t'));
      const response = await t.app.inject({
        method: 'POST',
        url: '/unsubscribe',
        headers: { ...FORM, cookie: cookieHeader(jar) },
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), t: token! }).toString(),
      });
      assert.equal(response.statusCode, 200);
      const cleoContact = (await t.store.contacts.getByEmail(waveId, 'cleo@example.org'))!;
      assert.equal(cleoContact.status, 'unsubscribed');
      const audit = (await unsubscribeAudits()).find((e) => e.target === `contact:${cleoContact.id}`);
      assert.deepEqual(audit?.details, { via: 'form' });
    });
  });
}
