import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { User } from '../../../store/index.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../auth/password.js';
import { csrfField } from '../../csrf.js';
import type { MessageKey } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { noticeOf } from './admin-page.js';

/** The fields of the password form, in page order: form name, element id, label, autocomplete. */
export const ACCOUNT_FIELDS = [
  ['currentPassword', 'current-password', 'admin.account.current', 'current-password'],
  ['newPassword', 'new-password', 'admin.account.new', 'new-password'],
  ['confirmPassword', 'confirm-password', 'admin.account.confirm', 'new-password'],
] as const;

export type AccountField = (typeof ACCOUNT_FIELDS)[number][0];

export interface AccountViewData {
  readonly user: User;
  /** the error text of each field in error (already translated) */
  readonly errors?: Partial<Readonly<Record<AccountField, string>>>;
  /** `?done=…` of the redirect after a change */
  readonly done?: string;
}

/**
 * `/admin/account`: who is signed in, and the form that changes their own password (current, new,
 * confirmation), with the rules stated, an error summary linked to each field and the errors beside them.
 * Passwords are never written back into the page.
 */
export function accountView(lang: Lang, reply: FastifyReply, data: AccountViewData): Html {
  const errors = data.errors ?? {};
  const inError = ACCOUNT_FIELDS.filter(([name]) => errors[name] !== undefined);
  const summary = inError.length
    ? html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${t(lang, 'admin.account.errors.title')}</h2>
  <p>${t(lang, 'admin.account.errors.intro')}</p>
  <ul>${inError.map(([name, id]) => html`<li><a href="#${id}">${errors[name]}</a></li>`)}</ul>
</div>`
    : null;
  const field = ([name, id, label, autocomplete]: (typeof ACCOUNT_FIELDS)[number]) => {
    const error = errors[name];
    const described = [name === 'newPassword' ? 'password-rules' : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
    return html`<p class="field${error ? ' has-error' : ''}">
    <label for="${id}">${t(lang, label as MessageKey)}</label>
    ${error ? html`<span class="field-error" id="${id}-error"><span class="visually-hidden">${t(lang, 'admin.account.errors.prefix')} </span>${error}</span>` : null}
    <input type="password" id="${id}" name="${name}" autocomplete="${autocomplete}" required maxlength="${MAX_PASSWORD_LENGTH}"${name === 'currentPassword' ? null : html` minlength="${MIN_PASSWORD_LENGTH}"`}${described ? html` aria-describedby="${described}"` : null}${error ? html` aria-invalid="true"` : null}>
  </p>`;
  };
  return html`<h1>${t(lang, 'admin.account.title')}</h1>
${noticeOf(lang, data.done === 'password' ? 'admin.account.changed' : undefined, ['admin.account.changed'])}
<p>${t(lang, 'admin.account.signedInAs', { email: data.user.email, role: t(lang, `admin.role.${data.user.role}` as MessageKey) })}</p>
<h2>${t(lang, 'admin.account.passwordTitle')}</h2>
${summary}
<form method="post" action="${localizedPath(lang, '/admin/account')}" novalidate>
  ${csrfField(reply)}
  <div hidden><input type="email" name="username" value="${data.user.email}" autocomplete="username" readonly tabindex="-1"></div>
  <p class="hint" id="password-rules">${t(lang, 'admin.account.rules', { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}</p>
  ${ACCOUNT_FIELDS.map(field)}
  <p class="hint">${t(lang, 'admin.account.sessions')}</p>
  <p><button type="submit">${t(lang, 'admin.account.submit')}</button></p>
</form>`;
}
