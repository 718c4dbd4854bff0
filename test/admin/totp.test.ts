import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import { TEST_DATABASES } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { PASSWORD, addUser, cookieHeader, csrfOf, keepCookies, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const OWNER = 'totp.owner@example.org';

for (const database of TEST_DATABASES) {
  describe(`two-step sign-in for owners [${database.name}]`, () => {
    let t: AdminTestApp;
    let secret = '';
    const code = (offsetMs = 0) => generate({ secret, epoch: Math.floor((t.clock.now().getTime() + offsetMs) / 1000) });

    before(async () => {
      t = await startAdminApp(database);
      await addUser(t.store, OWNER, 'owner');
      await addUser(t.store, 'totp.analyst@example.org', 'analyst');
    });
    after(() => t.close());

    /** The password step; returns the jar and the code page. */
    const passwordStep = async (email: string, password = PASSWORD) => {
      const jar = new Map<string, string>();
      const page = await t.app.inject({ url: '/admin/login' });
      keepCookies(jar, page);
      const response = await t.app.inject({
        method: 'POST',
        url: '/admin/login',
        headers: { ...FORM, cookie: cookieHeader(jar) },
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), email, password, next: '/admin/account' }).toString(),
      });
      keepCookies(jar, response);
      return { jar, response };
    };
    const codeStep = async (jar: Map<string, string>, body: string, value: string) => {
      const pending = /name="pending" value="([^"]+)"/.exec(body)?.[1] ?? '';
      const response = await t.app.inject({
        method: 'POST',
        url: '/admin/login/code',
        headers: { ...FORM, cookie: cookieHeader(jar) },
        payload: new URLSearchParams({ _csrf: csrfOf(body), pending, code: value, next: '/admin/account' }).toString(),
      });
      keepCookies(jar, response);
      return response;
    };

    it('enrols an owner: the secret is shown once as text and as an otpauth URI, stored encrypted, and confirmed by a code', async () => {
      const owner = await signIn(t.app, OWNER);
      const post = (url: string, fields: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: cookieHeader(owner.jar) }, payload: new URLSearchParams({ _csrf: owner.csrf, ...fields }).toString() });
      assert.equal((await post('/admin/account/totp/start', {})).statusCode, 200);
      // without the CSRF token the form is refused
      const noCsrf = await t.app.inject({ method: 'POST', url: '/admin/account/totp/start', headers: { ...FORM, cookie: cookieHeader(owner.jar) }, payload: '' });
      assert.equal(noCsrf.statusCode, 403);
      const started = await post('/admin/account/totp/start');
      secret = /data-totp-secret>([A-Z2-7]+)</.exec(started.body)?.[1] ?? '';
      assert.match(secret, /^[A-Z2-7]{16,}$/);
      assert.match(started.body, /otpauth:\/\/totp\/Barom%C3%A8tre:totp\.owner%40example\.org\?secret=/);
      const stored = await t.store.users.getTotp((await t.store.users.getByEmail(OWNER))!.id);
      assert.ok(stored && !stored.enabled && !stored.encryptedSecret.includes(secret), 'encrypted, not yet confirmed');
      assert.equal((await t.app.inject({ url: '/admin/account', headers: { cookie: cookieHeader(owner.jar) } })).body.includes(secret), false, 'shown once');

      const wrong = await post('/admin/account/totp/confirm', { code: (await code()) === '000000' ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 400);
      const right = await post('/admin/account/totp/confirm', { code: await code() });
      assert.equal(right.statusCode, 303);
      assert.equal((await t.store.users.getByEmail(OWNER))!.totpEnabled, true);
      // a session alone cannot replace the confirmed factor
      assert.equal((await post('/admin/account/totp/start')).statusCode, 409);
      assert.equal((await t.store.users.getTotp((await t.store.users.getByEmail(OWNER))!.id))?.enabled, true);
    });

    it('asks for the code after the right password, refuses a wrong or replayed code and an expired step, then lets the owner in', async () => {
      t.clock.advance(30_000); // the enrolment's code is spent
      const first = await passwordStep(OWNER);
      assert.equal(first.response.statusCode, 200);
      assert.match(first.response.body, /name="pending"/);
      assert.equal(
        [...first.jar.keys()].some((k) => k.includes('session')),
        false,
        'no session before the code',
      );
      assert.equal((await codeStep(first.jar, first.response.body, '12345')).statusCode, 401);
      const good = await code();
      const ok = await codeStep(first.jar, first.response.body, good);
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/admin/account');
      assert.equal((await t.app.inject({ url: '/admin/account', headers: { cookie: cookieHeader(first.jar) } })).statusCode, 200);

      const replay = await passwordStep(OWNER);
      assert.equal((await codeStep(replay.jar, replay.response.body, good)).statusCode, 401, 'a code is accepted once');

      const late = await passwordStep(OWNER);
      t.clock.advance(6 * 60_000);
      const expired = await codeStep(late.jar, late.response.body, await code());
      assert.equal(expired.statusCode, 401);
      assert.match(expired.body, /name="password"/, 'back to the password');

      const forged = await passwordStep(OWNER);
      const tampered = forged.response.body.replace(/name="pending" value="(\d+)\./, (_, id) => `name="pending" value="${Number(id) + 1}.`);
      assert.equal((await codeStep(forged.jar, tampered, await code())).statusCode, 401);
    });

    it('offers the second factor to owners only', async () => {
      const analyst = await signIn(t.app, 'totp.analyst@example.org');
      const r = await t.app.inject({
        method: 'POST',
        url: '/admin/account/totp/start',
        headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
        payload: `_csrf=${encodeURIComponent(analyst.csrf)}`,
      });
      assert.equal(r.statusCode, 403);
    });

    it('is removed by `barometre user reset-totp EMAIL` for a lost device, after which the password alone signs in', async () => {
      const env = { DATA_DIR: t.store.options.dataDir, ...(t.store.options.databaseUrl && { DATABASE_URL: t.store.options.databaseUrl }), SECRET_KEY: 'x'.repeat(40) };
      assert.equal((await runCli(['user', 'reset-totp', '--help'], env)).code, 0);
      const missing = await runCli(['user', 'reset-totp', 'nobody@example.org'], env);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /no account nobody@example\.org/);
      const reset = await runCli(['user', 'reset-totp', OWNER], env);
      assert.equal(reset.code, 0, reset.stderr);
      const again = await runCli(['user', 'reset-totp', OWNER], env);
      assert.equal(again.code, 2);
      const plain = await passwordStep(OWNER);
      assert.equal(plain.response.statusCode, 303);
    });

    it('is turned off by its owner with a current code only', async () => {
      const owner = await signIn(t.app, OWNER);
      const post = (url: string, fields: Record<string, string> = {}) =>
        t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: cookieHeader(owner.jar) }, payload: new URLSearchParams({ _csrf: owner.csrf, ...fields }).toString() });
      secret = /data-totp-secret>([A-Z2-7]+)</.exec((await post('/admin/account/totp/start')).body)?.[1] ?? '';
      t.clock.advance(30_000);
      assert.equal((await post('/admin/account/totp/confirm', { code: await code() })).statusCode, 303);
      assert.equal((await post('/admin/account/totp/disable', { code: 'abcdef' })).statusCode, 400);
      assert.equal((await post('/admin/account/totp/disable', { code: await code() })).statusCode, 400, 'the confirming code is spent');
      t.clock.advance(30_000);
      const off = await post('/admin/account/totp/disable', { code: await code() });
      assert.equal(off.statusCode, 303);
      assert.equal(await t.store.users.getTotp((await t.store.users.getByEmail(OWNER))!.id), undefined);
      const log = await t.store.auditLog.list({ action: 'user.totp.disable' });
      assert.equal(log.length, 1);
    });
  });
}
