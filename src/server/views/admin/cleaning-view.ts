import type { FastifyReply } from 'fastify';
import type { CleaningFlag } from '../../../analysis/cleaning/cleaning-flag.js';
import type { CleaningFlags } from '../../../analysis/cleaning/cleaning-flags.js';
import { formatNumber } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { ResponseRecord, User, Wave } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { noticeOf } from './admin-page.js';

const min = (ms: number, lang: Lang) => formatNumber(ms / 60_000, lang, 1);

export function flagText(lang: Lang, flag: CleaningFlag): string {
  switch (flag.kind) {
    case 'speeder':
      return t(lang, 'admin.cleaning.speeder', { duration: min(flag.durationMs, lang), median: min(flag.medianMs, lang) });
    case 'straight-liner':
      return t(lang, 'admin.cleaning.straightLiner', { question: flag.question, items: flag.items, code: flag.code });
    case 'duplicate':
      return t(lang, flag.rule === 'company-domain' ? 'admin.cleaning.duplicateOrganization' : 'admin.cleaning.duplicateAnswers', {
        ids: flag.with.map((id) => `#${id}`).join(', '),
      });
  }
}

function exclusionForm(lang: Lang, reply: FastifyReply, wave: Wave, r: ResponseRecord): Html {
  const action = localizedPath(lang, `/admin/waves/${wave.id}/responses/${r.id}/exclusion`);
  const id = `comment-${r.id}`;
  return r.excluded
    ? html`<form method="post" action="${action}" class="inline-form">${csrfField(reply)}<input type="hidden" name="action" value="restore">
  <label for="${id}" class="visually-hidden">${t(lang, 'admin.cleaning.comment')}</label><input type="text" id="${id}" name="comment" maxlength="1000" placeholder="${t(lang, 'admin.cleaning.comment')}">
  <button type="submit" class="secondary">${t(lang, 'admin.cleaning.restore', { id: r.id })}</button></form>`
    : html`<form method="post" action="${action}" class="inline-form">${csrfField(reply)}<input type="hidden" name="action" value="exclude">
  <label for="${id}" class="visually-hidden">${t(lang, 'admin.cleaning.comment')}</label><input type="text" id="${id}" name="comment" maxlength="1000" required placeholder="${t(lang, 'admin.cleaning.comment')}">
  <button type="submit">${t(lang, 'admin.cleaning.exclude', { id: r.id })}</button></form>`;
}

/** Flagged responses with their reasons, then excluded ones; each with its exclude/restore form. */
export function cleaningView(lang: Lang, reply: FastifyReply, user: User, wave: Wave, responses: readonly ResponseRecord[], flags: CleaningFlags, done?: string): Html {
  const editable = can(user.role, 'analyse');
  const rows = responses.filter((r) => flags.byResponse.has(r.id) || r.excluded);
  return html`<h1>${t(lang, 'admin.cleaning.title', { wave: wave.title })}</h1>
${noticeOf(lang, done === 'exclude' ? 'admin.cleaning.excluded' : done === 'restore' ? 'admin.cleaning.restored' : undefined, ['admin.cleaning.excluded', 'admin.cleaning.restored'])}
<p>${t(lang, 'admin.cleaning.intro')}</p>
<ul class="status-counts">
  <li>${t(lang, 'admin.cleaning.speeders')} <strong>${formatNumber(flags.counts.speeder, lang)}</strong></li>
  <li>${t(lang, 'admin.cleaning.straightLiners')} <strong>${formatNumber(flags.counts.straightLiner, lang)}</strong></li>
  <li>${t(lang, 'admin.cleaning.duplicates')} <strong>${formatNumber(flags.counts.duplicate, lang)}</strong></li>
</ul>
${
  rows.length === 0
    ? html`<p>${t(lang, 'admin.cleaning.none')}</p>`
    : html`<div class="table-wrap"><table>
  <caption>${t(lang, 'admin.cleaning.caption')}</caption>
  <thead><tr><th scope="col">${t(lang, 'admin.cleaning.response')}</th><th scope="col">${t(lang, 'admin.waves.status')}</th><th scope="col">${t(lang, 'admin.cleaning.flags')}</th><th scope="col">${t(lang, 'admin.cleaning.decision')}</th></tr></thead>
  <tbody>${rows.map(
    (r) => html`<tr id="response-${r.id}">
    <td>#${r.id}</td>
    <td>${r.status === 'complete' ? t(lang, 'admin.contact.complete') : t(lang, 'admin.contact.partial')}${r.durationMs !== null ? `, ${t(lang, 'admin.monitor.minutes', { n: min(r.durationMs, lang) })}` : ''}</td>
    <td><ul>${(flags.byResponse.get(r.id) ?? []).map((f) => html`<li>${flagText(lang, f)}</li>`)}</ul></td>
    <td>${r.excluded ? html`<p><strong>${t(lang, 'admin.cleaning.isExcluded')}</strong> ${r.exclusionReason ?? ''}</p>` : null}${editable ? exclusionForm(lang, reply, wave, r) : null}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}`;
}
