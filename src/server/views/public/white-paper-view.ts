import type { Lang } from '../../../report/format/lang.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import { html, type Html } from '../html.js';
import type { MessageKey } from '../../../messages/index.js';
import { t } from '../../../messages/index.js';

export interface LeadFormValues {
  readonly name?: string;
  readonly email?: string;
  readonly company?: string;
  readonly jobTitle?: string;
  readonly companySize?: string;
  readonly consent?: boolean;
  readonly sendEmail?: boolean;
}

export interface WhitePaperFormData {
  readonly studyTitle: string;
  readonly waveTitle: string;
  readonly action: string;
  readonly sizes: readonly string[];
  readonly csrf: Html;
  readonly values: LeadFormValues;
  /** field name -> message key */
  readonly errors: Readonly<Record<string, MessageKey>>;
}

const FIELDS = [
  ['name', 'whitePaper.form.name', 'name', 'text'],
  ['email', 'whitePaper.form.email', 'email', 'email'],
  ['company', 'whitePaper.form.company', 'organization', 'text'],
  ['jobTitle', 'whitePaper.form.jobTitle', 'organization-title', 'text'],
] as const;

/** The white paper's page: what it holds, then the lead form (consent unticked and optional, privacy notice, honeypot). */
export function whitePaperFormView(lang: Lang, data: WhitePaperFormData): Html {
  const error = (field: string) => {
    const key = data.errors[field];
    return key ? html`<p class="field-error" id="${field}-error">${t(lang, key)}</p>` : null;
  };
  const described = (field: string) => (data.errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : null);
  const errorKeys = Object.entries(data.errors);
  return html`<article class="white-paper">
<h1>${t(lang, 'whitePaper.page.title', { wave: data.waveTitle })}</h1>
<p class="lead">${data.studyTitle}. ${t(lang, 'whitePaper.page.lead', { wave: data.waveTitle })}</p>
<form method="post" action="${data.action}" class="lead-form" novalidate>
  <h2>${t(lang, 'whitePaper.form.title')}</h2>
  ${errorKeys.length > 0 ? html`<div class="notice" role="alert"><p>${t(lang, 'whitePaper.error.summary')}</p><ul>${errorKeys.map(([field, key]) => html`<li><a href="#lead-${field}">${t(lang, key)}</a></li>`)}</ul></div>` : null}
  ${data.csrf}
  ${FIELDS.map(([name, label, autocomplete, type]) => html`<div class="field${data.errors[name] ? ' has-error' : ''}">
    <label for="lead-${name}">${t(lang, label)} <span class="required">${t(lang, 'whitePaper.form.required')}</span></label>
    ${error(name)}
    <input id="lead-${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required maxlength="200" value="${pdfText(data.values[name] ?? '', 200)}"${described(name)}>
  </div>`)}
  <div class="field${data.errors.companySize ? ' has-error' : ''}">
    <label for="lead-companySize">${t(lang, 'whitePaper.form.companySize')} <span class="required">${t(lang, 'whitePaper.form.required')}</span></label>
    ${error('companySize')}
    <select id="lead-companySize" name="companySize" required${described('companySize')}>
      <option value="">${t(lang, 'whitePaper.form.choose')}</option>
      ${data.sizes.map((s) => html`<option value="${s}"${data.values.companySize === s ? html` selected` : null}>${s}</option>`)}
    </select>
  </div>
  <div class="field">
    <label class="choice" for="lead-consent"><input id="lead-consent" name="consent" type="checkbox" value="yes"${data.values.consent ? html` checked` : null}><span>${t(lang, 'whitePaper.form.consent')}</span></label>
  </div>
  <div class="field">
    <label class="choice" for="lead-sendEmail"><input id="lead-sendEmail" name="sendEmail" type="checkbox" value="yes"${data.values.sendEmail ? html` checked` : null}><span>${t(lang, 'whitePaper.form.sendEmail')}</span></label>
  </div>
  <div class="hp-field" aria-hidden="true"><label for="hp-website">Website</label><input type="text" id="hp-website" name="hp-website" tabindex="-1" autocomplete="off"></div>
  <p class="privacy-notice">${t(lang, 'whitePaper.form.privacy')}</p>
  <button type="submit">${t(lang, 'whitePaper.form.submit')}</button>
</form>
</article>`;
}

/** After the form: the download link (and whether it was e-mailed). */
export function whitePaperReadyView(lang: Lang, url: string, days: number, emailed: boolean | null): Html {
  return html`<article class="white-paper">
<h1>${t(lang, 'whitePaper.ready.title')}</h1>
<p>${t(lang, 'whitePaper.ready.text', { days })}</p>
<p><a class="button" id="white-paper-download" href="${url}" download>${t(lang, 'whitePaper.ready.link')}</a></p>
${emailed === null ? null : html`<p>${t(lang, emailed ? 'whitePaper.ready.emailed' : 'whitePaper.ready.notEmailed')}</p>`}
</article>`;
}

/** A short page with a title and a text (no published wave, expired link). */
export function whitePaperNoticeView(title: string, text: string): Html {
  return html`<article class="white-paper"><h1>${title}</h1><p>${text}</p></article>`;
}
