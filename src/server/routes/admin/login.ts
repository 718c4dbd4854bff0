import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { checkTotpCode, PENDING_LOGIN_MS, pendingLoginToken, readPendingLogin } from '../../auth/totp.js';
import { loginCodeView } from '../../views/admin/totp-view.js';
import { AppError } from '../../../app-error.js';
import { createLoginThrottle, type ThrottlePolicy } from '../../auth/login-throttle.js';
import { verifyPassword } from '../../auth/password.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../../auth/session-cookie.js';
import { endSession, resumeSession, startSession } from '../../auth/sessions.js';
import { t } from '../../../messages/index.js';
import { loginView } from '../../views/admin/login-view.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { formOf, redirectTo } from './admin-helpers.js';

/**
 * Only a workspace path may be the target after login (no open redirect).
 * @throws AppError INVALID_INPUT when `next` holds control characters (a line break would split the Location header)
 */
export function safeNext(next: string | undefined): string {
  if (next !== undefined && /[\u0000-\u001f\u007f]/.test(next)) throw new AppError('INVALID_INPUT', 'next: control characters are not allowed in a path', { field: 'next' });
  return next && /^\/admin(?:[/?#]|$)/.test(next) && !next.includes('//') && !next.includes('\\') ? next : '/admin';
}

/** `/admin/login` (form, check, throttling) and `/admin/logout`. */
export function loginRoutes(policy?: ThrottlePolicy): FastifyPluginAsync {
  return async (app) => {
    const throttle = createLoginThrottle(app.store, policy, app.clock);
    const secure = app.config.secureCookies;

    app.get('/admin/login', { config: { permission: 'public' } }, async (request, reply) => {
      const next = safeNext((request.query as Record<string, string | undefined>).next);
      if (await resumeSession(app.store, readSessionCookie(request, secure))) return redirectTo(request, reply, next);
      return sendAdminPage(request, reply, { title: t(request.lang, 'admin.login.title'), body: loginView(request.lang, reply, { next }) });
    });

    app.post('/admin/login', { config: { permission: 'public' } }, async (request, reply) => {
      const form = formOf(request);
      const email = (form.email ?? '').trim().toLowerCase().slice(0, 320);
      const password = form.password ?? '';
      const next = safeNext(form.next);
      const page = (status: number, error: string) =>
        sendAdminPage(request, reply, { title: t(request.lang, 'admin.login.title'), status, body: loginView(request.lang, reply, { next, email, error }) });

      const wait = await throttle.waitMs(email, request.ip);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        reply.header('retry-after', String(seconds));
        return page(429, t(request.lang, 'admin.login.throttled', { seconds }));
      }
      const user = await app.store.users.getByEmail(email);
      const ok = (await verifyPassword(user?.passwordHash, password)) && user !== undefined && !user.disabled;
      if (!ok || !user) {
        await throttle.recordFailure(email, request.ip);
        await app.store.auditLog.append({ userId: user?.id ?? null, action: 'login.failure', target: user ? `user:${user.id}` : null });
        return page(401, t(request.lang, 'admin.login.failed'));
      }
      if (user.totpEnabled) {
        // the right password; the second step asks for the authenticator's code, carrying a signed proof of this one
        const pending = pendingLoginToken(app.config.secretKey, user.id, app.clock().getTime() + PENDING_LOGIN_MS);
        return sendAdminPage(request, reply, { title: t(request.lang, 'admin.login.codeTitle'), body: loginCodeView(request.lang, reply, { pending, next }) });
      }
      await throttle.recordSuccess(email, request.ip);
      return signInAs(request, reply, user.id, next);
    });

    const signInAs = async (request: FastifyRequest, reply: FastifyReply, userId: number, next: string) => {
      await endSession(app.store, readSessionCookie(request, secure)); // a new id at every login
      setSessionCookie(reply, await startSession(app.store, userId), secure);
      await app.store.auditLog.append({ userId, action: 'login', target: `user:${userId}` });
      return redirectTo(request, reply, next);
    };

    // the second step: the code of the owner's authenticator app, throttled like the password (same keys)
    app.post('/admin/login/code', { config: { permission: 'public', rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
      const form = formOf(request);
      const next = safeNext(form.next);
      const userId = readPendingLogin(app.config.secretKey, form.pending, app.clock());
      const user = userId === undefined ? undefined : await app.store.users.get(userId);
      if (!user || user.disabled || !user.totpEnabled) {
        return sendAdminPage(request, reply, {
          title: t(request.lang, 'admin.login.title'),
          status: 401,
          body: loginView(request.lang, reply, { next, error: t(request.lang, 'admin.login.codeExpired') }),
        });
      }
      const codePage = (status: number, error: string) =>
        sendAdminPage(request, reply, {
          title: t(request.lang, 'admin.login.codeTitle'),
          status,
          body: loginCodeView(request.lang, reply, { pending: form.pending!, next, error }),
        });
      const wait = await throttle.waitMs(user.email, request.ip);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        reply.header('retry-after', String(seconds));
        return codePage(429, t(request.lang, 'admin.login.throttled', { seconds }));
      }
      if (!(await checkTotpCode(app.store, app.config.secretKey, user.id, form.code ?? '', app.clock()))) {
        await throttle.recordFailure(user.email, request.ip);
        await app.store.auditLog.append({ userId: user.id, action: 'login.code.failure', target: `user:${user.id}` });
        return codePage(401, t(request.lang, 'admin.totp.badCode'));
      }
      await throttle.recordSuccess(user.email, request.ip);
      return signInAs(request, reply, user.id, next);
    });

    app.post('/admin/logout', { config: { permission: 'public' } }, async (request, reply) => {
      const id = readSessionCookie(request, secure);
      const user = await resumeSession(app.store, id);
      await endSession(app.store, id);
      clearSessionCookie(reply, secure);
      if (user) await app.store.auditLog.append({ userId: user.id, action: 'logout', target: `user:${user.id}` });
      return redirectTo(request, reply, '/admin/login');
    });
  };
}
