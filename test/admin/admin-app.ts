/**
 * The real app on a fresh test database for workspace tests (app.inject, no socket): accounts of each
 * role, a login helper returning the session cookie, and the CSRF token of a page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { createApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { loadConfig, type AppConfig } from '../../src/server/config.js';
import { ROUTE_PLUGINS } from '../../src/server/routes/index.js';
import type { UserRole } from '../../src/store/index.js';
import { openTestStore, type TestDatabase, type TestStore } from '../helpers/databases.js';

export const PASSWORD = 'a long test password 42';

export interface AdminTestApp {
  readonly app: FastifyInstance;
  readonly store: TestStore;
  readonly config: AppConfig;
  /** every route the app registered: method and URL pattern */
  readonly routes: readonly { method: string; url: string }[];
  /** the app's clock (login throttling, TOTP): real time plus what `advance` added, so tests never sleep */
  readonly clock: TestClock;
  close(): Promise<void>;
}

/** A plugin that sees every route of the app (not encapsulated, as fastify-plugin does). */
function routeRecorder(routes: { method: string; url: string }[]): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });
  };
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}

export interface TestClock {
  readonly now: () => Date;
  advance(ms: number): void;
}

/** A clock that follows real time, moved forward by `advance(ms)` instead of sleeping. */
export function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms) {
      offset += ms;
    },
  };
}

export async function startAdminApp(database: TestDatabase, env: Record<string, string> = {}, options: { warm?: boolean } = {}): Promise<AdminTestApp> {
  const store = await openTestStore(database);
  const dir = mkdtempSync(join(tmpdir(), 'barometre-admin-'));
  const config = loadConfig({ DATA_DIR: dir, SECRET_KEY: 'admin-test-secret-'.padEnd(48, 'x'), ...env });
  const routes: { method: string; url: string }[] = [];
  const clock = testClock();
  const app = await createApp({ store, config, clock: clock.now, routes: [routeRecorder(routes), ...ROUTE_PLUGINS], warm: options.warm });
  await app.ready();
  return {
    app,
    store,
    config,
    routes,
    clock,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function addUser(store: TestStore, email: string, role: UserRole): Promise<void> {
  await store.users.create({ email, role, passwordHash: await hashPassword(PASSWORD) });
}

type Reply = { cookies: { name: string; value: string }[]; body: string; headers: Record<string, unknown> };

/** Merges the Set-Cookie of a response into a cookie jar. */
export function keepCookies(jar: Map<string, string>, response: Reply): void {
  for (const c of response.cookies) {
    if (c.value === '') jar.delete(c.name);
    else jar.set(c.name, c.value);
  }
}
export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The `_csrf` hidden field of a page. */
export function csrfOf(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match) throw new Error('no CSRF field in the page');
  return match[1]!;
}

/** Signs in through the login form; returns the cookie jar (session + CSRF secret) and a fresh CSRF token. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD, remoteAddress = '127.0.0.1') {
  const jar = new Map<string, string>();
  const page = await app.inject({ url: '/admin/login', remoteAddress });
  keepCookies(jar, page);
  const response = await app.inject({
    method: 'POST',
    url: '/admin/login',
    remoteAddress,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfOf(page.body), email, password, next: '/admin' }).toString(),
  });
  keepCookies(jar, response);
  const home = await app.inject({ url: '/admin', headers: { cookie: cookieHeader(jar) }, remoteAddress });
  return { response, jar, csrf: home.statusCode === 200 ? csrfOf(home.body) : '' };
}
