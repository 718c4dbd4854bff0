import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../helpers/databases.js';
import { PASSWORD, addUser, cookieHeader, csrfOf, keepCookies, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const isWorkspace = (url: string) => url.startsWith('/admin') && !url.startsWith('/admin/login');

for (const database of TEST_DATABASES) {
  describe(`workspace security [${database.name}]`, () => {
    let t: AdminTestApp;
    let waveId: number;
    let responseId: number;
    const fill = (url: string) => url.replace(':waveId', String(waveId)).replace(':userId', '1').replace(':responseId', String(responseId));

    before(async () => {
      t = await startAdminApp(database);
      await addUser(t.store, 'owner@example.org', 'owner');
      await addUser(t.store, 'analyst@example.org', 'analyst');
      await addUser(t.store, 'viewer@example.org', 'viewer');
      const { studyVersion } = await t.store.studies.saveVersion('demo-study', { id: 'demo-study' });
      const wave = await t.store.waves.create({ studyId: 'demo-study', code: '2015', studyVersionId: studyVersion.id, title: 'Édition 2015' });
      waveId = wave.id;
      responseId = (await t.store.responses.createPartial({ waveId })).id;
    });
    after(() => t.close());

    it('registers workspace routes, each with a permission', () => {
      const routes = t.routes.filter((r) => isWorkspace(r.url));
      assert.ok(routes.length >= 10, `only ${routes.length} workspace routes`);
    });

    it('redirects every workspace page to the login page, and answers 401 to every other method, without a session', async () => {
      for (const route of t.routes.filter((r) => isWorkspace(r.url) && r.method !== 'HEAD')) {
        const res = await t.app.inject({ method: route.method as 'GET', url: fill(route.url), headers: FORM, payload: route.method === 'GET' ? undefined : 'a=1' });
        if (route.method === 'GET') {
          assert.equal(res.statusCode, 303, `${route.method} ${route.url}`);
          assert.match(String(res.headers.location), /^\/admin\/login\?next=/);
        } else if (route.url !== '/admin/logout') {
          assert.equal(res.statusCode, 401, `${route.method} ${route.url}`);
        }
        assert.equal(res.headers['cache-control'], 'no-store', `${route.method} ${route.url}`);
      }
    });

    it('answers 403 to a viewer on every analyst and owner action, while an analyst passes the role check', async () => {
      const viewer = await signIn(t.app, 'viewer@example.org');
      const analyst = await signIn(t.app, 'analyst@example.org');
      // every role may sign out and change its own password; every other action needs analyst or owner
      // (turning one's own second factor off needs a current code, so it answers 400 here, not 403)
      const selfService = new Set(['/admin/logout', '/admin/account', '/admin/account/totp/disable']);
      const actions = t.routes.filter((r) => isWorkspace(r.url) && r.method === 'POST' && !selfService.has(r.url));
      assert.ok(actions.length >= 8);
      for (const route of actions) {
        const as = (who: typeof viewer) =>
          t.app.inject({ method: 'POST', url: fill(route.url), headers: { ...FORM, cookie: cookieHeader(who.jar) }, payload: `_csrf=${encodeURIComponent(who.csrf)}` });
        assert.equal((await as(viewer)).statusCode, 403, `viewer POST ${route.url}`);
        const ownerOnly = ['/admin/users', '/admin/gdpr', '/admin/account/totp/'].some((prefix) => route.url.startsWith(prefix));
        if (!ownerOnly) assert.notEqual((await as(analyst)).statusCode, 403, `analyst POST ${route.url}`);
      }
      const ownPassword = await t.app.inject({
        method: 'POST',
        url: '/admin/account',
        headers: { ...FORM, cookie: cookieHeader(viewer.jar) },
        payload: `_csrf=${encodeURIComponent(viewer.csrf)}`,
      });
      assert.equal(ownPassword.statusCode, 400, 'a viewer may use the password form (here: empty, so refused as invalid)');
      // analyst pages that only an owner may see
      const users = await t.app.inject({ url: '/admin/users', headers: { cookie: cookieHeader(analyst.jar) } });
      assert.equal(users.statusCode, 403);
      const viewerHome = await t.app.inject({ url: '/admin', headers: { cookie: cookieHeader(viewer.jar) } });
      assert.equal(viewerHome.statusCode, 200);
    });

    it("shows a viewer the counts of leads and contacts, never their names or e-mail addresses, and refuses the leads' CSV", async () => {
      await t.store.contacts.create({ waveId, email: 'contact.person@example.net', name: 'Contact Person' });
      const viewer = await signIn(t.app, 'viewer@example.org');
      const analyst = await signIn(t.app, 'analyst@example.org');
      const page = (who: typeof viewer, url: string) => t.app.inject({ url, headers: { cookie: cookieHeader(who.jar) } });
      const contactsAsViewer = await page(viewer, `/admin/waves/${waveId}/contacts`);
      assert.equal(contactsAsViewer.statusCode, 200);
      assert.ok(!contactsAsViewer.body.includes('contact.person@example.net'));
      assert.match(contactsAsViewer.body, /data-status="[a-z-]+">1</);
      assert.ok((await page(analyst, `/admin/waves/${waveId}/contacts`)).body.includes('contact.person@example.net'));
      assert.equal((await page(viewer, '/admin/leads.csv')).statusCode, 403);
      assert.equal((await page(analyst, '/admin/leads.csv')).statusCode, 200);
      const leads = await page(viewer, '/admin/leads');
      assert.equal(leads.statusCode, 200);
      assert.ok(!leads.body.includes('leads.csv'));
    });

    it('answers 403 to every action without the CSRF token, even with a valid session', async () => {
      const owner = await signIn(t.app, 'owner@example.org');
      const actions = t.routes.filter((r) => r.url.startsWith('/admin') && r.method === 'POST');
      assert.ok(actions.length >= 10, `only ${actions.length} workspace actions`);
      for (const route of actions) {
        const res = await t.app.inject({ method: 'POST', url: fill(route.url), headers: { ...FORM, cookie: cookieHeader(owner.jar) }, payload: 'action=close' });
        assert.equal(res.statusCode, 403, `POST ${route.url}`);
      }
      assert.equal((await t.store.waves.get(waveId))?.status, 'draft');
    });

    it('throttles 20 wrong passwords in a row from one address, which waits out its backoff even with the right password', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await signIn(t.app, 'analyst@example.org', `wrong password ${i}`, '203.0.113.7');
        statuses.push(res.response.statusCode);
      }
      assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
      assert.ok(
        statuses.slice(5).every((s) => s === 429),
        statuses.join(','),
      );
      // the attacking address is in its backoff: even the right password waits there
      const during = await signIn(t.app, 'analyst@example.org', PASSWORD, '203.0.113.7');
      assert.equal(during.response.statusCode, 429);
      assert.ok(Number(during.response.headers['retry-after']) >= 1);
      t.clock.advance(1100);
      const afterBackoff = await signIn(t.app, 'analyst@example.org', PASSWORD, '203.0.113.7');
      assert.equal(afterBackoff.response.statusCode, 303);
      assert.equal(afterBackoff.response.headers.location, '/admin');
    });

    it('lets the owner in with the right password from a clean address during an attack on the account from other addresses', async () => {
      for (const attacker of ['203.0.113.20', '203.0.113.21', '203.0.113.22']) {
        const statuses: number[] = [];
        for (let i = 0; i < 25; i++) statuses.push((await signIn(t.app, 'owner@example.org', `guess ${i}`, attacker)).response.statusCode);
        assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], attacker);
        assert.ok(
          statuses.slice(5).every((s) => s === 429),
          `${attacker}: ${statuses.join(',')}`,
        );
      }
      const owner = await signIn(t.app, 'owner@example.org', PASSWORD, '198.51.100.50');
      assert.equal(owner.response.statusCode, 303, 'no wait for the owner at another address');
      assert.equal(owner.response.headers.location, '/admin');
      // an address that tries many accounts is throttled as a whole
      const sprayer = '203.0.113.30';
      const spray: number[] = [];
      for (let i = 0; i < 24; i++) spray.push((await signIn(t.app, `nobody${i}@example.org`, 'guess', sprayer)).response.statusCode);
      assert.equal(spray.filter((s) => s === 401).length, 20, spray.join(','));
      assert.equal((await signIn(t.app, 'owner@example.org', PASSWORD, sprayer)).response.statusCode, 429);
    });

    it('answers 400, never 500, to a login `next` holding control characters (line breaks would split the Location header)', async () => {
      for (const next of ['/admin\r\nSet-Cookie: x=1', '/admin/\nx', '/admin\u0000', '/admin/waves\u007f']) {
        const page = await t.app.inject({ url: `/admin/login?next=${encodeURIComponent(next)}` });
        assert.equal(page.statusCode, 400, JSON.stringify(next));
        const jar = new Map<string, string>();
        keepCookies(jar, await t.app.inject({ url: '/admin/login' }));
        const csrf = csrfOf((await t.app.inject({ url: '/admin/login', headers: { cookie: cookieHeader(jar) } })).body);
        const post = await t.app.inject({
          method: 'POST',
          url: '/admin/login',
          headers: { ...FORM, cookie: cookieHeader(jar) },
          payload: new URLSearchParams({ _csrf: csrf, email: 'owner@example.org', password: PASSWORD, next }).toString(),
        });
        assert.equal(post.statusCode, 400, `POST ${JSON.stringify(next)}`);
        assert.equal(post.headers['set-cookie']?.toString().includes('x=1') ?? false, false);
      }
    });

    it('gives a new session id at each login, and refuses a session cookie replayed after logout', async () => {
      const first = await signIn(t.app, 'owner@example.org');
      const second = await signIn(t.app, 'owner@example.org');
      const name = [...first.jar.keys()].find((k) => k.includes('session'))!;
      assert.notEqual(first.jar.get(name), second.jar.get(name));
      const setCookie = String(first.response.headers['set-cookie']);
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);

      const ok = await t.app.inject({ url: '/admin', headers: { cookie: cookieHeader(first.jar) } });
      assert.equal(ok.statusCode, 200);
      const stolen = cookieHeader(first.jar);
      const out = await t.app.inject({ method: 'POST', url: '/admin/logout', headers: { ...FORM, cookie: stolen }, payload: `_csrf=${encodeURIComponent(csrfOf(ok.body))}` });
      assert.equal(out.statusCode, 303);
      const replay = await t.app.inject({ url: '/admin', headers: { cookie: stolen } });
      assert.equal(replay.statusCode, 303);
      assert.match(String(replay.headers.location), /^\/admin\/login/);
      const post = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${waveId}/status`,
        headers: { ...FORM, cookie: stolen },
        payload: `_csrf=${encodeURIComponent(csrfOf(ok.body))}&action=open`,
      });
      assert.equal(post.statusCode, 401);
      // the other session of the same user is untouched
      assert.equal((await t.app.inject({ url: '/admin', headers: { cookie: cookieHeader(second.jar) } })).statusCode, 200);
    });

    it('records logins and wave actions in the audit log', async () => {
      const analyst = await signIn(t.app, 'analyst@example.org');
      const res = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${waveId}/status`,
        headers: { ...FORM, cookie: cookieHeader(analyst.jar) },
        payload: `_csrf=${encodeURIComponent(analyst.csrf)}&action=open`,
      });
      assert.equal(res.statusCode, 303);
      const entries = await t.store.auditLog.list({ action: 'wave.open' });
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.target, `wave:${waveId}`);
      const user = await t.store.users.getByEmail('analyst@example.org');
      assert.equal(entries[0]!.userId, user!.id);
      keepCookies(analyst.jar, res);
    });
  });
}
