import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { createDatabase, databaseUnavailable, type Store } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

/** Resolves with the rejection of `promise`, fails the test when it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the database call to fail');
}

/** Waits until `condition()` holds, checking every 20 ms, failing after `ms`. */
async function within(ms: number, condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const database of TEST_DATABASES) {
  describe(`database outages [${database.name}]`, () => {
    let base: TestStore;
    let store: Store;
    const connectionErrors: Error[] = [];
    before(async () => {
      base = await openTestStore(database);
      store = createDatabase({ ...base.options, busyTimeoutMs: 50, statementTimeoutMs: 300, onConnectionError: (e) => connectionErrors.push(e) });
    });
    after(async () => {
      await store.close();
      await base.close();
    });

    if (database.name === 'postgres') {
      const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
        const client = new pg.Client({ connectionString: base.options.databaseUrl });
        await client.connect();
        try {
          return await fn(client);
        } finally {
          await client.end();
        }
      };
      const terminateSessions = () =>
        admin((c) => c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`));

      it('a session killed while a transaction holds it fails that transaction as unavailable; the process lives and the next call gets a new connection', async () => {
        await store.users.count();
        connectionErrors.length = 0;
        const error = await rejection(
          store.transaction(async (tx) => {
            await tx.users.count();
            await terminateSessions();
            await within(2000, () => connectionErrors.length > 0, 'the checked-out client reports its lost connection');
            return tx.users.count();
          }),
        );
        assert.ok(databaseUnavailable(error), `classified as an outage: ${(error as Error).message}`);
        assert.equal(await store.users.count(), 0, 'the next call works on a new connection');
      });

      it('idle sessions killed between requests: at most one call fails (as unavailable), then every call works', async () => {
        await Promise.all([store.users.count(), store.users.count(), store.users.count()]);
        await terminateSessions();
        let failures = 0;
        for (let i = 0; i < 5; i++) {
          try {
            await store.users.count();
          } catch (error) {
            assert.ok(databaseUnavailable(error), `classified as an outage: ${(error as Error).message}`);
            failures++;
          }
        }
        assert.ok(failures <= 1, `${failures} failures`);
      });

      it('statement_timeout stops a statement stuck behind a lock: reason timeout', async () => {
        await admin(async (client) => {
          await client.query('begin');
          await client.query('lock table users in access exclusive mode');
          try {
            const started = performance.now();
            const error = await rejection(store.users.count());
            assert.equal(databaseUnavailable(error)?.reason, 'timeout', (error as Error).message);
            assert.ok(performance.now() - started < 5000, 'the timeout, not the lock, ended it');
          } finally {
            await client.query('rollback');
          }
        });
        assert.equal(await store.users.count(), 0);
      });
    } else {
      it('a write behind another process lock fails after busy_timeout as SQLITE_BUSY (reason busy), then works once the lock goes', async () => {
        const other = new BetterSqlite3(join(base.options.dataDir, 'barometre.sqlite'));
        try {
          other.exec('begin immediate');
          const error = await rejection(store.users.create({ email: 'busy@example.org', passwordHash: 'x', role: 'owner' }));
          assert.deepEqual(databaseUnavailable(error), { reason: 'busy', code: 'SQLITE_BUSY' });
          other.exec('rollback');
        } finally {
          other.close();
        }
        await store.users.create({ email: 'busy@example.org', passwordHash: 'x', role: 'owner' });
        assert.equal(await store.users.count(), 1);
      });

      it("SQLite's disk-full error (SQLITE_FULL) is classified as disk-full", () => {
        const dir = mkdtempSync(join(tmpdir(), 'barometre-full-'));
        const db = new BetterSqlite3(join(dir, 'full.sqlite'));
        try {
          db.exec('create table filler (x blob)');
          db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
          const error = (() => {
            try {
              db.prepare('insert into filler values (zeroblob(1000000))').run();
            } catch (e) {
              return e;
            }
          })();
          assert.deepEqual(databaseUnavailable(error), { reason: 'disk-full', code: 'SQLITE_FULL' });
        } finally {
          db.close();
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it('a bug or a constraint is not an outage', async () => {
      assert.equal(databaseUnavailable(new TypeError('x is undefined')), undefined);
      await store.users.create({ email: 'twice@example.org', passwordHash: 'x', role: 'owner' });
      const error = await rejection(store.users.create({ email: 'twice@example.org', passwordHash: 'x', role: 'owner' }));
      assert.equal(databaseUnavailable(error), undefined);
    });
  });
}
