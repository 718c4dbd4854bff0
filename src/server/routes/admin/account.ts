import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../app-error.js';
import { checkTotpCode, encryptTotpSecret, newTotpSecret } from '../../auth/totp.js';
import { html } from '../../views/html.js';
import { totpView, type TotpViewData } from '../../views/admin/totp-view.js';
import type { Lang } from '../../../report/format/lang.js';
import { createLoginThrottle, type ThrottlePolicy } from '../../auth/login-throttle.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, passwordProblem, verifyPassword } from '../../auth/password.js';
import { readSessionCookie } from '../../auth/session-cookie.js';
import { sessionIdHash } from '../../auth/sessions.js';
import { t } from '../../../messages/index.js';
import { accountView, type AccountField } from '../../views/admin/account-view.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { audit, formOf, redirectTo } from './admin-helpers.js';

/**
 * `/admin/account`: any signed-in user (permission 'read') changes their own password. The POST checks
 * the current password with the login's argon2id verification and the login's throttle (same account
 * and address keys: guesses here and at the login page add up), then the new password's rules and its
 * confirmation; every problem is a 400 page with the errors beside the fields. A change stores the new
 * hash, ends every other session of the user (this one stays), and is written to the audit log
 * (without any password).
 */
export function accountRoutes(policy?: ThrottlePolicy): FastifyPluginAsync {
  return async (app) => {
    const throttle = createLoginThrottle(app.store, policy, app.clock);
    const title = (lang: Lang) => t(lang, 'admin.account.title');

    app.get('/admin/account', { config: { permission: 'read' } }, async (request, reply) => {
      const done = (request.query as { done?: string }).done;
      return sendAdminPage(request, reply, {
        title: title(request.lang),
        body: html`${accountView(request.lang, reply, { user: request.user!, done })}${totpSection(request, reply, { done })}`,
      });
    });

    /** The second-factor section of the account page for the signed-in user. */
    const totpSection = (request: FastifyRequest, reply: FastifyReply, extra: Partial<TotpViewData>) =>
      totpView(request.lang, reply, { enabled: request.user!.totpEnabled, owner: request.user!.role === 'owner', ...extra });
    const totpPage = (request: FastifyRequest, reply: FastifyReply, status: number, extra: Partial<TotpViewData>) =>
      sendAdminPage(request, reply, {
        title: title(request.lang),
        status,
        body: html`${accountView(request.lang, reply, { user: request.user! })}${totpSection(request, reply, extra)}`,
      });
    /** Enrolment is for owners, and only while no factor is confirmed: replacing one needs a code (turn it off first). */
    const ownerOnly = (request: FastifyRequest) => {
      if (request.user!.role !== 'owner') throw new AppError('FORBIDDEN', 'two-step sign-in is offered to owners');
      if (request.user!.totpEnabled) throw new AppError('CONFLICT', 'two-step sign-in is already on: turn it off with a code first');
    };
    const totpLimits = { config: { permission: 'read' as const, rateLimit: { max: 10, timeWindow: 60_000 } } };

    // set up: a new secret, kept encrypted and unconfirmed, shown once (as text and as an otpauth URI)
    app.post('/admin/account/totp/start', totpLimits, async (request, reply) => {
      ownerOnly(request);
      const user = request.user!;
      const enrolment = newTotpSecret(user.email);
      await app.store.users.startTotp(user.id, encryptTotpSecret(app.config.secretKey, enrolment.secret));
      await audit(app.store, request, 'user.totp.start', `user:${user.id}`);
      return totpPage(request, reply, 200, { enabled: false, enrolment });
    });

    // confirm with a first code: from now on, the login asks for one
    app.post('/admin/account/totp/confirm', totpLimits, async (request, reply) => {
      ownerOnly(request);
      const user = request.user!;
      const code = formOf(request).code ?? '';
      if (!(await checkTotpCode(app.store, app.config.secretKey, user.id, code, app.clock(), true))) {
        return totpPage(request, reply, 400, { enabled: false, error: t(request.lang, 'admin.totp.badCode') });
      }
      await audit(app.store, request, 'user.totp.enable', `user:${user.id}`);
      return redirectTo(request, reply, '/admin/account?done=totp-on');
    });

    // turn off: needs a current code (a stolen session alone cannot remove the factor)
    app.post('/admin/account/totp/disable', totpLimits, async (request, reply) => {
      const user = request.user!;
      const code = formOf(request).code ?? '';
      if (!(await checkTotpCode(app.store, app.config.secretKey, user.id, code, app.clock()))) {
        return totpPage(request, reply, 400, { error: t(request.lang, 'admin.totp.badCode') });
      }
      await app.store.users.clearTotp(user.id);
      await audit(app.store, request, 'user.totp.disable', `user:${user.id}`);
      return redirectTo(request, reply, '/admin/account?done=totp-off');
    });

    app.post('/admin/account', { config: { permission: 'read' } }, async (request, reply) => {
      const user = request.user!;
      const lang = request.lang;
      const form = formOf(request);
      const current = form.currentPassword ?? '';
      const next = form.newPassword ?? '';
      const confirmation = form.confirmPassword ?? '';
      const page = (status: number, errors: Partial<Record<AccountField, string>>) =>
        sendAdminPage(request, reply, { title: title(lang), status, body: accountView(lang, reply, { user, errors }) });

      const wait = await throttle.waitMs(user.email, request.ip);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        reply.header('retry-after', String(seconds));
        return page(429, { currentPassword: t(lang, 'admin.account.error.throttled', { seconds }) });
      }

      const errors: Partial<Record<AccountField, string>> = {};
      const currentOk = current !== '' && (await verifyPassword(user.passwordHash, current));
      if (current === '') errors.currentPassword = t(lang, 'admin.account.error.currentMissing');
      else if (!currentOk) {
        errors.currentPassword = t(lang, 'admin.account.error.current');
        await throttle.recordFailure(user.email, request.ip);
        await audit(app.store, request, 'user.password.failure', `user:${user.id}`);
      } else {
        await throttle.recordSuccess(user.email, request.ip);
      }
      if (passwordProblem(next)) {
        errors.newPassword =
          next.length < MIN_PASSWORD_LENGTH
            ? t(lang, 'admin.account.error.tooShort', { min: MIN_PASSWORD_LENGTH })
            : t(lang, 'admin.account.error.tooLong', { max: MAX_PASSWORD_LENGTH });
      } else if (currentOk && next === current) {
        errors.newPassword = t(lang, 'admin.account.error.same');
      }
      if (confirmation !== next) errors.confirmPassword = t(lang, 'admin.account.error.mismatch');
      if (Object.keys(errors).length > 0) return page(400, errors);

      const passwordHash = await hashPassword(next);
      const keep = sessionIdHash(readSessionCookie(request, app.config.secureCookies) ?? '');
      // one transaction: a new password never leaves the other sessions open
      const otherSessionsEnded = await app.store.transaction(async (tx) => {
        await tx.users.setPasswordHash(user.id, passwordHash);
        return tx.sessions.deleteForUserExcept(user.id, keep);
      });
      await audit(app.store, request, 'user.password', `user:${user.id}`, { otherSessionsEnded });
      return redirectTo(request, reply, '/admin/account?done=password');
    });
  };
}
