import type { FastifyPluginAsync, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { csrfField } from '../../../csrf.js';
import { localizedPath } from '../../../i18n/localized-path.js';
import { t } from '../../../../messages/index.js';
import { markPrivate } from '../../../security.js';
import { html } from '../../../views/html.js';
import { sendPage } from '../../../views/send-page.js';
import { hashToken } from '../../../token.js';

const tokenOf = (request: FastifyRequest): string => {
  const value = (request.query as Record<string, unknown>).t ?? (request.body as Record<string, unknown> | null | undefined)?.t;
  return typeof value === 'string' ? value.slice(0, 100) : '';
};

/** RFC 8058 section 3.2: the body of a one-click POST is this one field, as a form (multipart or url-encoded). */
const ONE_CLICK_FIELD = 'List-Unsubscribe';
const ONE_CLICK_VALUE = 'One-Click';
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

function isOneClick(request: FastifyRequest): boolean {
  const body = request.body;
  if (!FORM_TYPES.test(request.headers['content-type'] ?? '') || !body || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  return keys.length === 1 && keys[0] === ONE_CLICK_FIELD && (body as Record<string, unknown>)[ONE_CLICK_FIELD] === ONE_CLICK_VALUE;
}

/** The text fields of a small multipart/form-data body (RFC 7578), which RFC 8058 recommends for one-click. */
function multipartFields(body: string, contentType: string | undefined): Record<string, string> {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return {};
  const fields: [string, string][] = [];
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const end = part.indexOf('\r\n\r\n');
    if (end < 0) continue;
    const name = /\bname="([^"]*)"/i.exec(part.slice(0, end))?.[1];
    if (name !== undefined) fields.push([name, part.slice(end + 4).replace(/\r\n$/, '')]);
  }
  return Object.fromEntries(fields);
}

/**
 * `/unsubscribe?t=TOKEN`, the link at the bottom of every invitation and its List-Unsubscribe header.
 * GET asks for confirmation (a link preview or a mail scanner must not unsubscribe anyone); POST records it,
 * either from that page's form (CSRF-checked) or as an RFC 8058 one-click POST from a mail provider, whose
 * body is exactly `List-Unsubscribe=One-Click` and which carries no cookie: the secret token in the URL is
 * its only credential. The same page whatever the token, so it tells nothing about which tokens exist.
 */
export const unsubscribeRoutes: FastifyPluginAsync = async (app) => {
  const limits = { config: { private: true, rateLimit: { max: 30, timeWindow: '1 minute' } } };
  // scoped to this plugin: the rest of the app still answers 415 to multipart bodies
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (request, body, done) => {
    done(null, multipartFields(String(body), request.headers['content-type']));
  });

  app.get('/unsubscribe', limits, async (request, reply) => {
    const lang = request.lang;
    return sendPage(request, markPrivate(reply), {
      title: t(lang, 'admin.unsubscribe.title'),
      chrome: 'minimal',
      body: html`<h1>${t(lang, 'admin.unsubscribe.title')}</h1>
<p>${t(lang, 'admin.unsubscribe.text')}</p>
<form method="post" action="${localizedPath(lang, '/unsubscribe')}">
  ${csrfField(reply)}<input type="hidden" name="t" value="${tokenOf(request)}">
  <button type="submit">${t(lang, 'admin.unsubscribe.confirm')}</button>
</form>`,
    });
  });

  const post = {
    // the app-wide CSRF hook is off for this route only; this preHandler runs it for everything but a one-click body
    config: { ...limits.config, csrf: false },
    preHandler: (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      if (isOneClick(request)) return done();
      app.csrfProtection(request, reply, done);
    },
  };
  app.post('/unsubscribe', post, async (request, reply) => {
    const token = tokenOf(request);
    const invitation = token ? await app.store.invitations.getByTokenHash(hashToken(app.config.secretKey, token)) : undefined;
    if (invitation?.contactId) {
      await app.store.contacts.unsubscribe(invitation.contactId);
      await app.store.auditLog.append({ action: 'contact.unsubscribe', target: `contact:${invitation.contactId}`, details: { via: isOneClick(request) ? 'one-click' : 'form' } });
    }
    const lang = request.lang;
    return sendPage(request, markPrivate(reply), {
      title: t(lang, 'admin.unsubscribe.done'),
      chrome: 'minimal',
      body: html`<h1>${t(lang, 'admin.unsubscribe.done')}</h1><p>${t(lang, 'admin.unsubscribe.doneText')}</p>`,
    });
  });
};
