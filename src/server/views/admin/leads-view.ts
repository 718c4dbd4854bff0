import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import type { Lead } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';
import { wpt } from '../public/white-paper-messages.js';

const when = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));

/** Lead text as shown to researchers: plain (controls and bidi overrides removed), then escaped by `html`. */
const plain = (value: string | null) => pdfText(value ?? '', 300);

/** The white paper's contacts: one row each with consent, an erase button (analysts), the CSV export. */
export function leadsView(lang: Lang, reply: FastifyReply, leads: readonly Lead[], waves: ReadonlyMap<number, string>, canErase: boolean, erased: boolean): Html {
  return html`<h1>${wpt(lang, 'leads.title')}</h1>
${erased ? html`<p class="notice" role="status">${wpt(lang, 'leads.erased')}</p>` : null}
<p>${wpt(lang, 'leads.count', { count: leads.length })} · <a href="${localizedPath(lang, '/admin/leads.csv')}" download>${wpt(lang, 'leads.csv')}</a></p>
${leads.length === 0 ? html`<p>${wpt(lang, 'leads.none')}</p>` : html`<div class="table-wrap"><table class="leads-table">
  <thead><tr>
    <th scope="col">${wpt(lang, 'leads.date')}</th><th scope="col">${wpt(lang, 'leads.name')}</th><th scope="col">${wpt(lang, 'leads.email')}</th>
    <th scope="col">${wpt(lang, 'leads.company')}</th><th scope="col">${wpt(lang, 'leads.jobTitle')}</th><th scope="col">${wpt(lang, 'leads.size')}</th>
    <th scope="col">${wpt(lang, 'leads.consent')}</th><th scope="col">${wpt(lang, 'leads.wave')}</th>${canErase ? html`<th scope="col"><span class="visually-hidden">${wpt(lang, 'leads.erase')}</span></th>` : null}
  </tr></thead>
  <tbody>${leads.map((lead) => html`<tr>
    <td><time datetime="${lead.createdAt}">${when(lang, lead.createdAt)}</time></td>
    <td>${plain(lead.name)}</td><td>${plain(lead.email)}</td><td>${plain(lead.company)}</td><td>${plain(lead.jobTitle)}</td><td>${plain(lead.companySize)}</td>
    <td>${wpt(lang, lead.consentContact ? 'leads.yes' : 'leads.no')}${lead.consentVersion ? html` <small>(${lead.consentVersion})</small>` : null}</td>
    <td>${lead.waveId === null ? '–' : (waves.get(lead.waveId) ?? `#${lead.waveId}`)}</td>
    ${canErase ? html`<td><form method="post" action="${localizedPath(lang, `/admin/leads/${lead.id}/erase`)}">${csrfField(reply)}<button type="submit" class="secondary" aria-label="${wpt(lang, 'leads.eraseLabel', { id: lead.id })}">${wpt(lang, 'leads.erase')}</button></form></td>` : null}
  </tr>`)}</tbody>
</table></div>`}`;
}
