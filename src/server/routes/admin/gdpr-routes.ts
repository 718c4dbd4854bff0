import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { eraseEmail } from '../../../analysis/erasure.js';
import { csrfField } from '../../csrf.js';
import { t } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html } from '../../views/html.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { formOf, redirectTo } from './admin-helpers.js';
import { ZConfirmed } from './confirmation.js';

const ZEmail = z.string().trim().toLowerCase().max(320).pipe(z.email());

const COUNTS = ['contacts', 'leads', 'invitations', 'anonymised', 'deleted'] as const;

/** `/admin/gdpr`: the owner erases a person on request (analysis/erasure.ts), logged with counts only. */
export const gdprRoutes: FastifyPluginAsync = async (app) => {
  const opts = { config: { permission: 'administer' as const } };

  /** The erasure form; `missingConfirmation`: posted without its required confirmation (400). */
  const page = (request: FastifyRequest, reply: FastifyReply, missingConfirmation = false) => {
    const lang = request.lang;
    const query = request.query as Record<string, string | undefined>;
    const counts = Object.fromEntries(COUNTS.map((k) => [k, Number(query[k]) || 0]));
    return sendAdminPage(request, reply, {
      title: t(lang, 'admin.gdpr.title'),
      status: missingConfirmation ? 400 : 200,
      body: html`<h1>${t(lang, 'admin.gdpr.title')}</h1>
${query.done === 'erased' ? html`<p class="notice" role="status">${t(lang, 'admin.gdpr.done', counts)}</p>` : null}
<p>${t(lang, 'admin.gdpr.intro')}</p>
<form method="post" action="${localizedPath(request.lang, '/admin/gdpr/erase')}">
  ${csrfField(reply)}
  <p><label for="gdpr-email">${t(lang, 'admin.gdpr.email')}</label><br><input id="gdpr-email" name="email" type="email" required autocomplete="off" maxlength="320"></p>
  <p><input id="gdpr-delete" name="deleteResponses" type="checkbox" value="yes"> <label for="gdpr-delete">${t(lang, 'admin.gdpr.delete')}</label></p>
  ${missingConfirmation ? html`<p class="error" role="alert" id="confirm-error">${t(lang, 'admin.confirm.required')}</p>` : null}
  <p><input id="confirm" name="confirm" type="checkbox" value="yes" required${missingConfirmation ? html` aria-invalid="true" aria-describedby="confirm-error"` : null}> <label for="confirm">${t(lang, 'admin.erase.confirm')}</label></p>
  <p><button type="submit">${t(lang, 'admin.gdpr.submit')}</button></p>
</form>`,
    });
  };

  app.get('/admin/gdpr', opts, async (request, reply) => page(request, reply));

  app.post('/admin/gdpr/erase', opts, async (request, reply) => {
    const form = formOf(request);
    const email = ZEmail.parse(form.email ?? '');
    // an erasure cannot be undone: the form's required checkbox says the owner means it
    if (!ZConfirmed.parse(form.confirm)) return page(request, reply, true);
    const outcome = await eraseEmail(app.store, email, { deleteResponses: form.deleteResponses === 'yes', userId: request.user!.id, by: 'workspace' });
    const query = new URLSearchParams({
      done: 'erased',
      contacts: String(outcome.contacts),
      leads: String(outcome.leads),
      invitations: String(outcome.invitations),
      anonymised: String(outcome.responsesAnonymised),
      deleted: String(outcome.responsesDeleted),
    });
    return redirectTo(request, reply, `/admin/gdpr?${query}`);
  });
};
