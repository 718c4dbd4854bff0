import type { FastifyReply } from 'fastify';
import type { CleaningFlag } from '../../../analysis/cleaning/cleaning-flag.js';
import type { CleaningSettings } from '../../../analysis/cleaning/cleaning-settings.js';
import type { WaveCleaning } from '../../../analysis/cleaning/wave-cleaning.js';
import { formatNumber, formatPercent } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { ResponseRecord, User, Wave } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { noticeOf } from './admin-page.js';

const min = (ms: number, lang: Lang) => formatNumber(ms / 60_000, lang, 1);
/** A number as typed in a form of the language (decimal comma but in English). */
export const decimalText = (n: number, lang: Lang) => (lang === 'en' ? String(n) : String(n).replace('.', ','));

export function flagText(lang: Lang, flag: CleaningFlag): string {
  switch (flag.kind) {
    case 'speeder':
      return flag.fraction === undefined || Math.abs(flag.fraction - 1 / 3) < 1e-12
        ? t(lang, 'admin.cleaning.speeder', { duration: min(flag.durationMs, lang), median: min(flag.medianMs, lang) })
        : t(lang, 'admin.cleaning.speederShare', {
            duration: min(flag.durationMs, lang),
            median: min(flag.medianMs, lang),
            share: formatPercent(flag.fraction, lang, Math.abs(flag.fraction * 100 - Math.round(flag.fraction * 100)) < 1e-9 ? 0 : 1),
          });
    case 'straight-liner':
      return t(lang, 'admin.cleaning.straightLiner', { question: flag.question, items: flag.items, code: flag.code });
    case 'duplicate': {
      const ids = flag.with.map((id) => `#${id}`).join(', ');
      if (flag.rule === 'company-domain') return t(lang, 'admin.cleaning.duplicateOrganization', { ids });
      if (!(flag.probability < 0.1)) return t(lang, 'admin.cleaning.duplicateAnswers', { ids });
      // "under 1 in 10^k": the largest power of ten below the odds, up to 10^12
      const odds = 10 ** Math.min(12, Math.floor(-Math.log10(Math.max(flag.probability, 1e-300))));
      return t(lang, 'admin.cleaning.duplicateAnswersDetail', { ids, answers: formatNumber(flag.answers, lang), odds: formatNumber(odds, lang) });
    }
  }
}

const DONE = {
  exclude: 'admin.cleaning.excluded',
  restore: 'admin.cleaning.restored',
  'bulk-exclude': 'admin.cleaning.bulkExcluded',
  'bulk-restore': 'admin.cleaning.bulkRestored',
  settings: 'admin.cleaning.settingsSaved',
} as const;

function settingsForm(lang: Lang, reply: FastifyReply, wave: Wave, settings: CleaningSettings): Html {
  return html`<section aria-labelledby="cleaning-settings"><h2 id="cleaning-settings">${t(lang, 'admin.cleaning.settings')}</h2>
<p>${t(lang, 'admin.cleaning.settingsIntro')}</p>
<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/cleaning/settings`)}">${csrfField(reply)}
  <p><input type="checkbox" id="identical_answers" name="identical_answers" value="on"${settings.identicalAnswers ? html` checked` : null}> <label for="identical_answers">${t(lang, 'admin.cleaning.identicalAnswers')}</label></p>
  <p><label for="duplicate_min_answers">${t(lang, 'admin.cleaning.minAnswers')}</label> <input type="number" id="duplicate_min_answers" name="duplicate_min_answers" min="1" max="10000" step="1" required value="${settings.duplicateMinAnswers}"></p>
  <p><label for="duplicate_max_probability">${t(lang, 'admin.cleaning.maxProbability')}</label> <input type="text" inputmode="decimal" id="duplicate_max_probability" name="duplicate_max_probability" required value="${decimalText(settings.duplicateMaxProbability, lang)}"></p>
  <fieldset><legend>${t(lang, 'admin.cleaning.otherRules')}</legend>
  <p><label for="speeder_percent">${t(lang, 'admin.cleaning.speederPercent')}</label> <input type="text" inputmode="decimal" id="speeder_percent" name="speeder_percent" required value="${decimalText(Number((settings.speederFraction * 100).toFixed(4)), lang)}"></p>
  <p><label for="straight_liner_min_items">${t(lang, 'admin.cleaning.straightMinItems')}</label> <input type="number" id="straight_liner_min_items" name="straight_liner_min_items" min="2" max="100" step="1" required value="${settings.straightLinerMinItems}"></p>
  </fieldset>
  <p><button type="submit">${t(lang, 'admin.cleaning.saveSettings')}</button></p>
</form></section>`;
}

function row(lang: Lang, wave: Wave, r: ResponseRecord, flags: readonly CleaningFlag[], editable: boolean): Html {
  const view = localizedPath(lang, `/admin/waves/${wave.id}/responses/${r.id}`);
  const one = r.excluded ? `restore:${r.id}` : `exclude:${r.id}`;
  return html`<tr id="response-${r.id}">
    ${editable ? html`<td><input type="checkbox" id="select-${r.id}" name="response" value="${r.id}"><label for="select-${r.id}" class="visually-hidden">${t(lang, 'admin.cleaning.select', { id: r.id })}</label></td>` : null}
    <td><a href="${view}" aria-label="${t(lang, 'admin.cleaning.view', { id: r.id })}">#${r.id}</a></td>
    <td>${r.status === 'complete' ? t(lang, 'admin.contact.complete') : t(lang, 'admin.contact.partial')}${r.durationMs !== null ? `, ${t(lang, 'admin.monitor.minutes', { n: min(r.durationMs, lang) })}` : ''}</td>
    <td><ul>${flags.map((f) => html`<li>${flagText(lang, f)}</li>`)}</ul></td>
    <td>${r.excluded ? html`<p><strong>${t(lang, 'admin.cleaning.isExcluded')}</strong> ${r.exclusionReason ?? ''}</p>` : null}${
      editable
        ? html`<button type="submit" name="one" value="${one}"${r.excluded ? html` class="secondary"` : null}>${t(lang, r.excluded ? 'admin.cleaning.restore' : 'admin.cleaning.exclude', { id: r.id })}</button>`
        : null
    }</td>
  </tr>`;
}

/**
 * Flagged responses with their reasons, then excluded ones, each linked to its viewer. Analysts tick responses
 * (or use a row's button) and give one reason for all in a single form, so the page works without JavaScript.
 */
/** The notice's "undo" after an exclusion: restores the responses it changed, with a reason of its own. */
function undoForm(lang: Lang, reply: FastifyReply, wave: Wave, ids: readonly number[]): Html {
  return html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/responses/exclusions`)}" class="inline-form" id="undo">${csrfField(reply)}
  <input type="hidden" name="action" value="restore">${ids.map((id) => html`<input type="hidden" name="response" value="${id}">`)}
  <label for="undo-reason">${t(lang, 'admin.cleaning.undoReason')}</label> <input type="text" id="undo-reason" name="reason" maxlength="1000" required>
  <button type="submit" class="secondary">${t(lang, 'admin.cleaning.undo', { ids: ids.map((id) => `#${id}`).join(', ') })}</button></form>`;
}

export function cleaningView(lang: Lang, reply: FastifyReply, user: User, wave: Wave, cleaning: WaveCleaning, done?: string, undo: readonly number[] = []): Html {
  const editable = can(user.role, 'analyse');
  const { flags } = cleaning;
  const byId = new Map(cleaning.responses.map((r) => [r.id, r]));
  const rows = cleaning.reviewIds.map((id) => byId.get(id)!);
  const table = html`<div class="table-wrap"><table>
  <caption>${t(lang, 'admin.cleaning.caption')}</caption>
  <thead><tr>${editable ? html`<td></td>` : null}<th scope="col">${t(lang, 'admin.cleaning.response')}</th><th scope="col">${t(lang, 'admin.waves.status')}</th><th scope="col">${t(lang, 'admin.cleaning.flags')}</th><th scope="col">${t(lang, 'admin.cleaning.decision')}</th></tr></thead>
  <tbody>${rows.map((r) => row(lang, wave, r, flags.byResponse.get(r.id) ?? [], editable))}</tbody>
</table></div>`;
  return html`<h1>${t(lang, 'admin.cleaning.title', { wave: wave.title })}</h1>
${noticeOf(lang, done === undefined ? undefined : DONE[done as keyof typeof DONE], Object.values(DONE))}
${editable && undo.length > 0 && (done === 'exclude' || done === 'bulk-exclude') ? undoForm(lang, reply, wave, undo) : null}
<p>${t(lang, 'admin.cleaning.intro')}</p>
<ul class="status-counts">
  <li>${t(lang, 'admin.cleaning.speeders')} <strong>${formatNumber(flags.counts.speeder, lang)}</strong></li>
  <li>${t(lang, 'admin.cleaning.straightLiners')} <strong>${formatNumber(flags.counts.straightLiner, lang)}</strong></li>
  <li>${t(lang, 'admin.cleaning.duplicates')} <strong>${formatNumber(flags.counts.duplicate, lang)}</strong></li>
</ul>
${
  rows.length === 0
    ? html`<p>${t(lang, 'admin.cleaning.none')}</p>`
    : editable
      ? html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/responses/exclusions`)}" class="cleaning-bulk">${csrfField(reply)}
<p>${t(lang, 'admin.cleaning.selectHint')}</p>
<p><label for="reason">${t(lang, 'admin.cleaning.reason')}</label> <input type="text" id="reason" name="reason" maxlength="1000" required></p>
<p><button type="submit" name="action" value="exclude">${t(lang, 'admin.cleaning.excludeSelected')}</button> <button type="submit" name="action" value="restore" class="secondary">${t(lang, 'admin.cleaning.restoreSelected')}</button></p>
${table}
</form>`
      : table
}
${editable ? settingsForm(lang, reply, wave, cleaning.settings) : null}`;
}
