/**
 * Sending invitations or reminders twice at once (a double click, two colleagues, two app nodes) mails each
 * contact once: two app instances on one database, each enqueuing a send of the same wave at the same moment
 * and each running its worker at once, with a real SMTP server capturing what is mailed, on each test
 * database. A mail refused for a while is retried by the job after its backoff (the injected clock moves).
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
    let send: (app: FastifyInstance, kind: 'invitations' | 'reminders') => Promise<number>;
    /** both nodes' workers at once, until no job is due; the jobs as they ended */
    const drainBoth = async () => (await Promise.all([t.app.jobs.drainForTests(), other.jobs.drainForTests()])).flat();

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
        const location = String(response.headers.location);
        assert.match(location, new RegExp(`/admin/waves/${waveId}/jobs/\\d+$`), 'the send redirects to its progress page');
        return Number(location.split('/').at(-1));
      };
    });
    after(async () => {
      await other?.close();
      await otherStore?.close();
      await t?.close();
      await smtp?.close();
    });

    it('mails each contact one invitation when two nodes and a double click send at once', async () => {
      const jobs = await Promise.all([send(t.app, 'invitations'), send(other, 'invitations'), send(t.app, 'invitations')]);
      assert.equal(smtp.messages.length, 0, 'nothing is mailed inside the request');
      const ended = await drainBoth();
      assert.deepEqual(ended.map((j) => j.id).sort(), [...jobs].sort());
      assert.ok(
        ended.every((j) => j.status === 'done' && j.progressFailed === 0),
        JSON.stringify(ended),
      );
      assert.equal(
        ended.reduce((n, j) => n + j.progressDone, 0),
        CONTACTS.length,
        'the three jobs sent each contact once between them',
      );
      assert.equal(smtp.messages.length, CONTACTS.length);
      assert.deepEqual([...perRecipient(smtp.messages)].sort(), CONTACTS.map((c) => [c, 1]).sort());
      const invitations = await t.store.invitations.listByWave(waveId);
      assert.equal(invitations.length, CONTACTS.length);
      assert.equal(new Set(invitations.map((i) => i.contactId)).size, CONTACTS.length);
      assert.ok(invitations.every((i) => i.sentAt !== null && i.claimedAt === null));
      // a later send has nobody left to invite
      await send(other, 'invitations');
      const [last] = await drainBoth();
      assert.deepEqual([last?.status, last?.progressDone, last?.progressTotal], ['done', 0, 0]);
      assert.equal(smtp.messages.length, CONTACTS.length);
    });

    it('mails each contact one reminder when two nodes and a double click remind at once', async () => {
      smtp.messages.length = 0;
      await Promise.all([send(other, 'reminders'), send(t.app, 'reminders'), send(other, 'reminders')]);
      const ended = await drainBoth();
      assert.equal(
        ended.reduce((n, j) => n + j.progressDone, 0),
        CONTACTS.length,
      );
      assert.equal(smtp.messages.length, CONTACTS.length);
      assert.deepEqual([...perRecipient(smtp.messages)].sort(), CONTACTS.map((c) => [c, 1]).sort());
      const invitations = await t.store.invitations.listByWave(waveId);
      assert.equal(invitations.length, CONTACTS.length);
      assert.ok(invitations.every((i) => i.reminderCount === 1 && i.remindedAt !== null && i.claimedAt === null));
    });
  });

  describe(`a refused mail is retried after a backoff, a rejected address is marked bounced [${database.name}]`, () => {
    let server: SMTPServer;
    let t: AdminTestApp;
    let waveId: number;
    let refusing = true;
    const received: string[] = [];

    before(async () => {
      // a real SMTP server: gone@ is rejected for good (550), later@ refused for now (451) while `refusing`
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        onRcptTo(address, _session, callback) {
          if (address.address === 'gone@example.org') return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
          if (refusing && address.address === 'later@example.org') return callback(Object.assign(new Error('4.2.0 try again later'), { responseCode: 451 }));
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
      for (const email of ['ok@example.org', 'gone@example.org', 'later@example.org']) await t.store.contacts.create({ waveId, email, name: null, company: null });
    });
    after(async () => {
      await t?.close();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    });

    it('retries the refused contact after the backoff on the injected clock, and never mails the bounced one again', async () => {
      const analyst = await signIn(t.app, 'analyst@example.org');
      const send = async (kind: string) => {
        const response = await t.app.inject({
          method: 'POST',
          url: `/admin/waves/${waveId}/${kind}`,
          headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
          payload: new URLSearchParams({ _csrf: analyst.csrf }).toString(),
        });
        assert.equal(response.statusCode, 303, response.body);
        return Number(String(response.headers.location).split('/').at(-1));
      };
      const contactOf = async (email: string) => (await t.store.contacts.getByEmail(waveId, email))!;
      for (const kind of ['invitations', 'reminders']) {
        refusing = true;
        received.length = 0;
        const id = await send(kind);
        const [first] = await t.app.jobs.drainForTests();
        assert.equal(first?.id, id);
        assert.deepEqual([first!.status, first!.attempts], ['queued', 1], `${kind}: queued again for a retry`);
        assert.match(first!.lastError ?? '', /451/);
        const wait = new Date(first!.runAt).getTime() - t.clock.now().getTime();
        assert.ok(wait > 25_000 && wait <= 30_000, `the first retry waits the base backoff (${wait} ms)`);
        const laterId = (await contactOf('later@example.org')).id;
        const later = (await t.store.invitations.listByWave(waveId)).find((i) => i.contactId === laterId);
        assert.equal(later?.claimedAt ?? null, null, 'the refused contact is not left claimed');
        assert.deepEqual(await t.app.jobs.drainForTests(), [], 'not before its time');
        // the progress page shows the retry and its time
        const page = await t.app.inject({ url: `/en/admin/waves/${waveId}/jobs/${id}`, headers: { cookie: cookieHeader(analyst.jar) } });
        assert.match(page.body, /Attempt 1 failed; next attempt at/);
        assert.match(page.body, /http-equiv="refresh"/);
        refusing = false;
        t.clock.advance(30_000);
        const [second] = await t.app.jobs.drainForTests();
        assert.deepEqual([second?.id, second?.status, second?.attempts], [id, 'done', 2]);
        assert.deepEqual(received, kind === 'invitations' ? ['ok@example.org', 'later@example.org'] : ['ok@example.org', 'later@example.org']);
        if (kind === 'invitations') assert.equal(second!.progressFailed, 1, 'the rejected address counts as failed');
      }
      const gone = await contactOf('gone@example.org');
      assert.equal(gone.status, 'bounced');
      assert.ok(gone.bouncedAt);
      assert.match(gone.bounceReason ?? '', /550/);
      assert.doesNotMatch(gone.bounceReason ?? '', /gone@example\.org/, 'the reason does not repeat the address');
    });
  });
}
