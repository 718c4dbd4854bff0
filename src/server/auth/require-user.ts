import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../app-error.js';
import type { User } from '../../store/index.js';
import { localizedPath } from '../i18n/localized-path.js';
import { markPrivate } from '../security.js';
import { can, type Permission } from './roles.js';
import { readSessionCookie } from './session-cookie.js';
import { resumeSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** workspace routes: what the user's role must allow (default 'read'); 'public' for the login pages */
    permission?: Permission | 'public';
  }
  interface FastifyRequest {
    /** the signed-in workspace user (set on workspace routes) */
    user: User | null;
  }
}

export const LOGIN_PATH = '/admin/login';

/**
 * Guards every route of the plugin it is installed in (onRequest, so before CSRF and body parsing):
 * pages are private (no-store); without a valid session a GET is redirected to the login page and any
 * other method gets 401; a role below the route's `permission` gets 403.
 */
export function installRequireUser(app: FastifyInstance): void {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    markPrivate(reply);
    const permission = request.routeOptions.config.permission ?? 'read';
    if (permission === 'public') return;
    const user = await resumeSession(app.store, readSessionCookie(request, app.config.secureCookies));
    if (!user) {
      if (request.method === 'GET' || request.method === 'HEAD') {
        const next = encodeURIComponent(request.url);
        return reply.redirect(`${localizedPath(request.lang, LOGIN_PATH)}?next=${next}`, 303);
      }
      throw new AppError('UNAUTHORIZED', 'sign in first');
    }
    request.user = user;
    if (!can(user.role, permission)) throw new AppError('FORBIDDEN', `the ${user.role} role may not do this`);
  });
}
