import type { FastifyReply, FastifyRequest } from 'fastify';
import { ABSOLUTE_TIMEOUT_MS } from './sessions.js';

/** `__Host-` prefix behind TLS: the browser then insists on Secure, path / and no Domain. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-barometre-session' : 'barometre-session';
}

export function readSessionCookie(request: FastifyRequest, secure: boolean): string | undefined {
  return request.cookies[sessionCookieName(secure)];
}

/** HttpOnly, SameSite=Lax, Secure behind TLS, for the whole site (login and logout live under /admin). */
export function setSessionCookie(reply: FastifyReply, id: string, secure: boolean): void {
  reply.setCookie(sessionCookieName(secure), id, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: ABSOLUTE_TIMEOUT_MS / 1000, // the server decides expiry; this only bounds the cookie's life
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
