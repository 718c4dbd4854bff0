import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkSecretFingerprint, secretFingerprint } from '../../src/server/secret-fingerprint.js';
import { databaseRateLimitStore, purgeEvery } from '../../src/server/rate-limit-store.js';
import { createDatabase, type Store } from '../../src/store/index.js';
import { openTestStore, TEST_DATABASES, type TestStore } from '../helpers/databases.js';

const SECRET_A = 'a'.repeat(64);
const SECRET_B = 'b'.repeat(64);

for (const database of TEST_DATABASES) {
  describe(`state shared by the nodes of an installation [${database.name}]`, () => {
    let first: TestStore;
    let second: Store;
    before(async () => {
      first = await openTestStore(database);
      second = createDatabase(first.options); // another connection to the same database, as another node has
    });
    after(async () => {
      await second.close();
      await first.close();
    });

    it('stores the secret fingerprint at first start and refuses another secret, naming SECRET_KEY, without revealing either', async () => {
      await checkSecretFingerprint(first, SECRET_A);
      await checkSecretFingerprint(second, SECRET_A);
      await assert.rejects(checkSecretFingerprint(second, SECRET_B), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'INVALID_INPUT');
        assert.match(e.message, /SECRET_KEY differs/);
        assert.ok(!e.message.includes(SECRET_A) && !e.message.includes(SECRET_B));
        return true;
      });
      const stored = await first.instanceSettings.get('secret_key_fingerprint');
      assert.equal(stored, secretFingerprint(SECRET_A));
      assert.ok(!stored!.includes(SECRET_A));
    });

    it('counts rate-limit hits of one route across nodes, separately per route, and starts a new window when it ends', async () => {
      const route = { routeInfo: { method: 'POST', url: '/s/:study/:wave' } };
      const a = new (databaseRateLimitStore(first))({}).child(route as never);
      const b = new (databaseRateLimitStore(second))({}).child(route as never);
      const other = new (databaseRateLimitStore(second))({}).child({ routeInfo: { method: 'GET', url: '/x' } } as never);
      const incr = (s: typeof a, key: string) =>
        new Promise<{ current: number; ttl: number }>((resolve, reject) => s.incr(key, (e, r) => (e ? reject(e) : resolve(r!)), 60_000, 10));
      const counts: number[] = [];
      for (let i = 0; i < 6; i++) counts.push((await incr(i % 2 === 0 ? a : b, '192.0.2.1')).current);
      assert.deepEqual(counts, [1, 2, 3, 4, 5, 6]);
      assert.equal((await incr(other, '192.0.2.1')).current, 1, 'another route has its own budget');
      assert.equal((await incr(a, '192.0.2.2')).current, 1, 'another address has its own budget');
      const last = await incr(b, '192.0.2.1');
      assert.ok(last.ttl > 0 && last.ttl <= 60_000);

      const t0 = new Date('2030-01-01T00:00:00Z');
      assert.equal((await first.rateCounters.hit('k', 1000, t0)).hits, 1);
      assert.equal((await second.rateCounters.hit('k', 1000, new Date(t0.getTime() + 999))).hits, 2);
      const fresh = await first.rateCounters.hit('k', 1000, new Date(t0.getTime() + 1000));
      assert.equal(fresh.hits, 1, 'a new window');
      assert.equal(fresh.resetsAt.getTime(), t0.getTime() + 2000);
      assert.equal((await second.rateCounters.get('k', new Date(t0.getTime() + 2000))).hits, 0);
      assert.ok((await first.rateCounters.purgeExpired(new Date(t0.getTime() + 2000))) >= 1);
    });

    it('deletes ended windows every n-th hit, keeping the live ones', async () => {
      const t0 = new Date('2031-01-01T00:00:00Z');
      await first.rateCounters.hit('ended', 1000, t0);
      await first.rateCounters.hit('live', 60_000, t0);
      const purge = purgeEvery(second, 2);
      const later = new Date(t0.getTime() + 5000);
      purge(later);
      assert.equal((await first.rateCounters.get('ended', t0)).hits, 1, 'not yet: first call');
      purge(later);
      for (let i = 0; i < 50 && (await first.rateCounters.get('ended', t0)).hits > 0; i++) await new Promise((r) => setImmediate(r));
      assert.equal((await first.rateCounters.get('ended', t0)).hits, 0);
      assert.equal((await first.rateCounters.get('live', later)).hits, 1);
    });

    it('never loses a hit when nodes count at the same moment', async () => {
      const hits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second).rateCounters.hit('burst', 60_000)));
      assert.deepEqual(
        hits.map((h) => h.hits).sort((x, y) => x - y),
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    });
  });
}
