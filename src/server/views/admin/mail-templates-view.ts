import type { FastifyReply } from 'fastify';
import type { RenderedEmail } from '../../../mail/invitation-email.js';
import { MAIL_PLACEHOLDERS, type MailKind, type MailTemplate, type MailTemplateField, type MailTemplateProblem } from '../../../mail/mail-template.js';
import { t, type Lang, type MessageKey } from '../../../messages/index.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';

/** One e-mail of the page: its kind and language, the values in its form and whether the wave has its own wording. */
export interface MailTemplateForm {
  readonly kind: MailKind;
  readonly lang: string;
  readonly values: MailTemplate;
  readonly custom: boolean;
}

export interface MailTemplatesExtra {
  readonly editable: boolean;
  readonly smtp: boolean;
  /** the notice of the last action (saved, reset, test) and the e-mail it concerned */
  readonly done?: { readonly action: 'saved' | 'reset' | 'test'; readonly kind: MailKind; readonly lang: string; readonly email?: string };
  /** why the submitted form was refused: its e-mail and the lines naming each field */
  readonly refused?: { readonly kind: MailKind; readonly lang: string; readonly problems: readonly MailTemplateProblem[]; readonly message?: string };
  /** the preview of the submitted form, as the sample contact sees it */
  readonly preview?: { readonly kind: MailKind; readonly lang: string; readonly email: RenderedEmail; readonly sampleName: string };
}

const kindName = (lang: Lang, kind: MailKind) => t(lang, `admin.mail.kind.${kind}` as MessageKey);
const fieldName = (lang: Lang, field: MailTemplateField) => t(lang, `admin.mail.${field}` as MessageKey);
/** A study language named in the user's interface language ("anglais" on a French page); the tag itself if unknown. */
function languageIn(lang: Lang, tag: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
const idOf = (kind: MailKind, contentLang: string, field?: string) => `mail-${kind}-${contentLang}${field ? `-${field}` : ''}`;

/** A refused template's problem as a sentence naming the field, in the user's language. */
export function mailProblemText(lang: Lang, problem: MailTemplateProblem): string {
  const field = fieldName(lang, problem.field);
  if (problem.code === 'TOO_LONG') return t(lang, 'admin.mail.error.TOO_LONG', { field, max: problem.max });
  if (problem.code === 'UNKNOWN_PLACEHOLDER') return t(lang, 'admin.mail.error.UNKNOWN_PLACEHOLDER', { field, placeholder: problem.placeholder });
  if (problem.code === 'LINK_NOT_IN_TEXT') return t(lang, 'admin.mail.error.LINK_NOT_IN_TEXT', { field, placeholder: '{link}' });
  return t(lang, 'admin.mail.error.EMPTY', { field });
}

/**
 * `/admin/waves/:waveId/mail`: one form per e-mail kind and study language (subject, text, sender name)
 * prefilled with the wave's wording or the default one; save, preview (as a sample contact sees it, without
 * JavaScript: the form posts and the page comes back with the preview under it), a test sent to oneself,
 * and back to the default wording.
 */
export function mailTemplatesView(lang: Lang, reply: FastifyReply, wave: Wave, forms: readonly MailTemplateForm[], extra: MailTemplatesExtra): Html {
  const base = localizedPath(lang, `/admin/waves/${wave.id}/mail`);
  const name = (form: { kind: MailKind; lang: string }) => ({ kind: kindName(lang, form.kind), language: languageIn(lang, form.lang) });
  const done = extra.done;
  const placeholders = MAIL_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');
  return html`<h1>${t(lang, 'admin.mail.title', { wave: wave.title })}</h1>
${
  done
    ? html`<p class="notice" role="status" id="mail-done">${
        done.action === 'test'
          ? t(lang, 'admin.mail.done.test', { email: done.email ?? '' })
          : t(lang, done.action === 'saved' ? 'admin.mail.done.saved' : 'admin.mail.done.reset', name(done))
      }</p>`
    : null
}
<p>${t(lang, 'admin.mail.intro')}</p>
<p class="hint">${t(lang, 'admin.mail.placeholders', { list: placeholders, link: '{link}' })}</p>
${extra.smtp ? null : html`<p class="hint" id="mail-no-smtp">${t(lang, 'admin.mail.noSmtp')}</p>`}
${forms.map((form) => {
  const id = (field?: string) => idOf(form.kind, form.lang, field);
  const refused = extra.refused && extra.refused.kind === form.kind && extra.refused.lang === form.lang ? extra.refused : undefined;
  const invalid = (field: MailTemplateField) => (refused?.problems.some((p) => p.field === field) ? html` aria-invalid="true"` : null);
  const preview = extra.preview && extra.preview.kind === form.kind && extra.preview.lang === form.lang ? extra.preview : undefined;
  const hidden = html`<input type="hidden" name="kind" value="${form.kind}"><input type="hidden" name="lang" value="${form.lang}">`;
  return html`<section class="mail-template" id="${id()}" aria-labelledby="${id('title')}">
<h2 id="${id('title')}">${t(lang, 'admin.mail.formTitle', name(form))}</h2>
<p class="hint">${t(lang, form.custom ? 'admin.mail.custom' : 'admin.mail.default')}</p>
${
  refused
    ? html`<div class="error-summary" role="alert" id="${id('errors')}"><p>${t(lang, 'admin.mail.errors')}</p><ul>${refused.problems.map((p) => html`<li>${mailProblemText(lang, p)}</li>`)}${
        refused.message ? html`<li>${refused.message}</li>` : null
      }</ul></div>`
    : null
}
<form method="post" action="${`${base}/save`}">
  ${csrfField(reply)}${hidden}
  <p><label for="${id('subject')}">${fieldName(lang, 'subject')}</label><input type="text" id="${id('subject')}" name="subject" required value="${form.values.subject}"${invalid('subject')}></p>
  <p><label for="${id('text')}">${fieldName(lang, 'text')}</label><textarea id="${id('text')}" name="text" rows="10" required aria-describedby="${id('text-hint')}"${invalid('text')}>${form.values.text}</textarea>
  <span class="hint" id="${id('text-hint')}">${t(lang, 'admin.mail.textHint')}</span></p>
  <p><label for="${id('sender')}">${fieldName(lang, 'sender')}</label><input type="text" id="${id('sender')}" name="sender" required value="${form.values.sender}"${invalid('sender')}></p>
  ${
    extra.editable
      ? html`<div class="actions">
    <button type="submit" id="${id('save')}">${t(lang, 'admin.mail.save')}</button>
    <button type="submit" class="secondary" id="${id('preview')}" formaction="${`${base}/preview`}">${t(lang, 'admin.mail.preview')}</button>
    <button type="submit" class="secondary" id="${id('test')}" formaction="${`${base}/test`}"${extra.smtp ? null : html` disabled`}>${t(lang, 'admin.mail.test')}</button>
    ${form.custom ? html`<button type="submit" class="secondary" id="${id('reset')}" formaction="${`${base}/reset`}" formnovalidate>${t(lang, 'admin.mail.reset')}</button>` : null}
  </div>`
      : null
  }
</form>
${preview ? previewView(lang, id('preview-result'), preview, name(form)) : null}
</section>`;
})}`;
}

function previewView(lang: Lang, id: string, preview: NonNullable<MailTemplatesExtra['preview']>, names: { kind: string; language: string }): Html {
  const { email } = preview;
  return html`<section class="mail-preview" id="${id}" aria-labelledby="${`${id}-title`}">
<h3 id="${`${id}-title`}">${t(lang, 'admin.mail.previewTitle', names)}</h3>
<p class="hint">${t(lang, 'admin.mail.previewNote', { name: preview.sampleName })}</p>
<dl class="facts">
  <dt>${t(lang, 'admin.mail.previewFrom')}</dt><dd class="mail-preview-from">${email.fromName ?? ''}</dd>
  <dt>${t(lang, 'admin.mail.subject')}</dt><dd class="mail-preview-subject">${email.subject}</dd>
</dl>
<h4>${t(lang, 'admin.mail.previewText')}</h4>
<pre class="mail-preview-text">${email.text}</pre>
<h4>${t(lang, 'admin.mail.previewHtml')}</h4>
<iframe class="mail-preview-html" title="${t(lang, 'admin.mail.previewHtml')}" sandbox srcdoc="${email.html}"></iframe>
</section>`;
}
