import type { Lang } from '../../../report/format/lang.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import { html, type Html } from '../html.js';
import { t } from '../../../messages/index.js';
import type { LeadFormError, LeadFormValues } from '../../routes/public/white-paper-lead.js';

export type { LeadFormValues } from '../../routes/public/white-paper-lead.js';

/** One of the study's own fields as the form shows it, its texts in the study's language for the page. */
export interface LeadFieldView {
  /** the control's name (see `leadInputName`) */
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
  readonly maxLength: number;
  /** a choice: the option codes and labels */
  readonly options?: readonly { readonly value: string; readonly label: string }[];
}

export interface WhitePaperFormData {
  readonly studyTitle: string;
  readonly waveTitle: string;
  /** the BCP 47 tag of the study's texts when it is not the page's */
  readonly studyLang?: string;
  readonly action: string;
  readonly fields: readonly LeadFieldView[];
  readonly csrf: Html;
  readonly values: LeadFormValues;
  /** control name -> what is wrong */
  readonly errors: Readonly<Record<string, LeadFormError>>;
}

/** The message beside a control, naming the field it is about. */
function errorText(lang: Lang, error: LeadFormError, field: LeadFieldView | undefined): string {
  if (error === 'name') return t(lang, 'whitePaper.error.name');
  if (error === 'email') return t(lang, 'whitePaper.error.email');
  const label = field?.label ?? '';
  if (error === 'tooLong') return t(lang, 'lead.error.tooLong', { field: label, max: field?.maxLength ?? 0 });
  return t(lang, error === 'option' ? 'lead.error.option' : 'lead.error.required', { field: label });
}

/**
 * The white paper's page: what it holds, then the lead form: name and e-mail, the study's own fields (a text
 * or a list to choose from, required ones marked), the contact consent (unticked and optional), the privacy
 * notice and a honeypot. An error shows beside its field and in a summary at the top, each naming the field.
 */
export function whitePaperFormView(lang: Lang, data: WhitePaperFormData): Html {
  const ownLang = data.studyLang ? html` lang="${data.studyLang}"` : null;
  const byName = new Map(data.fields.map((f) => [f.name, f]));
  const message = (name: string) => {
    const error = data.errors[name];
    return error ? errorText(lang, error, byName.get(name)) : undefined;
  };
  const error = (name: string) => {
    const text = message(name);
    return text ? html`<p class="field-error" id="lead-${name}-error">${text}</p>` : null;
  };
  const described = (name: string) => (data.errors[name] ? html` aria-invalid="true" aria-describedby="lead-${name}-error"` : null);
  const value = (name: string, max: number) => pdfText(data.values.inputs?.[name] ?? '', max);
  const marker = (required: boolean) =>
    html`<span class="${required ? 'required' : 'optional'}">${required ? t(lang, 'whitePaper.form.required') : t(lang, 'lead.optional')}</span>`;
  const fieldClass = (name: string) => `field${data.errors[name] ? ' has-error' : ''}`;
  const fixed = (
    [
      ['name', t(lang, 'whitePaper.form.name'), 'name', 'text', 200],
      ['email', t(lang, 'lead.email'), 'email', 'email', 254],
    ] as const
  ).map(
    ([name, label, autocomplete, type, max]) => html`<div class="${fieldClass(name)}">
    <label for="lead-${name}">${label} ${marker(true)}</label>
    ${error(name)}
    <input id="lead-${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" required maxlength="${max}" value="${value(name, max)}"${described(name)}>
  </div>`,
  );
  const own = data.fields.map((f) => {
    const required = f.required ? html` required` : null;
    const control = f.options
      ? html`<select id="lead-${f.name}" name="${f.name}"${required}${described(f.name)}>
      <option value="">${t(lang, 'lead.choose')}</option>
      ${f.options.map((o) => html`<option value="${o.value}"${data.values.inputs?.[f.name] === o.value ? html` selected` : null}${ownLang}>${o.label}</option>`)}
    </select>`
      : html`<input id="lead-${f.name}" name="${f.name}" type="text"${required} maxlength="${f.maxLength}" value="${value(f.name, f.maxLength)}"${described(f.name)}>`;
    return html`<div class="${fieldClass(f.name)}">
    <label for="lead-${f.name}"><span${ownLang}>${f.label}</span> ${marker(f.required)}</label>
    ${error(f.name)}
    ${control}
  </div>`;
  });
  const errorEntries = Object.keys(data.errors).map((name) => [name, message(name)!] as const);
  return html`<article class="white-paper">
<h1>${t(lang, 'whitePaper.page.title', { wave: data.waveTitle })}</h1>
<p class="lead"><span${ownLang}>${data.studyTitle}</span>. ${t(lang, 'whitePaper.page.lead', { wave: data.waveTitle })}</p>
<form method="post" action="${data.action}" class="lead-form" novalidate>
  <h2>${t(lang, 'whitePaper.form.title')}</h2>
  ${errorEntries.length > 0 ? html`<div class="notice" role="alert"><p>${t(lang, 'whitePaper.error.summary')}</p><ul>${errorEntries.map(([name, text]) => html`<li><a href="#lead-${name}">${text}</a></li>`)}</ul></div>` : null}
  ${data.csrf}
  ${fixed}
  ${own}
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
