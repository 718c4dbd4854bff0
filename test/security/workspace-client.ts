/** Workspace helpers for the security tests: a signed-in owner over app.inject, posting forms with the CSRF token. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addUser, cookieHeader, csrfOf, keepCookies, signIn, type AdminTestApp } from '../admin/admin-app.js';

export interface WorkspaceClient {
  get(url: string): Promise<LightMyRequestResponse>;
  /** posts url-encoded fields with the session's CSRF token */
  post(url: string, fields: Record<string, string> | [string, string][], options?: { contentType?: string; payload?: string | Buffer }): Promise<LightMyRequestResponse>;
  readonly cookie: () => string;
}

export async function signedInOwner(admin: AdminTestApp, email = 'owner@example.org'): Promise<WorkspaceClient> {
  await addUser(admin.store, email, 'owner');
  return clientFor(admin.app, email);
}

export async function clientFor(app: FastifyInstance, email: string): Promise<WorkspaceClient> {
  const { jar } = await signIn(app, email);
  let csrf = '';
  const refreshCsrf = async () => {
    const home = await app.inject({ url: '/admin', headers: { cookie: cookieHeader(jar) } });
    keepCookies(jar, home);
    csrf = csrfOf(home.body);
  };
  await refreshCsrf();
  return {
    cookie: () => cookieHeader(jar),
    async get(url) {
      const response = await app.inject({ url, headers: { cookie: cookieHeader(jar) } });
      keepCookies(jar, response);
      return response;
    },
    async post(url, fields, options = {}) {
      const list = Array.isArray(fields) ? fields : Object.entries(fields);
      const payload = options.payload ?? new URLSearchParams([['_csrf', csrf], ...list]).toString();
      const response = await app.inject({
        method: 'POST',
        url,
        payload,
        headers: { cookie: cookieHeader(jar), 'content-type': options.contentType ?? 'application/x-www-form-urlencoded', 'x-csrf-token': csrf },
      });
      keepCookies(jar, response);
      return response;
    },
  };
}
