import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLoginThrottle } from '../../src/server/auth/login-throttle.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, endSession, resumeSession, sessionIdHash, startSession } from '../../src/server/auth/sessions.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

for (const database of TEST_DATABASES) {
  describe(`sessions and login throttling [${database.name}]`, () => {
    let store: TestStore;
    let userId: number;
    before(async () => {
      store = await openTestStore(database);
      userId = (await store.users.create({ email: 'a@example.org', role: 'analyst', passwordHash: 'x' })).id;
    });
    after(() => store.close());

    it('stores only the hash of a 128-bit session id', async () => {
      const id = await startSession(store, userId);
      assert.equal(Buffer.from(id, 'base64url').length, 16);
      assert.equal(await store.sessions.get(id), undefined);
      assert.ok(await store.sessions.get(sessionIdHash(id)));
    });

    it('ends a session after the idle timeout, and slides it while used', async () => {
      const t0 = new Date('2030-01-01T08:00:00Z');
      const id = await startSession(store, userId, t0);
      const at = (ms: number) => new Date(t0.getTime() + ms);
      assert.equal((await resumeSession(store, id, at(IDLE_TIMEOUT_MS - 60_000)))?.id, userId);
      // used just before expiry: alive for another idle period
      assert.equal((await resumeSession(store, id, at(2 * IDLE_TIMEOUT_MS - 120_000)))?.id, userId);
      assert.equal(await resumeSession(store, id, at(3 * IDLE_TIMEOUT_MS)), undefined);
    });

    it('ends a session at the absolute timeout however active, and at logout', async () => {
      const t0 = new Date('2030-02-01T08:00:00Z');
      const id = await startSession(store, userId, t0);
      for (let ms = 20 * 60_000; ms < ABSOLUTE_TIMEOUT_MS; ms += 20 * 60_000) assert.ok(await resumeSession(store, id, new Date(t0.getTime() + ms)));
      assert.equal(await resumeSession(store, id, new Date(t0.getTime() + ABSOLUTE_TIMEOUT_MS + 1)), undefined);
      const other = await startSession(store, userId);
      await endSession(store, other);
      assert.equal(await resumeSession(store, other), undefined);
    });

    it('backs off exponentially per (account, address), never for the account at another address, and never for good', async () => {
      let now = new Date('2030-03-01T08:00:00Z');
      const throttle = createLoginThrottle(store, undefined, () => now);
      const waits: number[] = [];
      for (let i = 0; i < 8; i++) {
        await throttle.recordFailure('victim@example.org', '192.0.2.1');
        waits.push(await throttle.waitMs('victim@example.org', '192.0.2.1'));
        assert.equal(await throttle.waitMs('victim@example.org', '198.51.100.1'), 0, 'another address is not held back');
        now = new Date(now.getTime() + waits.at(-1)!);
      }
      assert.deepEqual(waits, [0, 0, 0, 0, 1000, 2000, 4000, 8000]);
      for (let i = 0; i < 40; i++) await throttle.recordFailure('victim@example.org', '192.0.2.1');
      const capped = await throttle.waitMs('victim@example.org', '192.0.2.1');
      assert.ok(capped > 0 && capped <= 15 * 60_000, 'capped at 15 minutes');
      now = new Date(now.getTime() + 15 * 60_000);
      assert.equal(await throttle.waitMs('victim@example.org', '192.0.2.1'), 0);
      await throttle.recordSuccess('victim@example.org', '192.0.2.1');
      assert.equal(await store.loginAttempts.get('pair:victim@example.org|192.0.2.1'), undefined);
    });

    it('throttles an address that tries many accounts', async () => {
      const now = new Date('2030-04-01T08:00:00Z');
      const throttle = createLoginThrottle(store, undefined, () => now);
      for (let i = 0; i < 20; i++) await throttle.recordFailure(`user${i}@example.org`, '203.0.113.99');
      assert.ok((await throttle.waitMs('someone@example.org', '203.0.113.99')) > 0);
      assert.equal(await throttle.waitMs('someone@example.org', '203.0.113.100'), 0);
    });
  });
}
