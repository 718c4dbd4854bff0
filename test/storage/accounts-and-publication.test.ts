import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';
import { rawDatabase } from '../helpers/raw-database.js';

const codeOf = (e: unknown) => (e as { code?: string }).code;
const T0 = new Date('2015-03-01T10:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

for (const database of TEST_DATABASES) {
  describe(`users, sessions and login attempts [${database.name}]`, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(database);
    });
    after(() => store.close());

    it('creates a user once per e-mail and changes role, password and status', async () => {
      const user = await store.users.create({ email: 'owner@example.org', passwordHash: 'h1', role: 'owner' }, T0);
      assert.equal(user.disabled, false);
      await assert.rejects(store.users.create({ email: 'owner@example.org', passwordHash: 'h2', role: 'viewer' }), (e) => codeOf(e) === 'CONFLICT');
      await store.users.setRole(user.id, 'analyst');
      await store.users.setPasswordHash(user.id, 'h3');
      await store.users.setDisabled(user.id, true);
      assert.deepEqual(await store.users.getByEmail('owner@example.org'), { ...user, role: 'analyst', passwordHash: 'h3', disabled: true });
      assert.equal(await store.users.count(), 1);
    });

    it('returns a session until it expires, and slides its expiry when touched', async () => {
      const user = await store.users.create({ email: 'analyst@example.org', passwordHash: 'h', role: 'analyst' });
      await store.sessions.create({ idHash: 's1', userId: user.id, expiresAt: later(30).toISOString() }, T0);
      assert.equal((await store.sessions.get('s1', later(10)))?.userId, user.id);
      assert.equal(await store.sessions.get('s1', later(31)), undefined);
      await store.sessions.touch('s1', { expiresAt: later(60).toISOString(), now: later(20) });
      assert.equal((await store.sessions.get('s1', later(31)))?.lastSeenAt, later(20).toISOString());
      await store.sessions.create({ idHash: 's2', userId: user.id, expiresAt: later(5).toISOString() }, T0);
      assert.equal(await store.sessions.deleteExpired(later(10)), 1);
      assert.equal(await store.sessions.deleteForUser(user.id), 1);
      assert.equal(await store.sessions.get('s1', T0), undefined);
    });

    it('counts login failures atomically, even when they arrive together', async () => {
      await Promise.all(Array.from({ length: 10 }, () => store.loginAttempts.recordFailure('email:x@example.org', T0)));
      const attempt = (await store.loginAttempts.get('email:x@example.org'))!;
      assert.equal(attempt.failures, 10);
      assert.equal(attempt.firstFailureAt, T0.toISOString());
      await store.loginAttempts.block('email:x@example.org', later(15).toISOString());
      assert.equal((await store.loginAttempts.get('email:x@example.org'))?.blockedUntil, later(15).toISOString());
      await store.loginAttempts.clear('email:x@example.org');
      assert.equal(await store.loginAttempts.get('email:x@example.org'), undefined);
    });
  });

  describe(`contacts, invitations, leads, audit log and results cache [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
    });
    after(() => store.close());

    it('keeps one contact per wave and e-mail, and records unsubscriptions once', async () => {
      const contact = await store.contacts.create({ waveId: wave.id, email: 'c@example.org', company: 'ACME', profile: { size: '10-49' } });
      assert.deepEqual(contact.profile, { size: '10-49' });
      await assert.rejects(store.contacts.create({ waveId: wave.id, email: 'c@example.org' }), (e) => codeOf(e) === 'CONFLICT');
      await store.contacts.unsubscribe(contact.id, T0);
      await store.contacts.unsubscribe(contact.id, later(5));
      const read = (await store.contacts.getByEmail(wave.id, 'c@example.org'))!;
      assert.equal(read.status, 'unsubscribed');
      assert.equal(read.unsubscribedAt, T0.toISOString());
      assert.deepEqual(
        (await store.contacts.listByWave(wave.id, { status: 'unsubscribed' })).map((c) => c.id),
        [contact.id],
      );
    });

    it('finds an invitation by its token hash and tracks sending', async () => {
      const contact = await store.contacts.create({ waveId: wave.id, email: 'd@example.org' });
      const invitation = await store.invitations.create({ waveId: wave.id, contactId: contact.id, tokenHash: 'th-1' });
      await assert.rejects(store.invitations.create({ waveId: wave.id, tokenHash: 'th-1' }), (e) => codeOf(e) === 'CONFLICT');
      assert.deepEqual(
        (await store.invitations.listByWave(wave.id, { unsent: true })).map((i) => i.id),
        [invitation.id],
      );
      await store.invitations.markSent(invitation.id, T0);
      await store.invitations.markReminded(invitation.id, later(60 * 24 * 7));
      const read = (await store.invitations.getByTokenHash('th-1'))!;
      assert.equal(read.sentAt, T0.toISOString());
      assert.equal(read.contactId, contact.id);
      assert.deepEqual(await store.invitations.listByWave(wave.id, { unsent: true }), []);
    });

    it('stores leads with their consent and finds them by download token', async () => {
      const lead = await store.leads.create({
        studyId: 'test-study',
        waveId: wave.id,
        name: 'Ana',
        email: 'ana@example.org',
        companySize: '10-49',
        consentContact: true,
        consentVersion: '2015-1',
        consentAt: T0.toISOString(),
        downloadTokenHash: 'dl-1',
      });
      assert.equal(lead.consentContact, true);
      assert.deepEqual(await store.leads.getByDownloadTokenHash('dl-1'), lead);
      assert.deepEqual(
        (await store.leads.list('test-study', { waveId: wave.id })).map((l) => l.id),
        [lead.id],
      );
      assert.equal(await store.leads.delete(lead.id), true);
      assert.deepEqual(await store.leads.list('test-study'), []);
    });

    it('keeps the answers to the study’s lead form fields as JSON by field id, the legacy columns left null', async () => {
      const fields = { organisation: 'Acme « SA » \u00e9', size_band: 3 };
      const lead = await store.leads.create({ studyId: 'test-study', waveId: wave.id, name: 'Bo', email: 'bo@example.org', fields, consentContact: false });
      assert.deepEqual(lead.fields, fields);
      assert.equal(lead.company, null);
      assert.equal(lead.companySize, null);
      assert.deepEqual((await store.leads.get(lead.id))!.fields, fields);
      const raw = await rawDatabase(store).selectFrom('leads').select('fields').where('id', '=', lead.id).executeTakeFirstOrThrow();
      assert.deepEqual(JSON.parse(raw.fields!), fields);
      const none = await store.leads.create({ studyId: 'test-study', name: 'Cy', email: 'cy@example.org', consentContact: false });
      assert.equal(none.fields, null, 'a study without lead fields stores none');
      await store.leads.delete(lead.id);
      await store.leads.delete(none.id);
    });

    it('lists the audit log newest first and pages backwards', async () => {
      for (let i = 0; i < 5; i++) await store.auditLog.append({ action: i % 2 ? 'wave.publish' : 'response.exclude', target: `t${i}`, details: { i } }, later(i));
      const page1 = await store.auditLog.list({ limit: 2 });
      assert.deepEqual(
        page1.map((e) => e.target),
        ['t4', 't3'],
      );
      const page2 = await store.auditLog.list({ limit: 2, beforeId: page1[1].id });
      assert.deepEqual(
        page2.map((e) => e.target),
        ['t2', 't1'],
      );
      assert.deepEqual(
        (await store.auditLog.list({ action: 'wave.publish' })).map((e) => e.details),
        [{ i: 3 }, { i: 1 }],
      );
    });

    it('serves a cached result only at the data version it was computed for', async () => {
      await store.resultsCache.put(wave.id, 'tables:fr', 3, '{"n":10}', T0);
      assert.equal(await store.resultsCache.get(wave.id, 'tables:fr', 3), '{"n":10}');
      assert.equal(await store.resultsCache.get(wave.id, 'tables:fr', 4), undefined);
      await store.resultsCache.put(wave.id, 'tables:fr', 4, '{"n":11}', later(1));
      assert.equal(await store.resultsCache.get(wave.id, 'tables:fr', 4), '{"n":11}');
      assert.equal(await store.resultsCache.clear(wave.id), 1);
    });
  });
}
