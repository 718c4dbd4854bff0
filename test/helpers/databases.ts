/**
 * The databases storage tests run on, and a fresh store for each.
 *
 * Which databases: TEST_DATABASES (comma list, e.g. `sqlite,postgres`) when set; otherwise SQLite
 * always, plus PostgreSQL when DATABASE_URL is a postgres:// URL. The PostgreSQL server is the one
 * of TEST_DATABASE_URL, else DATABASE_URL, else the local socket
 * (postgres://root@/barometre_test?host=/var/run/postgresql).
 *
 * Every `openTestStore` call gets its own empty database, so test files and tests are independent:
 * SQLite a file in a new temp folder, PostgreSQL a new database `barometre_t_…` created next to the
 * configured one (which is only used to run CREATE/DROP DATABASE). `close()` on the returned store
 * also deletes it.
 *
 * Usage (name each describe with the database so the output shows both runs):
 *
 *   import { after, before, describe, it } from 'node:test';
 *   import { TEST_DATABASES, openTestStore } from '../helpers/databases.js';
 *   import type { Store } from '../../src/store/index.js';
 *
 *   for (const database of TEST_DATABASES) {
 *     describe(`waves [${database.name}]`, () => {
 *       let store: Store;
 *       before(async () => { store = await openTestStore(database); });
 *       after(() => store.close());
 *       it('…', async () => { … });
 *     });
 *   }
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, isPostgresUrl, type DatabaseOptions, type Store } from '../../src/store/index.js';

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  /** PostgreSQL only: the server's admin URL (a database used to create and drop test databases) */
  readonly url?: string;
}

const LOCAL_POSTGRES = 'postgres://root@/barometre_test?host=/var/run/postgresql';

function listTestDatabases(env: NodeJS.ProcessEnv): readonly TestDatabase[] {
  const postgresUrl = env.TEST_DATABASE_URL || (isPostgresUrl(env.DATABASE_URL) ? env.DATABASE_URL : undefined);
  const names = env.TEST_DATABASES
    ? env.TEST_DATABASES.split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : ['sqlite', ...(postgresUrl ? ['postgres'] : [])];
  return Object.freeze(
    names.map((name): TestDatabase => {
      if (name === 'sqlite') return { name };
      if (name === 'postgres') return { name, url: postgresUrl ?? LOCAL_POSTGRES };
      throw new Error(`TEST_DATABASES: unknown database "${name}" (sqlite, postgres)`);
    }),
  );
}

/** The databases of this run, read once from the environment. */
export const TEST_DATABASES: readonly TestDatabase[] = listTestDatabases(process.env);

/** The same URL pointing at another database of the same server. */
function withDatabaseName(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A test store, with the options that open it again (e.g. from a second process). */
export interface TestStore extends Store {
  readonly options: DatabaseOptions;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let staleDropped: Promise<void> | undefined;

/**
 * Drops test databases left by test processes that died before closing their store (their pid is
 * in the name). Only for a server on a local socket, where those pids are this machine's.
 */
function dropStaleDatabases(adminUrl: string): Promise<void> {
  return (staleDropped ??= (async () => {
    if (!/[?&]host=\//.test(adminUrl)) return;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'barometre\\_t\\_%'`);
      for (const { datname } of rows) {
        const pid = Number(/^barometre_t_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
        if (pid && pid !== process.pid && !isAlive(pid)) await client.query(`drop database if exists ${datname} with (force)`);
      }
    } finally {
      await client.end();
    }
  })());
}

/**
 * Opens a store on a new, empty database of `database`, migrated unless `migrate: false`.
 * Its `close()` closes it and deletes the database.
 */
export async function openTestStore(database: TestDatabase, options: { migrate?: boolean } = {}): Promise<TestStore> {
  let storeOptions: DatabaseOptions;
  let cleanup: () => Promise<void>;
  if (database.name === 'postgres') {
    const adminUrl = database.url!;
    await dropStaleDatabases(adminUrl);
    const name = `barometre_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    storeOptions = { databaseUrl: withDatabaseName(adminUrl, name), dataDir: tmpdir() };
    cleanup = () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'barometre-test-'));
    storeOptions = { dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const store = createDatabase(storeOptions);
  if (options.migrate !== false) await store.migrate();
  let closing: Promise<void> | undefined;
  return Object.freeze({
    ...store,
    options: storeOptions,
    close: () =>
      (closing ??= (async () => {
        await store.close();
        await cleanup();
      })()),
  });
}
