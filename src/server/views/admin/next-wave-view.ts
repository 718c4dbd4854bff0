import type { FastifyReply } from 'fastify';
import type { DroppedSetting, NextWave } from '../../../analysis/fieldwork/next-wave.js';
import { formatNumber } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { mailTemplateCount } from '../../../mail/mail-template.js';
import { html, type Html } from '../html.js';

/** The form's fields as typed (re-shown after a refused submission) or as suggested. */
export interface NextWaveFields {
  readonly code: string;
  readonly title: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly seriesOrder: string;
  readonly studyVersion: string;
  readonly copyContacts: boolean;
}

export interface NextWaveFormOptions {
  readonly source: Wave;
  readonly versions: readonly { readonly version: number }[];
  readonly fields: NextWaveFields;
  /** months between the previous wave's opening and the source's, when the dates are a suggestion */
  readonly suggestedMonths: number | undefined;
  /** messages naming the refused fields, already in the user's language */
  readonly errors: readonly string[];
}

/** `/admin/waves/:waveId/next`: the new wave's code, title, dates, place, study version, and whether to copy the contacts. */
export function nextWaveFormView(lang: Lang, reply: FastifyReply, options: NextWaveFormOptions): Html {
  const { source, fields, errors } = options;
  const latest = options.versions.at(-1)?.version;
  const datesHint =
    options.suggestedMonths === undefined
      ? t(lang, 'admin.nextWave.datesNone', { wave: source.title })
      : t(lang, 'admin.nextWave.datesSuggested', { wave: source.title, n: options.suggestedMonths });
  return html`<h1>${t(lang, 'admin.nextWave.title', { wave: source.title })}</h1>
${
  errors.length > 0
    ? html`<div class="error-summary" role="alert" id="next-wave-errors"><p>${t(lang, 'admin.nextWave.errors')}</p><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul></div>`
    : null
}
<p>${t(lang, 'admin.nextWave.intro', { wave: source.title })}</p>
<form method="post" action="${localizedPath(lang, `/admin/waves/${source.id}/next`)}">
  ${csrfField(reply)}
  <p><label for="code">${t(lang, 'admin.waves.code')}</label><input type="text" id="code" name="code" required maxlength="32" value="${fields.code}" aria-describedby="code-hint"><span class="hint" id="code-hint">${t(lang, 'admin.waves.codeHintAny')}</span></p>
  <p><label for="title">${t(lang, 'admin.waves.name')}</label><input type="text" id="title" name="title" required maxlength="200" value="${fields.title}"></p>
  <p><label for="opensAt">${t(lang, 'admin.waves.opensAt')}</label><input type="date" id="opensAt" name="opensAt" value="${fields.opensAt}" aria-describedby="dates-hint"></p>
  <p><label for="closesAt">${t(lang, 'admin.waves.closesAt')}</label><input type="date" id="closesAt" name="closesAt" value="${fields.closesAt}" aria-describedby="dates-hint"><span class="hint" id="dates-hint">${datesHint}</span></p>
  <p><label for="seriesOrder">${t(lang, 'admin.waves.seriesOrder')}</label><input type="number" id="seriesOrder" name="seriesOrder" step="1" value="${fields.seriesOrder}" aria-describedby="seriesOrder-hint"><span class="hint" id="seriesOrder-hint">${t(lang, 'admin.waves.seriesOrderHint')}</span></p>
  <p><label for="studyVersion">${t(lang, 'admin.waves.studyVersion')}</label><select id="studyVersion" name="studyVersion" aria-describedby="studyVersion-hint">${[
    ...options.versions,
  ]
    .reverse()
    .map(
      (v) =>
        html`<option value="${v.version}"${String(v.version) === fields.studyVersion ? html` selected` : null}>${source.studyId} — ${t(lang, 'admin.waves.version', { n: v.version })}${v.version === latest ? html` (${t(lang, 'admin.nextWave.latest')})` : null}</option>`,
    )}</select><span class="hint" id="studyVersion-hint">${t(lang, 'admin.nextWave.versionHint')}</span></p>
  <p><input type="checkbox" id="copyContacts" name="copyContacts" value="on"${fields.copyContacts ? html` checked` : null} aria-describedby="copyContacts-hint"> <label for="copyContacts">${t(lang, 'admin.nextWave.copyContacts')}</label><span class="hint" id="copyContacts-hint">${t(lang, 'admin.nextWave.copyContactsHint')}</span></p>
  <p><button type="submit">${t(lang, 'admin.nextWave.create')}</button></p>
</form>`;
}

const droppedText = (lang: Lang, d: DroppedSetting): string => {
  const params = { variable: d.variable, code: d.code ?? '' };
  if (d.kind === 'target') return d.reason === 'variable' ? t(lang, 'admin.nextWave.dropped.targetVariable', params) : t(lang, 'admin.nextWave.dropped.targetCode', params);
  return d.reason === 'variable' ? t(lang, 'admin.nextWave.dropped.quotaVariable', params) : t(lang, 'admin.nextWave.dropped.quotaCode', params);
};

/** What a new wave took over from the earlier one: settings, margins and quotas kept or dropped, contacts copied and left out. */
export function nextWaveReportView(lang: Lang, source: Wave, created: NextWave, version: number): Html {
  const { wave, carried, contacts } = created;
  const n = (value: number) => formatNumber(value, lang);
  return html`<h1>${t(lang, 'admin.nextWave.title', { wave: source.title })}</h1>
<p class="notice" role="status">${t(lang, 'admin.nextWave.done', { wave: wave.title })}</p>
<p id="next-wave-carried">${t(lang, 'admin.nextWave.carried', { wave: source.title, margins: n(carried.populationTargets?.margins.length ?? 0), quotas: n(carried.quotas?.segments.length ?? 0) })}</p>
<p id="next-wave-templates">${t(lang, 'admin.nextWave.templates', { n: n(mailTemplateCount(wave.settings)) })}</p>
${
  carried.dropped.length > 0
    ? html`<div id="next-wave-dropped"><p>${t(lang, 'admin.nextWave.dropped', { version })}</p><ul>${carried.dropped.map((d) => html`<li>${droppedText(lang, d)}</li>`)}</ul></div>`
    : null
}
${
  contacts
    ? html`<div id="next-wave-contacts"><p>${t(lang, 'admin.nextWave.contacts', { copied: n(contacts.copied), left: n(contacts.leftOut.unsubscribed + contacts.leftOut.bounced) })}</p>
<ul>
  <li>${t(lang, 'admin.nextWave.leftOut.unsubscribed', { n: n(contacts.leftOut.unsubscribed) })}</li>
  <li>${t(lang, 'admin.nextWave.leftOut.bounced', { n: n(contacts.leftOut.bounced) })}</li>
</ul></div>`
    : html`<p id="next-wave-contacts">${t(lang, 'admin.nextWave.contactsNotAsked')}</p>`
}
<p><a class="button" href="${localizedPath(lang, `/admin/waves/${wave.id}`)}">${t(lang, 'admin.nextWave.open')}</a></p>`;
}
