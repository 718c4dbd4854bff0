import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { t } from '../../src/messages/index.js';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { ROUTE_PLUGINS } from '../../src/server/routes/index.js';
import { openStore, type Store } from '../../src/store/index.js';

const outage = (code: string, message = 'database is locked') => Object.assign(new Error(message), { code });

/** Routes that fail the way the drivers do when the database goes away. */
const failingRoutes: FastifyPluginAsync = async (app) => {
  app.get('/test/terminated', async () => {
    throw outage('57P01', 'terminating connection due to administrator command (respondent@example.org)');
  });
  app.get('/test/busy', async () => {
    throw outage('SQLITE_BUSY');
  });
  app.get('/test/full', async () => {
    throw outage('SQLITE_FULL', 'database or disk is full');
  });
  app.get('/test/reset', async () => {
    throw new Error('Connection terminated unexpectedly');
  });
  app.get('/api/test/terminated', async () => {
    throw outage('ECONNRESET', 'read ECONNRESET');
  });
};

describe('a database outage becomes a 503 that says to try again', () => {
  let dir: string;
  let store: Store;
  let app: FastifyInstance;
  const logLines: string[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'barometre-outage-'));
    store = await openStore({ dataDir: dir });
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await createApp({
      store,
      config: loadConfig({ DATA_DIR: dir, SECRET_KEY: 'outage-test-secret-0123456789abcdef-0123456789' }),
      routes: [...ROUTE_PLUGINS, failingRoutes],
      logger: { stream, level: 'warn' },
    });
  });
  after(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [path, reason] of [
    ['/test/terminated', 'shutting-down'],
    ['/test/busy', 'busy'],
    ['/test/full', 'disk-full'],
    ['/test/reset', 'connection-lost'],
  ] as const) {
    it(`${path}: 503 page with Retry-After in French and English, logged as "${reason}" without the message`, async () => {
      logLines.length = 0;
      for (const [prefix, lang] of [
        ['', 'fr'],
        ['/en', 'en'],
      ] as const) {
        const res = await app.inject({ method: 'GET', url: `${prefix}${path}` });
        assert.equal(res.statusCode, 503);
        assert.equal(res.headers['retry-after'], '5');
        assert.match(String(res.headers['content-type']), /text\/html/);
        assert.ok(res.body.includes(t(lang, 'error.503.title')), 'the 503 title');
        assert.ok(res.body.includes(t(lang, 'error.database.text')), 'the "try again" text');
        assert.ok(!res.body.includes('SQLITE') && !res.body.includes('57P01') && !res.body.includes('respondent@example.org'));
      }
      const warnings = logLines.filter((l) => l.includes('database unavailable'));
      assert.equal(warnings.length, 2);
      for (const line of warnings) {
        assert.equal(JSON.parse(line).reason, reason);
        assert.ok(!line.includes('respondent@example.org'), 'no personal data from the driver message in the log');
      }
    });
  }

  it('the API answers JSON with code UNAVAILABLE and the reason', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/terminated' });
    assert.equal(res.statusCode, 503);
    const body = res.json();
    assert.equal(body.error.code, 'UNAVAILABLE');
    assert.equal(body.error.details.reason, 'connection-lost');
  });

  it('every language has its own "try again" wording', () => {
    const texts = (['fr', 'en', 'de', 'es'] as const).map((lang) => t(lang, 'error.database.text'));
    assert.equal(new Set(texts).size, 4);
    assert.match(texts[0]!, /Réessayez/);
    assert.match(texts[0]!, /injoignable\u00a0:/, 'French no-break space before the colon');
  });

  it('/healthz answers 200 and /readyz 200 when the database is current', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
    assert.match(String(ready.headers['cache-control']), /no-store/);
  });
});

describe('/readyz when the database is unreachable or behind', () => {
  it('503 with reason connection-refused when PostgreSQL does not answer; /healthz still 200', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barometre-outage-'));
    const { createDatabase } = await import('../../src/store/index.js');
    // nothing listens on port 1: every connection is refused at once
    const store = createDatabase({ dataDir: dir, databaseUrl: 'postgres://nobody@127.0.0.1:1/none', connectTimeoutMs: 1000 });
    const app = await createApp({ store, config: loadConfig({ DATA_DIR: dir, SECRET_KEY: 'outage-test-secret-0123456789abcdef-0123456789' }) });
    try {
      assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'unavailable', reason: 'connection-refused' });
      const page = await app.inject({ method: 'GET', url: '/en/' });
      assert.equal(page.statusCode, 503, 'a page that needs the database: 503, not 500');
      assert.ok(page.body.includes(t('en', 'error.database.text')));
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('503 naming the pending migrations when the schema is behind the code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barometre-outage-'));
    const { createDatabase } = await import('../../src/store/index.js');
    const store = createDatabase({ dataDir: dir }); // not migrated
    const app = await createApp({ store, config: loadConfig({ DATA_DIR: dir, SECRET_KEY: 'outage-test-secret-0123456789abcdef-0123456789' }) });
    try {
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      const body = ready.json();
      assert.equal(body.reason, 'migrations-pending');
      assert.ok(body.pendingMigrations.length > 0);
    } finally {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
