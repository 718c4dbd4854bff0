import type { Lang } from '../../../report/format/lang.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import { html, type Html } from '../html.js';
import { wpt, type WhitePaperPageKey } from './white-paper-messages.js';

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
  readonly errors: Readonly<Record<string, WhitePaperPageKey>>;
}

const FIELDS = [
  ['name', 'form.name', 'name', 'text'],
  ['email', 'form.email', 'email', 'email'],
  ['company', 'form.company', 'organization', 'text'],
  ['jobTitle', 'form.jobTitle', 'organization-title', 'text'],
] as const;

/** The white paper's page: what it holds, then the lead form (consent unticked and optional, privacy notice, honeypot). */
export function whitePaperFormView(lang: Lang, data: WhitePaperFormData): Html {
  const error = (field: string) => {
    const key = data.errors[field];
    return key ? html`<p class="field-error" id="${field}-error">${wpt(lang, key)}</p>` : null;
  };
  const described = (field: string) => (data.errors[field] ? html` aria-invalid="true" aria-describedby="${field}-error"` : null);
  const errorKeys = Object.entries(data.errors);
  return html`<article class="white-paper">
<h1>${wpt(lang, 'page.title', { wave: data.waveTitle })}</h1>
<p class="lead">${data.studyTitle}. ${wpt(lang, 'page.lead', { wave: data.waveTitle })}</p>
<form method="post" action="${data.action}" class="lead-form" novalidate>
  <h2>${wpt(lang, 'form.title')}</h2>
  ${errorKeys.length > 0 ? html`<div class="notice" role="alert"><p>${wpt(lang, 'error.summary')}</p><ul>${errorKeys.map(([field, key]) => html`<li><a href="#lead-${field}">${wpt(lang, key)}</a></li>`)}</ul></div>` : null}
  ${data.csrf}
  ${FIELDS.map(([name, label, autocomplete, type]) => html`<div class="field${data.errors[name] ? ' has-error' : ''}">
    <label for="lead-${name}">${wpt(lang, label)} <span class="required">${wpt(lang, 'form.required')}</span></label>
    ${error(name)}
    <input id="lead-${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required maxlength="200" value="${pdfText(data.values[name] ?? '', 200)}"${described(name)}>
  </div>`)}
  <div class="field${data.errors.companySize ? ' has-error' : ''}">
    <label for="lead-companySize">${wpt(lang, 'form.companySize')} <span class="required">${wpt(lang, 'form.required')}</span></label>
    ${error('companySize')}
    <select id="lead-companySize" name="companySize" required${described('companySize')}>
      <option value="">${wpt(lang, 'form.choose')}</option>
      ${data.sizes.map((s) => html`<option value="${s}"${data.values.companySize === s ? html` selected` : null}>${s}</option>`)}
    </select>
  </div>
  <div class="field">
    <label class="choice" for="lead-consent"><input id="lead-consent" name="consent" type="checkbox" value="yes"${data.values.consent ? html` checked` : null}><span>${wpt(lang, 'form.consent')}</span></label>
  </div>
  <div class="field">
    <label class="choice" for="lead-sendEmail"><input id="lead-sendEmail" name="sendEmail" type="checkbox" value="yes"${data.values.sendEmail ? html` checked` : null}><span>${wpt(lang, 'form.sendEmail')}</span></label>
  </div>
  <div class="hp-field" aria-hidden="true"><label for="hp-website">Website</label><input type="text" id="hp-website" name="hp-website" tabindex="-1" autocomplete="off"></div>
  <p class="privacy-notice">${wpt(lang, 'form.privacy')}</p>
  <button type="submit">${wpt(lang, 'form.submit')}</button>
</form>
</article>`;
}

/** After the form: the download link (and whether it was e-mailed). */
export function whitePaperReadyView(lang: Lang, url: string, days: number, emailed: boolean | null): Html {
  return html`<article class="white-paper">
<h1>${wpt(lang, 'ready.title')}</h1>
<p>${wpt(lang, 'ready.text', { days })}</p>
<p><a class="button" id="white-paper-download" href="${url}" download>${wpt(lang, 'ready.link')}</a></p>
${emailed === null ? null : html`<p>${wpt(lang, emailed ? 'ready.emailed' : 'ready.notEmailed')}</p>`}
</article>`;
}

/** A short page with a title and a text (no published wave, expired link). */
export function whitePaperNoticeView(title: string, text: string): Html {
  return html`<article class="white-paper"><h1>${title}</h1><p>${text}</p></article>`;
}
