import type { Lang } from '../../../report/format/lang.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import type { Lead } from '../../../store/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { leadFieldText, type LeadGroup } from '../../routes/admin/lead-columns.js';
import { html, type Html } from '../html.js';

const when = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(new Date(iso));

/** Lead text as shown to researchers: plain (controls and bidi overrides removed), then escaped by `html`. */
const plain = (value: string | null) => pdfText(value ?? '', 300);

/** One study's contacts: its own form fields as columns (the legacy company columns when old leads have them). */
function groupTable(lang: Lang, group: LeadGroup, waves: ReadonlyMap<number, string>, canErase: boolean): Html {
  const own = group.lang === lang ? null : html` lang="${group.lang}"`;
  const id = `leads-${group.studyId.replace(/[^a-z0-9-]/g, '-')}`;
  const row = (lead: Lead) => html`<tr>
    <td><time datetime="${lead.createdAt}">${when(lang, lead.createdAt)}</time></td>
    <td>${plain(lead.name)}</td><td>${plain(lead.email)}</td>
    ${group.fields.map((f) => html`<td>${plain(leadFieldText(f, lead))}</td>`)}
    ${group.legacy ? html`<td>${plain(lead.company)}</td><td>${plain(lead.jobTitle)}</td><td>${plain(lead.companySize)}</td>` : null}
    <td>${t(lang, lead.consentContact ? 'whitePaper.leads.yes' : 'whitePaper.leads.no')}${lead.consentVersion ? html` <small>(${lead.consentVersion})</small>` : null}</td>
    <td>${lead.waveId === null ? '–' : (waves.get(lead.waveId) ?? `#${lead.waveId}`)}</td>
    ${canErase ? html`<td><form method="get" action="${localizedPath(lang, `/admin/leads/${lead.id}/erase`)}"><button type="submit" class="secondary" aria-label="${t(lang, 'whitePaper.leads.eraseLabel', { id: lead.id })}">${t(lang, 'whitePaper.leads.erase')}</button></form></td>` : null}
  </tr>`;
  return html`<section aria-labelledby="${id}">
<h2 id="${id}">${t(lang, 'whitePaper.leads.byStudy', { study: group.title })}</h2>
<p>${t(lang, 'whitePaper.leads.count', { count: group.leads.length })} · <a href="${localizedPath(lang, `/admin/leads.csv?study=${encodeURIComponent(group.studyId)}`)}" download>${t(lang, 'whitePaper.leads.studyCsv')}</a></p>
<div class="table-wrap"><table class="leads-table">
  <thead><tr>
    <th scope="col">${t(lang, 'whitePaper.leads.date')}</th><th scope="col">${t(lang, 'whitePaper.leads.name')}</th><th scope="col">${t(lang, 'whitePaper.leads.email')}</th>
    ${group.fields.map((f) => html`<th scope="col"${own}>${plain(f.label)}</th>`)}
    ${group.legacy ? html`<th scope="col">${t(lang, 'whitePaper.leads.company')}</th><th scope="col">${t(lang, 'whitePaper.leads.jobTitle')}</th><th scope="col">${t(lang, 'whitePaper.leads.size')}</th>` : null}
    <th scope="col">${t(lang, 'whitePaper.leads.consent')}</th><th scope="col">${t(lang, 'whitePaper.leads.wave')}</th>${canErase ? html`<th scope="col"><span class="visually-hidden">${t(lang, 'whitePaper.leads.erase')}</span></th>` : null}
  </tr></thead>
  <tbody>${group.leads.map(row)}</tbody>
</table></div>
</section>`;
}

/** The white paper's contacts, one table per study, with consent, an erase button (analysts) and the CSV exports. */
export function leadsView(lang: Lang, groups: readonly LeadGroup[], waves: ReadonlyMap<number, string>, canErase: boolean, erased: boolean): Html {
  const count = groups.reduce((sum, g) => sum + g.leads.length, 0);
  // a viewer sees how many leads each study has, never who they are (least privilege)
  if (!canErase)
    return html`<h1>${t(lang, 'whitePaper.leads.title')}</h1>
<p>${t(lang, 'whitePaper.leads.count', { count })}</p>
<ul class="status-counts">${groups.map((g) => html`<li><span>${g.title}</span> <strong data-study="${g.studyId}">${g.leads.length}</strong></li>`)}</ul>
<p class="hint">${t(lang, 'admin.personalData.analystOnly')}</p>`;
  return html`<h1>${t(lang, 'whitePaper.leads.title')}</h1>
${erased ? html`<p class="notice" role="status">${t(lang, 'whitePaper.leads.erased')}</p>` : null}
<p>${t(lang, 'whitePaper.leads.count', { count })} · <a href="${localizedPath(lang, '/admin/leads.csv')}" download>${t(lang, 'whitePaper.leads.csv')}</a></p>
${count === 0 ? html`<p>${t(lang, 'whitePaper.leads.none')}</p>` : groups.map((g) => groupTable(lang, g, waves, canErase))}`;
}
