/**
 * Sending invitations or reminders twice at once (a double click, two colleagues, two app nodes) mails each
 * contact once: two app instances on one database, each sending the same wave at the same moment, with a real
 * SMTP server capturing what is mailed, on each test database. A mail that fails is retried by the next send.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../../src/server/app.js';
import { ROUTE_PLUGINS } from '../../src/server/routes/index.js';
import { createDatabase, type Store } from '../../src/store/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { openWave } from '../respond/fieldwork.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const CONTACTS = Array.from({ length: 12 }, (_, i) => `contact${i}@example.org`);

/** How many messages each address received. */
function perRecipient(messages: readonly { to: readonly string[] }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

for (const database of TEST_DATABASES) {
  describe(`concurrent sends [${database.name}]`, () => {
    let smtp: SmtpCapture;
    let t: AdminTestApp;
    let otherStore: Store;
    let other: FastifyInstance;
    let waveId: number;
    let send: (app: FastifyInstance, kind: 'invitations' | 'reminders') => Promise<{ sent: number; failed: number }>;

    before(async () => {
      smtp = await startSmtpCapture();
      t = await startAdminApp(database, { SMTP_URL: smtp.url, MAIL_FROM: 'Baromètre <barometre@example.org>', PUBLIC_URL: 'https://barometre.example.org' });
      // a second node: another app and another connection on the same database
      otherStore = createDatabase(t.store.options);
      other = await createApp({ store: otherStore, config: t.config, routes: ROUTE_PLUGINS });
      await other.ready();
      await addUser(t.store, 'analyst@example.org', 'analyst');
      waveId = (await openWave(t.store, '2026')).id;
      for (const email of CONTACTS) await t.store.contacts.create({ waveId, email, name: null, company: null });
      const analyst = await signIn(t.app, 'analyst@example.org');
      send = async (app, kind) => {
        const response = await app.inject({
          method: 'POST',
          url: `/admin/waves/${waveId}/${kind}`,
          headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
          payload: new URLSearchParams({ _csrf: analyst.csrf }).toString(),
        });
        assert.equal(response.statusCode, 303, response.body);
        const location = new URL(String(response.headers.location), 'https://x');
        return { sent: Number(location.searchParams.get('sent')), failed: Number(location.searchParams.get('failed')) };
      };
    });
    after(async () => {
      await other?.close();
      await otherStore?.close();
      await t?.close();
      await smtp?.close();
    });

    it('mails each contact one invitation when two nodes and a double click send at once', async () => {
      const outcomes = await Promise.all([send(t.app, 'invitations'), send(other, 'invitations'), send(t.app, 'invitations')]);
      assert.equal(
        outcomes.reduce((n, o) => n + o.sent, 0),
        CONTACTS.length,
      );
      assert.deepEqual(
        outcomes.map((o) => o.failed),
        [0, 0, 0],
      );
      assert.equal(smtp.messages.length, CONTACTS.length);
      assert.deepEqual([...perRecipient(smtp.messages)].sort(), CONTACTS.map((c) => [c, 1]).sort());
      const invitations = await t.store.invitations.listByWave(waveId);
      assert.equal(invitations.length, CONTACTS.length);
      assert.equal(new Set(invitations.map((i) => i.contactId)).size, CONTACTS.length);
      assert.ok(invitations.every((i) => i.sentAt !== null && i.claimedAt === null));
      // a later send has nobody left to invite
      assert.deepEqual(await send(other, 'invitations'), { sent: 0, failed: 0 });
      assert.equal(smtp.messages.length, CONTACTS.length);
    });

    it('mails each contact one reminder when two nodes and a double click remind at once', async () => {
      smtp.messages.length = 0;
      const outcomes = await Promise.all([send(other, 'reminders'), send(t.app, 'reminders'), send(other, 'reminders')]);
      assert.equal(
        outcomes.reduce((n, o) => n + o.sent, 0),
        CONTACTS.length,
      );
      assert.equal(smtp.messages.length, CONTACTS.length);
      assert.deepEqual([...perRecipient(smtp.messages)].sort(), CONTACTS.map((c) => [c, 1]).sort());
      const invitations = await t.store.invitations.listByWave(waveId);
      assert.equal(invitations.length, CONTACTS.length);
      assert.ok(invitations.every((i) => i.reminderCount === 1 && i.remindedAt !== null && i.claimedAt === null));
    });
  });

  describe(`a failed mail is retried by the next send [${database.name}]`, () => {
    let server: SMTPServer;
    let t: AdminTestApp;
    let waveId: number;
    let refusing = true;
    const received: string[] = [];

    before(async () => {
      // a real SMTP server that refuses one recipient while `refusing`
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        onRcptTo(address, _session, callback) {
          if (refusing && address.address === 'bounce@example.org') return callback(new Error('mailbox unavailable'));
          callback();
        },
        onData(stream, session, callback) {
          stream.resume();
          stream.on('end', () => {
            received.push(...session.envelope.rcptTo.map((r) => r.address));
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.server.address() as AddressInfo).port;
      t = await startAdminApp(database, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Baromètre <barometre@example.org>', PUBLIC_URL: 'https://barometre.example.org' });
      await addUser(t.store, 'analyst@example.org', 'analyst');
      waveId = (await openWave(t.store, '2026')).id;
      for (const email of ['ok@example.org', 'bounce@example.org']) await t.store.contacts.create({ waveId, email, name: null, company: null });
    });
    after(async () => {
      await t?.close();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    });

    it('releases the claims of failed invitations and reminders, so that they are sent later', async () => {
      const analyst = await signIn(t.app, 'analyst@example.org');
      const send = async (kind: string) => {
        const response = await t.app.inject({
          method: 'POST',
          url: `/admin/waves/${waveId}/${kind}`,
          headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
          payload: new URLSearchParams({ _csrf: analyst.csrf }).toString(),
        });
        return String(response.headers.location);
      };
      assert.match(await send('invitations'), /sent=1&failed=1/);
      const bounce = (await t.store.contacts.getByEmail(waveId, 'bounce@example.org'))!;
      const unsent = (await t.store.invitations.listByWave(waveId)).find((i) => i.contactId === bounce.id)!;
      assert.deepEqual([unsent.sentAt, unsent.claimedAt], [null, null], 'not sent, not claimed');
      assert.match(await send('reminders'), /sent=1&failed=0/, 'only the invited contact is reminded');
      refusing = false;
      assert.match(await send('invitations'), /sent=1&failed=0/, 'the failed invitation is sent by the next send');
      assert.deepEqual(received, ['ok@example.org', 'ok@example.org', 'bounce@example.org']);
      assert.equal((await t.store.invitations.listByWave(waveId)).length, 2);
      // a reminder that fails gives its round back
      refusing = true;
      assert.match(await send('reminders'), /sent=1&failed=1/);
      let bounced = (await t.store.invitations.listByWave(waveId)).find((i) => i.contactId === bounce.id)!;
      assert.deepEqual([bounced.reminderCount, bounced.remindedAt, bounced.claimedAt], [0, null, null]);
      refusing = false;
      assert.match(await send('reminders'), /sent=2&failed=0/);
      bounced = (await t.store.invitations.listByWave(waveId)).find((i) => i.contactId === bounce.id)!;
      assert.equal(bounced.reminderCount, 1);
    });
  });
}
