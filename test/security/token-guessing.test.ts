import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Store, Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { FULL_PAGES, invite, openWave } from '../respond/fieldwork.js';
import { InjectClient } from '../respond/inject-client.js';

const SECRET = 'guessing-test-secret-0123456789abcdef-0123456789';

/** The store with every repository method wrapped to record its calls, in order (the repositories are frozen: copies). */
function recordingStore(store: Store, calls: string[]): Store {
  const wrapped: Record<string, unknown> = { ...store };
  for (const [name, repo] of Object.entries(store)) {
    if (name === 'db' || repo === null || typeof repo !== 'object') continue;
    wrapped[name] = Object.fromEntries(
      Object.entries(repo as Record<string, unknown>).map(([method, fn]) => [
        method,
        typeof fn === 'function' ? (...args: unknown[]) => (calls.push(`${name}.${method}`), fn(...args)) : fn,
      ]),
    );
  }
  return wrapped as unknown as Store;
}

for (const database of TEST_DATABASES) {
  describe(`token guessing [${database.name}]`, () => {
    let store: TestStore;
    let app: FastifyInstance;
    let wave: Wave;
    let usedToken: string;
    const calls: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'barometre-guess-'));

    before(async () => {
      store = await openTestStore(database);
      app = await createApp({ store: recordingStore(store, calls), config: loadConfig({ DATA_DIR: dir, SECRET_KEY: SECRET }) });
      await app.ready();
      wave = await openWave(store, 'guess');
      usedToken = await invite(store, wave, SECRET);
      const respondent = new InjectClient(app, '10.1.0.1');
      let page = await respondent.get(`/s/${wave.studyId}/${wave.code}?t=${usedToken}`);
      for (const answers of FULL_PAGES) page = await respondent.submit(page, answers);
      page = await respondent.submit(page, [], 'finish');
      assert.equal(page.status, 200);
    });
    after(async () => {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers 429 after a few of 1,000 wrong tokens from one address within a minute', async () => {
      const statuses = new Map<number, number>();
      let first429 = -1;
      const started = Date.now();
      for (let i = 0; i < 1000; i++) {
        const token = randomBytes(16).toString('base64url');
        const response = await app.inject({ url: `/s/${wave.studyId}/${wave.code}?t=${token}`, remoteAddress: '203.0.113.7' });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode === 429 && first429 < 0) first429 = i;
      }
      const seconds = (Date.now() - started) / 1000;
      console.log(`# 1000 wrong tokens in ${seconds.toFixed(1)} s: ${JSON.stringify(Object.fromEntries(statuses))}, first 429 at request ${first429 + 1}`);
      assert.ok(seconds < 60, 'within a minute');
      assert.ok(first429 >= 0 && first429 <= 20, `429 after a few (first at ${first429 + 1})`);
      assert.equal((statuses.get(404) ?? 0) + (statuses.get(429) ?? 0), 1000, 'nothing but the invalid-link page and 429');
      assert.ok((statuses.get(429) ?? 0) >= 980);
      // another address is not affected
      const other = await app.inject({ url: `/s/${wave.studyId}/${wave.code}?t=${randomBytes(16).toString('base64url')}`, remoteAddress: '203.0.113.8' });
      assert.equal(other.statusCode, 404);
    });

    it('tells a used invitation it was already answered, with its benchmark link; an unknown token keeps the invalid-link page and its lookups', async () => {
      // issue 18: the respondent who opens their invitation again must find their benchmark link; a token is 128
      // random bits, so only its holder (the respondent) can tell a used one from an unknown one
      const unknown = randomBytes(16).toString('base64url');
      const request = async (token: string, address: string) => {
        calls.length = 0;
        const response = await app.inject({ url: `/s/${wave.studyId}/${wave.code}?t=${token}`, remoteAddress: address });
        return { response, calls: [...calls] };
      };
      const a = await request(unknown, '198.51.100.1');
      const b = await request(usedToken, '198.51.100.2');
      assert.equal(a.response.statusCode, 404);
      assert.match(a.response.body, /Ce lien n’est pas valide/);
      assert.ok(a.calls.includes('invitations.getByTokenHash') && a.calls.includes('responses.getByInvitation'), 'an unknown token runs the same lookups as a valid one');
      assert.equal(b.response.statusCode, 200);
      assert.match(b.response.body, /Vous avez déjà répondu/);
      assert.match(b.response.body, /id="benchmark-link" href="\/benchmark\/[A-Za-z0-9_-]{22}"/);
      assert.doesNotMatch(b.response.body, /<form method="post"/, 'nothing more to answer');
      // opening a used link again and again is not a guess: it never reaches the invalid-link limit
      for (let i = 0; i < 15; i++) assert.equal((await request(usedToken, '198.51.100.3')).response.statusCode, 200);
    });
  });
}
