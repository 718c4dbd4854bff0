import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { eraseEmail } from '../../../analysis/erasure.js';
import type { Lang } from '../../../report/format/lang.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html } from '../../views/html.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { formOf, redirectTo } from './admin-helpers.js';

const ZEmail = z.string().trim().toLowerCase().max(320).pipe(z.email());

const WORDS = {
  fr: {
    title: 'Effacement de données personnelles',
    intro: 'Efface une personne dans toutes les vagues : ses contacts, invitations et liens, ses demandes de livre blanc. Ses réponses restent dans les statistiques sans identité, ou sont supprimées.',
    email: 'Adresse e-mail de la personne',
    delete: 'Supprimer aussi ses réponses (sinon elles sont anonymisées)',
    submit: 'Effacer',
    done: (c: Record<string, number>) => `Effacé : ${c.contacts} contact(s), ${c.leads} demande(s), ${c.invitations} invitation(s) ; réponses anonymisées ${c.anonymised}, supprimées ${c.deleted}.`,
  },
  en: {
    title: 'Erasing personal data',
    intro: 'Erases a person in every wave: their contacts, invitations and links, their white paper requests. Their responses stay in the statistics without identity, or are deleted.',
    email: 'The person’s e-mail address',
    delete: 'Delete their responses too (otherwise they are anonymised)',
    submit: 'Erase',
    done: (c: Record<string, number>) => `Erased: ${c.contacts} contact(s), ${c.leads} request(s), ${c.invitations} invitation(s); responses anonymised ${c.anonymised}, deleted ${c.deleted}.`,
  },
} as const;

const COUNTS = ['contacts', 'leads', 'invitations', 'anonymised', 'deleted'] as const;

/** `/admin/gdpr`: the owner erases a person on request (analysis/erasure.ts), logged with counts only. */
export const gdprRoutes: FastifyPluginAsync = async (app) => {
  const opts = { config: { permission: 'administer' as const } };

  app.get('/admin/gdpr', opts, async (request, reply) => {
    const w = WORDS[request.lang as Lang];
    const query = request.query as Record<string, string | undefined>;
    const counts = Object.fromEntries(COUNTS.map((k) => [k, Number(query[k]) || 0]));
    return sendAdminPage(request, reply, {
      title: w.title,
      body: html`<h1>${w.title}</h1>
${query.done === 'erased' ? html`<p class="notice" role="status">${w.done(counts)}</p>` : ''}
<p>${w.intro}</p>
<form method="post" action="${localizedPath(request.lang, '/admin/gdpr/erase')}">
  ${csrfField(reply)}
  <p><label for="gdpr-email">${w.email}</label><br><input id="gdpr-email" name="email" type="email" required autocomplete="off" maxlength="320"></p>
  <p><input id="gdpr-delete" name="deleteResponses" type="checkbox" value="yes"> <label for="gdpr-delete">${w.delete}</label></p>
  <p><button type="submit">${w.submit}</button></p>
</form>`,
    });
  });

  app.post('/admin/gdpr/erase', opts, async (request, reply) => {
    const form = formOf(request);
    const email = ZEmail.parse(form.email ?? '');
    const outcome = await eraseEmail(app.store, email, { deleteResponses: form.deleteResponses === 'yes', userId: request.user!.id, by: 'workspace' });
    const query = new URLSearchParams({
      done: 'erased', contacts: String(outcome.contacts), leads: String(outcome.leads), invitations: String(outcome.invitations),
      anonymised: String(outcome.responsesAnonymised), deleted: String(outcome.responsesDeleted),
    });
    return redirectTo(request, reply, `/admin/gdpr?${query}`);
  });
};
