import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { csrfField } from '../../../csrf.js';
import { localizedPath } from '../../../i18n/localized-path.js';
import { t } from '../../../i18n/t.js';
import { markPrivate } from '../../../security.js';
import { html } from '../../../views/html.js';
import { sendPage } from '../../../views/send-page.js';
import { hashToken } from '../../../token.js';

const tokenOf = (request: FastifyRequest): string => {
  const value = (request.query as Record<string, unknown>).t ?? (request.body as Record<string, unknown> | undefined)?.t;
  return typeof value === 'string' ? value.slice(0, 100) : '';
};

/**
 * `/unsubscribe?t=TOKEN`, the link at the bottom of every invitation: GET asks for confirmation (a link
 * preview or a mail scanner must not unsubscribe anyone), POST records it. The same page whatever the token.
 */
export const unsubscribeRoutes: FastifyPluginAsync = async (app) => {
  const limits = { config: { private: true, rateLimit: { max: 30, timeWindow: '1 minute' } } };

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

  app.post('/unsubscribe', limits, async (request, reply) => {
    const token = tokenOf(request);
    const invitation = token ? await app.store.invitations.getByTokenHash(hashToken(app.config.secretKey, token)) : undefined;
    if (invitation?.contactId) {
      await app.store.contacts.unsubscribe(invitation.contactId);
      await app.store.auditLog.append({ action: 'contact.unsubscribe', target: `contact:${invitation.contactId}` });
    }
    const lang = request.lang;
    return sendPage(request, markPrivate(reply), {
      title: t(lang, 'admin.unsubscribe.done'),
      chrome: 'minimal',
      body: html`<h1>${t(lang, 'admin.unsubscribe.done')}</h1><p>${t(lang, 'admin.unsubscribe.doneText')}</p>`,
    });
  });
};
