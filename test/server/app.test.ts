import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../src/app-error.js';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { csrfField, csrfToken } from '../../src/server/csrf.js';
import { ROUTE_PLUGINS } from '../../src/server/routes/index.js';
import { markPrivate } from '../../src/server/security.js';
import { html } from '../../src/server/views/html.js';
import { sendPage } from '../../src/server/views/send-page.js';
import { openStore, type Store } from '../../src/store/index.js';

/** Routes that exist only in this test, to exercise the skeleton. */
const testRoutes: FastifyPluginAsync = async (app) => {
  app.get('/test/form', async (request, reply) =>
    sendPage(request, reply, { title: 'Form', body: html`<form method="post" action="/test/form">${csrfField(reply)}<button>OK</button></form>`, scripts: ['/static/x.js'] }),
  );
  app.post('/test/form', async (request) => ({ received: (request.body as Record<string, string>).answer }));
  app.get('/test/token', async (_request, reply) => ({ token: csrfToken(reply) }));
  app.post('/api/test/json', async (request) => ({ received: request.body }));
  app.post('/api/test/machine', { config: { csrf: false } }, async () => ({ ok: true }));
  app.get('/test/embed', { config: { allowFraming: true } }, async (request, reply) => sendPage(request, reply, { title: 'Embed', body: html`<p>chart</p>` }));
  app.get('/test/private', { config: { private: true } }, async () => ({ ok: true }));
  app.get('/test/private-helper', async (_request, reply) => markPrivate(reply).send({ ok: true }));
  app.get('/test/boom', async () => {
    throw new Error('secret internal detail');
  });
  app.get('/api/test/boom', async () => {
    throw new Error('secret internal detail');
  });
  app.get('/test/gone', async () => {
    throw new AppError('GONE', 'invitation already used', { invitation: 3 });
  });
  app.get('/api/test/conflict', async () => {
    throw new AppError('CONFLICT', 'wave is closed', { waveId: 7 });
  });
  app.get('/api/test/zod', async (request) => z.object({ page: z.coerce.number().int().min(1) }).parse(request.query));
  app.get('/test/limited', { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async () => ({ ok: true }));
  app.get('/test/unlimited', async () => ({ ok: true }));
  app.get('/test/hostile', async (request, reply) =>
    sendPage(request, reply, { title: (request.query as { q: string }).q, body: html`<p>${(request.query as { q: string }).q}</p>` }),
  );
};

let app: FastifyInstance;
let store: Store;
let dir: string;
const logLines: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'barometre-app-'));
  store = await openStore({ dataDir: dir });
  const config = loadConfig({ DATA_DIR: dir, SECRET_KEY: 'test-secret-'.padEnd(40, 'x') });
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await createApp({ store, config, logger: { stream }, routes: [...ROUTE_PLUGINS, testRoutes] });
  await app.ready();
});

after(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Cookies of a response as a Cookie header. */
function cookieHeader(response: { cookies: { name: string; value: string }[] }): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

describe('security headers', () => {
  it('sends a CSP without inline scripts, with a nonce, frame-ancestors none, nosniff and no-referrer', async () => {
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!;
    assert.match(scriptSrc, /'self'/);
    assert.match(scriptSrc, /'nonce-[0-9a-f]{32}'/);
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /style-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['x-frame-options'], 'DENY');
  });

  it('gives each request its own nonce and puts it on the page scripts', async () => {
    const a = await app.inject({ url: '/test/form' });
    const b = await app.inject({ url: '/test/form' });
    const nonceA = /'nonce-([0-9a-f]+)'/.exec(String(a.headers['content-security-policy']))![1]!;
    const nonceB = /'nonce-([0-9a-f]+)'/.exec(String(b.headers['content-security-policy']))![1]!;
    assert.notEqual(nonceA, nonceB);
    assert.ok(a.body.includes(`<script src="/static/x.js" nonce="${nonceA}" defer></script>`));
  });

  it('keeps the headers on error pages and static files', async () => {
    for (const url of ['/no-such-page', '/test/boom', '/static/app.css']) {
      const res = await app.inject({ url });
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    }
  });

  it('lets a route allow framing', async () => {
    const res = await app.inject({ url: '/test/embed' });
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /frame-ancestors \*/);
    assert.doesNotMatch(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self' 'nonce-/);
    assert.equal(res.headers['x-frame-options'], undefined);
  });

  it('marks private replies no-store, by route config or helper', async () => {
    assert.equal((await app.inject({ url: '/test/private' })).headers['cache-control'], 'no-store');
    assert.equal((await app.inject({ url: '/test/private-helper' })).headers['cache-control'], 'no-store');
    assert.equal((await app.inject({ url: '/test/unlimited' })).headers['cache-control'], undefined);
  });
});

describe('pages and language', () => {
  it('serves the home page in French at / and in English at /en/', async () => {
    const fr = await app.inject({ url: '/' });
    assert.equal(fr.statusCode, 200);
    assert.match(String(fr.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(fr.body, /<html lang="fr">/);
    assert.match(fr.body, /href="\/en\/"[^>]*>English</);
    const en = await app.inject({ url: '/en/' });
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /<html lang="en">/);
    assert.match(en.body, /href="\/"[^>]*>Français</);
    assert.equal((await app.inject({ url: '/en' })).statusCode, 200);
  });

  it('serves German at /de/ and Spanish at /es/, and a generic page offers every interface language', async () => {
    const de = await app.inject({ url: '/de/' });
    assert.equal(de.statusCode, 200);
    assert.match(de.body, /<html lang="de">/);
    for (const [href, lang, name] of [
      ['/', 'fr', 'Français'],
      ['/en/', 'en', 'English'],
      ['/es/', 'es', 'Español'],
    ]) {
      assert.match(de.body, new RegExp(`<a href="${href}" hreflang="${lang}" lang="${lang}">${name}</a>`));
    }
    assert.doesNotMatch(de.body, /hreflang="de" lang="de">/, 'not the page’s own language');
    const es = await app.inject({ url: '/es/test/form?x=1' });
    assert.match(es.body, /<html lang="es">/);
    assert.match(es.body, /<a href="\/de\/test\/form\?x=1" hreflang="de" lang="de">Deutsch<\/a>/);
  });

  it('keeps the path and query in the language switch', async () => {
    const res = await app.inject({ url: '/en/test/form?x=1&y=%3Cb%3E' });
    assert.match(res.body, /<a href="\/test\/form\?x=1&amp;y=%3Cb%3E" hreflang="fr" lang="fr">Français<\/a>/);
  });

  it('escapes hostile input on a page', async () => {
    const res = await app.inject({ url: '/test/hostile?q=' + encodeURIComponent('"><script>alert(1)</script>') });
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('serves the stylesheet', async () => {
    const res = await app.inject({ url: '/static/app.css' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/css/);
  });
});

describe('errors', () => {
  it('answers an unknown page with a 404 page in the request language', async () => {
    const fr = await app.inject({ url: '/nulle-part' });
    assert.equal(fr.statusCode, 404);
    assert.match(fr.body, /<h1>Page introuvable<\/h1>/);
    const en = await app.inject({ url: '/en/nowhere' });
    assert.equal(en.statusCode, 404);
    assert.match(en.body, /<h1>Page not found<\/h1>/);
  });

  it('answers unknown /api/ paths with JSON', async () => {
    const res = await app.inject({ url: '/api/nothing' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
  });

  it('turns an unknown error into a 500 page with an id, without the message or stack', async () => {
    const res = await app.inject({ url: '/test/boom' });
    assert.equal(res.statusCode, 500);
    assert.doesNotMatch(res.body, /secret internal detail|at .*\.ts/);
    const id = /Référence de l’erreur\u00A0: ([0-9a-f-]{36})/.exec(res.body)?.[1];
    assert.ok(id, 'the page shows an error id');
    assert.ok(
      logLines.some((l) => l.includes(id!) && l.includes('secret internal detail')),
      'the error is logged with its id',
    );
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('gives JSON errors on /api/ paths', async () => {
    const boom = await app.inject({ url: '/api/test/boom' });
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.json().error.code, 'INTERNAL');
    assert.doesNotMatch(boom.body, /secret internal detail/);
    const conflict = await app.inject({ url: '/api/test/conflict' });
    assert.equal(conflict.statusCode, 409);
    assert.deepEqual(conflict.json(), { error: { code: 'CONFLICT', message: 'wave is closed', details: { waveId: 7 } } });
  });

  it('answers a malformed URL with a 400 page that keeps the security headers', async () => {
    const page = await app.inject({ url: '/en/%E0%A4%A' });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /<html lang="en">[\s\S]*Invalid request/);
    assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const api = await app.inject({ url: '/api/%' });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.code, 'INVALID_INPUT');
  });

  it('maps AppError codes to statuses', async () => {
    const res = await app.inject({ url: '/test/gone' });
    assert.equal(res.statusCode, 410);
    assert.match(res.body, /Lien expiré/);
  });

  it('answers zod errors with 400 naming the field', async () => {
    const res = await app.inject({ url: '/api/test/zod?page=0' });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'INVALID_INPUT');
    assert.match(res.json().error.message, /^page: /);
  });

  it('answers a 10 MB body with 413, for forms and JSON', async () => {
    const big = 'a'.repeat(10 * 1024 * 1024);
    const form = await app.inject({ method: 'POST', url: '/test/form', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `answer=${big}` });
    assert.equal(form.statusCode, 413);
    assert.match(form.body, /Envoi trop volumineux/);
    const json = await app.inject({ method: 'POST', url: '/api/test/json', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ a: big }) });
    assert.equal(json.statusCode, 413);
    assert.equal(json.json().error.code, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415 and a malformed body with 400', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/test/json', headers: { 'content-type': 'application/x-evil' }, payload: 'x' });
    assert.equal(bad.statusCode, 415);
    assert.equal(bad.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
    const malformed = await app.inject({ method: 'POST', url: '/api/test/json', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().error.code, 'INVALID_INPUT');
    const proto = await app.inject({ method: 'POST', url: '/api/test/json', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1}}' });
    assert.equal(proto.statusCode, 400);
  });
});

describe('CSRF', () => {
  it('refuses a POST without a token with 403', async () => {
    const res = await app.inject({ method: 'POST', url: '/test/form', payload: { answer: 'x' } });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Accès refusé/);
  });

  it('refuses a POST with a token but without the secret cookie, or with a forged token', async () => {
    const page = await app.inject({ url: '/test/token' });
    const { token } = page.json() as { token: string };
    const noCookie = await app.inject({ method: 'POST', url: '/test/form', payload: { answer: 'x', _csrf: token } });
    assert.equal(noCookie.statusCode, 403);
    const forged = await app.inject({ method: 'POST', url: '/test/form', headers: { cookie: cookieHeader(page) }, payload: { answer: 'x', _csrf: 'forged' } });
    assert.equal(forged.statusCode, 403);
  });

  it('accepts a POST with the form field or the header and the signed cookie', async () => {
    const page = await app.inject({ url: '/test/form' });
    const cookie = page.cookies.find((c) => c.name === '_csrf')!;
    assert.ok(cookie.httpOnly);
    assert.equal(cookie.sameSite, 'Lax');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const viaField = await app.inject({ method: 'POST', url: '/test/form', headers: { cookie: cookieHeader(page) }, payload: { answer: 'oui', _csrf: token } });
    assert.equal(viaField.statusCode, 200);
    assert.deepEqual(viaField.json(), { received: 'oui' });
    const viaHeader = await app.inject({ method: 'POST', url: '/api/test/json', headers: { cookie: cookieHeader(page), 'x-csrf-token': token }, payload: { a: 1 } });
    assert.equal(viaHeader.statusCode, 200);
  });

  it('lets a route opt out', async () => {
    assert.equal((await app.inject({ method: 'POST', url: '/api/test/machine', payload: {} })).statusCode, 200);
  });
});

describe('rate limits', () => {
  it('limits routes that opt in and only them', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.inject({ url: '/test/limited' })).statusCode);
    assert.deepEqual(statuses, [200, 200, 429, 429]);
    const limited = await app.inject({ url: '/test/limited' });
    assert.match(limited.body, /Trop de requêtes/);
    assert.ok(limited.headers['retry-after']);
    for (let i = 0; i < 5; i++) assert.equal((await app.inject({ url: '/test/unlimited' })).statusCode, 200);
  });
});

describe('request log', () => {
  it('logs method, route pattern, status and time, never query strings or bodies', async () => {
    await app.inject({ url: '/test/hostile?q=token-abc123' });
    await app.inject({ method: 'POST', url: '/api/test/machine', payload: { email: 'jean.dupont@example.fr' } });
    const requests = logLines.filter((l) => l.includes('"msg":"request"'));
    assert.ok(requests.some((l) => l.includes('"route":"/test/hostile"') && l.includes('"status":200') && l.includes('"ms":')));
    const all = logLines.join('\n');
    assert.doesNotMatch(all, /token-abc123|jean\.dupont/);
  });
});
