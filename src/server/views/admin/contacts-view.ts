import type { FastifyReply } from 'fastify';
import { formatDate } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { User, Wave } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import type { MessageKey } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { CONTACT_STATUSES, type ContactProgress } from '../../routes/admin/contacts/contact-status.js';
import type { ContactRejection } from '../../routes/admin/contacts/parse-contacts-csv.js';
import { html, type Html } from '../html.js';

export interface ImportReport {
  readonly imported: number;
  readonly rejected: readonly ContactRejection[];
}

const SHOWN = 500;
const statusText = (lang: Lang, status: string) => t(lang, `admin.contact.${status}` as MessageKey);

const dayOf = (iso: string, lang: Lang) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? formatDate(iso.slice(0, 10), lang) : iso);

/** A contact's bounce or unsubscription: what, when, and why where the mail server said. */
function optOutText(lang: Lang, p: ContactProgress): string {
  const { bouncedAt, bounceReason } = p.contact;
  const parts: string[] = [];
  if (p.contact.unsubscribedAt) parts.push(t(lang, 'admin.contacts.unsubscribedOn', { date: dayOf(p.contact.unsubscribedAt, lang) }));
  if (bouncedAt) parts.push(t(lang, 'admin.contacts.bouncedOn', { date: dayOf(bouncedAt, lang) }));
  else if (p.status === 'bounced') parts.push(statusText(lang, 'bounced'));
  if (bounceReason) parts.push(t(lang, 'admin.contacts.bounceReason', { reason: bounceReason.slice(0, 300) }));
  return parts.join('; ');
}

export function contactsView(
  lang: Lang,
  reply: FastifyReply,
  user: User,
  wave: Wave,
  progress: readonly ContactProgress[],
  extra: { report?: ImportReport; sent?: { kind: 'invitation' | 'reminder'; sent: number; failed: number }; smtp: boolean },
): Html {
  const base = localizedPath(lang, `/admin/waves/${wave.id}`);
  const counts = CONTACT_STATUSES.map((s) => ({ s, n: progress.filter((p) => p.status === s).length }));
  const report = extra.report;
  const editable = can(user.role, 'analyse');
  // a scheduled send: the job's run time (see jobs-routes.ts for the list, with a cancel button)
  const sendAtField = (kind: string) =>
    html`<label for="send-at-${kind}">${t(lang, 'admin.contacts.sendAt')}</label> <input type="datetime-local" id="send-at-${kind}" name="sendAt"> `;
  return html`<h1>${t(lang, 'admin.contacts.title', { wave: wave.title })}</h1>
${
  report
    ? html`<section class="import-report" aria-labelledby="import-report" role="status">
  <h2 id="import-report">${t(lang, 'admin.contacts.report', { imported: report.imported, rejected: report.rejected.length })}</h2>
  ${report.rejected.length ? html`<ul class="import-errors">${report.rejected.map((r) => html`<li>${t(lang, 'admin.contacts.line', { line: r.line })} ${r.message}</li>`)}</ul>` : null}
</section>`
    : null
}
${extra.sent ? html`<p class="notice" role="status">${t(lang, extra.sent.kind === 'invitation' ? 'admin.contacts.sentInvitations' : 'admin.contacts.sentReminders', { n: extra.sent.sent })}${extra.sent.failed ? ` ${t(lang, 'admin.contacts.failed', { n: extra.sent.failed })}` : ''}</p>` : null}
<p><a href="${`${base}/mail`}" id="contacts-mail-link">${t(lang, 'admin.contacts.mailLink')}</a></p>
<h2>${t(lang, 'admin.contacts.follow')}</h2>
<ul class="status-counts">${counts.map(({ s, n }) => html`<li><span>${statusText(lang, s)}</span> <strong data-status="${s}">${n}</strong></li>`)}</ul>
${
  editable
    ? html`<h2>${t(lang, 'admin.contacts.send')}</h2>
${wave.status !== 'fieldwork' ? html`<p class="hint">${t(lang, 'admin.contacts.needFieldwork')}</p>` : null}
${extra.smtp ? null : html`<p class="hint">${t(lang, 'admin.contacts.noSmtp')}</p>`}
<div class="actions">
  <form method="post" action="${`${base}/invitations`}" class="inline-form">${csrfField(reply)}${sendAtField('invitation')}<button type="submit"${wave.status !== 'fieldwork' ? html` disabled` : null}>${t(lang, 'admin.contacts.sendInvitations')}</button></form>
  <form method="post" action="${`${base}/reminders`}" class="inline-form">${csrfField(reply)}${sendAtField('reminder')}<button type="submit" class="secondary"${wave.status !== 'fieldwork' ? html` disabled` : null}>${t(lang, 'admin.contacts.sendReminders')}</button></form>
  <p><a href="${`${base}/jobs`}">${t(lang, 'admin.jobs.open')}</a></p>
</div>
<h2>${t(lang, 'admin.contacts.import')}</h2>
<form method="post" action="${`${base}/contacts/import`}">
  ${csrfField(reply)}
  <p><label for="csv-file">${t(lang, 'admin.contacts.file')}</label><input type="file" id="csv-file" accept=".csv,text/csv" data-fills="csv"></p>
  <p><label for="csv">${t(lang, 'admin.contacts.csv')}</label>
  <textarea id="csv" name="csv" rows="8" required aria-describedby="csv-hint"></textarea>
  <span class="hint" id="csv-hint">${t(lang, 'admin.contacts.csvHint')}</span></p>
  <p><button type="submit">${t(lang, 'admin.contacts.importButton')}</button></p>
</form>`
    : null
}
${editable ? contactTable(lang, progress) : html`<p class="hint">${t(lang, 'admin.personalData.analystOnly')}</p>`}`;
}

/** The contacts themselves (personal data): shown to analysts and owners only. */
function contactTable(lang: Lang, progress: readonly ContactProgress[]): Html {
  return html`<h2>${t(lang, 'admin.contacts.list', { n: progress.length })}</h2>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.users.email')}</th><th scope="col">${t(lang, 'admin.contacts.name')}</th><th scope="col">${t(lang, 'admin.contacts.organization')}</th><th scope="col">${t(lang, 'admin.waves.status')}</th><th scope="col">${t(lang, 'admin.contacts.optOut')}</th></tr></thead>
  <tbody>${progress
    .slice(0, SHOWN)
    .map(
      (p) =>
        html`<tr><td>${p.contact.email}</td><td>${p.contact.name ?? ''}</td><td>${p.contact.company ?? ''}</td><td data-contact-status="${p.status}">${statusText(lang, p.status)}</td><td class="contact-opt-out">${optOutText(lang, p)}</td></tr>`,
    )}</tbody>
</table></div>
${progress.length > SHOWN ? html`<p class="hint">${t(lang, 'admin.contacts.more', { n: progress.length - SHOWN })}</p>` : null}`;
}
