import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sessionIdHash, startSession } from '../../src/server/auth/sessions.js';
import { verifyPassword } from '../../src/server/auth/password.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { PASSWORD, addUser, cookieHeader, csrfOf, keepCookies, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const NEW_PASSWORD = 'correct horse battery staple 7';
type Session = Awaited<ReturnType<typeof signIn>>;

for (const database of TEST_DATABASES) {
  describe(`my account: changing one's own password [${database.name}]`, () => {
    let t: AdminTestApp;
    before(async () => {
      t = await startAdminApp(database);
    });
    after(() => t.close());

    /** Posts the password form as `who`; `csrf: false` leaves the token out. */
    const change = (who: Session, fields: Record<string, string>, options: { url?: string; csrf?: boolean } = {}) =>
      t.app.inject({
        method: 'POST',
        url: options.url ?? '/admin/account',
        headers: { ...FORM, cookie: cookieHeader(who.jar) },
        payload: new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: who.csrf }), ...fields }).toString(),
      });
    const fields = (currentPassword: string, newPassword: string, confirmPassword = newPassword) => ({ currentPassword, newPassword, confirmPassword });
    const passwordHashOf = async (email: string) => (await t.store.users.getByEmail(email))!.passwordHash;
    const newUser = async (email: string, role: 'owner' | 'analyst' | 'viewer' = 'analyst') => {
      await addUser(t.store, email, role);
      return signIn(t.app, email);
    };

    it('shows the form to any role, with labels, autocomplete, the CSRF field and the password rules', async () => {
      const viewer = await newUser('viewer@example.org', 'viewer');
      const res = await t.app.inject({ url: '/admin/account', headers: { cookie: cookieHeader(viewer.jar) } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      for (const id of ['current-password', 'new-password', 'confirm-password']) assert.match(res.body, new RegExp(`<label for="${id}">`));
      assert.match(res.body, /id="current-password" name="currentPassword" autocomplete="current-password"/);
      assert.match(res.body, /id="new-password" name="newPassword" autocomplete="new-password"/);
      assert.match(res.body, /id="confirm-password" name="confirmPassword" autocomplete="new-password"/);
      assert.ok(csrfOf(res.body));
      assert.match(res.body, /Au moins 12 caractères, au plus 1024/);
      assert.ok(res.body.includes('«\u00A0quatre mots pris au hasard\u00A0»'), 'guillemets with no-break spaces');
      assert.match(res.body, /href="\/admin\/account" aria-current="page"/);

      const en = await t.app.inject({ url: '/en/admin/account', headers: { cookie: cookieHeader(viewer.jar) } });
      assert.equal(en.statusCode, 200);
      assert.match(en.body, /<h1>My account<\/h1>/);
      assert.match(en.body, /At least 12 characters, at most 1024/);
      assert.match(en.body, /action="\/en\/admin\/account"/);
    });

    it('redirects to the login page without a session, and answers 401 to the form', async () => {
      const page = await t.app.inject({ url: '/admin/account' });
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, '/admin/login?next=%2Fadmin%2Faccount');
      const en = await t.app.inject({ url: '/en/admin/account' });
      assert.equal(en.statusCode, 303);
      assert.match(String(en.headers.location), /^\/en\/admin\/login\?next=/);
      const post = await t.app.inject({ method: 'POST', url: '/admin/account', headers: FORM, payload: new URLSearchParams(fields(PASSWORD, NEW_PASSWORD)).toString() });
      assert.equal(post.statusCode, 401);
    });

    it('answers 403 without the CSRF token and changes nothing', async () => {
      const me = await newUser('nocsrf@example.org');
      const before = await passwordHashOf('nocsrf@example.org');
      const res = await change(me, fields(PASSWORD, NEW_PASSWORD), { csrf: false });
      assert.equal(res.statusCode, 403);
      assert.equal(await passwordHashOf('nocsrf@example.org'), before);
    });

    it('refuses a wrong current password with a 400 beside the field, and the old password still signs in', async () => {
      const me = await newUser('wrong@example.org');
      const res = await change(me, fields('not my password at all', NEW_PASSWORD));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /class="error-summary"/);
      assert.match(res.body, /<a href="#current-password">Le mot de passe actuel est incorrect\.<\/a>/);
      assert.match(res.body, /id="current-password-error"/);
      assert.match(res.body, /id="current-password"[^>]*aria-invalid="true"/);
      assert.ok(!res.body.includes('not my password at all') && !res.body.includes(NEW_PASSWORD), 'no password written back');
      assert.equal((await signIn(t.app, 'wrong@example.org')).response.statusCode, 303);
      assert.equal((await signIn(t.app, 'wrong@example.org', NEW_PASSWORD)).response.statusCode, 401);
    });

    it('refuses a too-short new password with a 400 naming the field', async () => {
      const me = await newUser('short@example.org');
      const res = await change(me, fields(PASSWORD, 'short', 'short'));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<a href="#new-password">Le nouveau mot de passe doit comporter au moins 12 caractères\.<\/a>/);
      assert.match(res.body, /id="new-password"[^>]*aria-describedby="password-rules new-password-error" aria-invalid="true"/);
      assert.ok(res.body.includes('Corrigez les champs suivants\u00A0:'), 'French typography');
      assert.equal((await signIn(t.app, 'short@example.org')).response.statusCode, 303);

      const en = await change(me, fields(PASSWORD, 'short', 'short'), { url: '/en/admin/account' });
      assert.equal(en.statusCode, 400);
      assert.match(en.body, /<a href="#new-password">The new password must have at least 12 characters\.<\/a>/);
    });

    it('refuses a confirmation that differs, a new password equal to the current one, and an empty form, all with 400', async () => {
      const me = await newUser('mismatch@example.org');
      const before = await passwordHashOf('mismatch@example.org');
      const mismatch = await change(me, fields(PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}!`));
      assert.equal(mismatch.statusCode, 400);
      assert.match(mismatch.body, /<a href="#confirm-password">La confirmation ne correspond pas au nouveau mot de passe\.<\/a>/);
      const same = await change(me, fields(PASSWORD, PASSWORD));
      assert.equal(same.statusCode, 400);
      assert.match(same.body, /<a href="#new-password">Le nouveau mot de passe doit être différent du mot de passe actuel\.<\/a>/);
      const empty = await change(me, {});
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /<a href="#current-password">Saisissez votre mot de passe actuel\.<\/a>/);
      assert.equal(await passwordHashOf('mismatch@example.org'), before);
    });

    it('changes the password: the new one signs in, the old one not, other sessions end, this one stays', async () => {
      await addUser(t.store, 'change@example.org', 'viewer');
      const other = await signIn(t.app, 'change@example.org');
      const me = await signIn(t.app, 'change@example.org');
      assert.equal((await t.app.inject({ url: '/admin', headers: { cookie: cookieHeader(other.jar) } })).statusCode, 200);

      const res = await change(me, fields(PASSWORD, NEW_PASSWORD));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/account?done=password');
      keepCookies(me.jar, res);
      const page = await t.app.inject({ url: '/admin/account?done=password', headers: { cookie: cookieHeader(me.jar) } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /role="status">Votre mot de passe est changé\./);

      const stored = await passwordHashOf('change@example.org');
      assert.match(stored, /^\$argon2id\$/);
      assert.ok(await verifyPassword(stored, NEW_PASSWORD));
      const refused = await t.app.inject({ url: '/admin', headers: { cookie: cookieHeader(other.jar) } });
      assert.equal(refused.statusCode, 303);
      assert.match(String(refused.headers.location), /^\/admin\/login/);
      assert.equal((await t.app.inject({ url: '/admin', headers: { cookie: cookieHeader(me.jar) } })).statusCode, 200);
      assert.equal((await signIn(t.app, 'change@example.org', NEW_PASSWORD)).response.statusCode, 303);
      assert.equal((await signIn(t.app, 'change@example.org', PASSWORD)).response.statusCode, 401);

      const user = (await t.store.users.getByEmail('change@example.org'))!;
      const entries = await t.store.auditLog.list({ action: 'user.password', userId: user.id });
      assert.equal(entries.length, 1);
      assert.equal(entries[0]!.target, `user:${user.id}`);
      assert.deepEqual(entries[0]!.details, { otherSessionsEnded: 1 });
    });

    it('writes failed attempts to the audit log, and no password text anywhere in it', async () => {
      const failures = await t.store.auditLog.list({ action: 'user.password.failure' });
      const wrong = await t.store.users.getByEmail('wrong@example.org');
      assert.ok(failures.some((e) => e.userId === wrong!.id && e.target === `user:${wrong!.id}`));
      const all = JSON.stringify(await t.store.auditLog.list({ limit: 10_000 }));
      for (const secret of [PASSWORD, NEW_PASSWORD, 'not my password at all', 'short']) assert.ok(!all.includes(secret), secret);
    });

    it('throttles wrong current passwords like the login, on the same account counter', async () => {
      const me = await newUser('guess@example.org');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await change(me, fields(`guess number ${i}`, NEW_PASSWORD))).statusCode);
      assert.deepEqual(statuses, [400, 400, 400, 400, 400]);
      // blocked: even the right current password is not checked, and the login of the account from that address waits too
      const blocked = await change(me, fields(PASSWORD, NEW_PASSWORD));
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) >= 1);
      assert.match(blocked.body, /Trop de tentatives avec un mot de passe incorrect/);
      assert.equal((await signIn(t.app, 'guess@example.org', PASSWORD, '127.0.0.1')).response.statusCode, 429);
      assert.ok(await verifyPassword(await passwordHashOf('guess@example.org'), PASSWORD));
      t.clock.advance(1100);
      assert.equal((await change(me, fields(PASSWORD, NEW_PASSWORD))).statusCode, 303);
    });
  });

  describe(`sessions.deleteForUserExcept [${database.name}]`, () => {
    let t: AdminTestApp;
    before(async () => {
      t = await startAdminApp(database);
    });
    after(() => t.close());

    it("deletes every session of the user but the one kept, and no other user's", async () => {
      const a = await t.store.users.create({ email: 'a@example.org', role: 'analyst', passwordHash: 'x' });
      const b = await t.store.users.create({ email: 'b@example.org', role: 'analyst', passwordHash: 'x' });
      const [keep, gone1, gone2, others] = [
        await startSession(t.store, a.id),
        await startSession(t.store, a.id),
        await startSession(t.store, a.id),
        await startSession(t.store, b.id),
      ];
      assert.equal(await t.store.sessions.deleteForUserExcept(a.id, sessionIdHash(keep)), 2);
      assert.ok(await t.store.sessions.get(sessionIdHash(keep)));
      assert.equal(await t.store.sessions.get(sessionIdHash(gone1)), undefined);
      assert.equal(await t.store.sessions.get(sessionIdHash(gone2)), undefined);
      assert.ok(await t.store.sessions.get(sessionIdHash(others)));
      assert.equal(await t.store.sessions.deleteForUserExcept(a.id, sessionIdHash(keep)), 0);
    });
  });
}
