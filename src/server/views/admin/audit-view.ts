import type { Lang } from '../../../report/format/lang.js';
import type { AuditEntry } from '../../../store/index.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';

const when = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' }).format(new Date(iso));

export function auditView(lang: Lang, entries: readonly AuditEntry[], emails: ReadonlyMap<number, string>): Html {
  return html`<h1>${t(lang, 'admin.audit.title')}</h1>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.audit.when')}</th><th scope="col">${t(lang, 'admin.audit.who')}</th><th scope="col">${t(lang, 'admin.audit.action')}</th><th scope="col">${t(lang, 'admin.audit.target')}</th><th scope="col">${t(lang, 'admin.audit.details')}</th></tr></thead>
  <tbody>${entries.map(
    (e) =>
      html`<tr><td><time datetime="${e.at}">${when(lang, e.at)}</time></td><td>${e.userId === null ? '—' : (emails.get(e.userId) ?? `#${e.userId}`)}</td><td><code>${e.action}</code></td><td>${e.target ?? ''}</td><td>${e.details === null ? '' : JSON.stringify(e.details)}</td></tr>`,
  )}</tbody>
</table></div>
${entries.length === 200 ? html`<p><a href="?before=${entries.at(-1)!.id}">${t(lang, 'admin.audit.older')}</a></p>` : null}`;
}
