/**
 * The real app on a real socket for tests: `createApp` listening on 127.0.0.1 with a free port, on a
 * fresh database (a temp SQLite file, or a new PostgreSQL database when `database` says so; see
 * databases.ts), with a fixed test secret. `close()` stops the server and deletes the database.
 *
 *   const server = await startTestServer();
 *   const res = await fetch(`${server.url}/`);
 *   …
 *   await server.close();
 *
 * `server.app.inject()` works too, for tests that need no socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/server/app.js';
import { loadConfig, type AppConfig } from '../../src/server/config.js';
import { openTestStore, TEST_DATABASES, type TestDatabase, type TestStore } from './databases.js';

export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdef-0123456789abcdef';

export interface TestServer {
  /** http://127.0.0.1:PORT, without a trailing slash */
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: TestStore;
  readonly config: AppConfig;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** default: the first of TEST_DATABASES (SQLite unless the environment says otherwise) */
  readonly database?: TestDatabase;
  /** extra environment for loadConfig (PORT, HOST, DATA_DIR and SECRET_KEY are set) */
  readonly env?: Readonly<Record<string, string>>;
  /** false: build the app without listening (inject only) */
  readonly listen?: boolean;
  /** the app's clock (default the system clock) */
  readonly clock?: () => Date;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const store = await openTestStore(options.database ?? TEST_DATABASES[0]!);
  const dataDir = mkdtempSync(join(tmpdir(), 'barometre-server-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SECRET_KEY: TEST_SECRET_KEY, ...options.env });
  const app = await createApp({ store, config, ...(options.clock ? { clock: options.clock } : {}) });
  let url = '';
  if (options.listen !== false) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('startTestServer: no TCP address');
    url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.ready();
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    store,
    config,
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
}
