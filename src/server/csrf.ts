import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from './config.js';
import { html, type Html } from './views/html.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` exempts an unsafe-method route from the CSRF check (machine APIs with their own credentials) */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function tokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | null | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const fromHeader = request.headers[CSRF_HEADER];
  return typeof fromHeader === 'string' ? fromHeader : undefined;
}

/**
 * CSRF protection on every POST, PUT, PATCH and DELETE (double submit: a secret in a signed, httpOnly
 * cookie and a token in the `_csrf` form field or the `x-csrf-token` header). A failure is a 403.
 * A route opts out with `config: { csrf: false }`.
 */
export async function registerCsrf(app: FastifyInstance, config: AppConfig): Promise<void> {
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies },
    getToken: (request) => tokenOf(request) as string,
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.is404 || request.routeOptions.config.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });
}

/** A token for a form or a script (`x-csrf-token` header); sets the secret cookie when missing. */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf();
}

/** The hidden input every form that POSTs must contain. */
export function csrfField(reply: FastifyReply): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(reply)}">`;
}
