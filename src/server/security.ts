import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from './config.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `true` for pages that may be shown in another site's frame (embeds): `frame-ancestors *` */
    allowFraming?: boolean;
    /** `true` for pages that must not be cached (tokens, personal data): `Cache-Control: no-store` */
    private?: boolean;
  }
}

/** The Content-Security-Policy of every page; helmet adds the per-request nonces to script-src and style-src. */
export function cspDirectives(config: Pick<AppConfig, 'publicUrl'>): Record<string, string[] | null> {
  const https = config.publicUrl?.startsWith('https:') ?? false;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': https ? [] : null,
  };
}

/**
 * Security headers on every response: a CSP without inline scripts (nonces in `reply.cspNonce.script`),
 * frame-ancestors 'none' unless the route says `config: { allowFraming: true }`, nosniff,
 * Referrer-Policy no-referrer everywhere (tokens travel in URLs), HSTS when PUBLIC_URL is https, and
 * `Cache-Control: no-store` on routes with `config: { private: true }`.
 */
export async function registerSecurity(app: FastifyInstance, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', async (request, reply) => {
    const routeConfig = request.routeOptions.config;
    if (routeConfig.allowFraming) allowFraming(reply);
    if (routeConfig.private) markPrivate(reply);
  });
}

/** Lets the page be framed by any site (helmet's headers are already on the raw response). */
function allowFraming(reply: FastifyReply): void {
  const raw = reply.raw;
  const csp = raw.getHeader('content-security-policy');
  if (typeof csp === 'string') raw.setHeader('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'));
  raw.removeHeader('x-frame-options');
  raw.setHeader('cross-origin-resource-policy', 'cross-origin');
}

/** Lets the page be framed by this site's own pages only (the workspace's questionnaire preview): frame-ancestors 'self'. */
export function allowSelfFraming(reply: FastifyReply): void {
  const raw = reply.raw;
  const csp = raw.getHeader('content-security-policy');
  if (typeof csp === 'string') raw.setHeader('content-security-policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
  raw.setHeader('x-frame-options', 'SAMEORIGIN');
}

/** Marks a reply as private: never stored by a browser or a proxy. Use on every page with personal data or a token. */
export function markPrivate(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}
