import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';

export interface TotpViewData {
  readonly enabled: boolean;
  /** only an owner may enrol */
  readonly owner: boolean;
  /** right after "set up": the secret and its otpauth URI, shown once */
  readonly enrolment?: { readonly secret: string; readonly uri: string };
  readonly error?: string;
  /** `?done=totp-on|totp-off` after a change */
  readonly done?: string;
}

const codeField = (lang: Lang, id: string, error?: string) =>
  html`<p><label for="${id}">${t(lang, 'admin.totp.code')}</label>
  <input type="text" id="${id}" name="code" inputmode="numeric" pattern="[0-9 ]{6,8}" autocomplete="one-time-code" required${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : null}>
  ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : null}</p>`;

/** The account page's second-factor section: status, set-up (secret shown once, as text), confirm, turn off. */
export function totpView(lang: Lang, reply: FastifyReply, data: TotpViewData): Html {
  const action = (path: string) => localizedPath(lang, `/admin/account/totp/${path}`);
  const body = !data.owner
    ? html`<p class="hint">${t(lang, 'admin.totp.ownersOnly')}</p>`
    : data.enrolment
      ? html`<p>${t(lang, 'admin.totp.secretIntro')}</p>
<dl><dt>${t(lang, 'admin.totp.secret')}</dt><dd><code data-totp-secret>${data.enrolment.secret}</code></dd>
<dt>${t(lang, 'admin.totp.uri')}</dt><dd><code data-totp-uri>${data.enrolment.uri}</code></dd></dl>
<form method="post" action="${action('confirm')}">${csrfField(reply)}${codeField(lang, 'totp-confirm', data.error)}<p><button type="submit">${t(lang, 'admin.totp.confirm')}</button></p></form>`
      : data.enabled
        ? html`<p>${t(lang, 'admin.totp.on')}</p>
<form method="post" action="${action('disable')}">${csrfField(reply)}${codeField(lang, 'totp-disable', data.error)}<p><button type="submit" class="secondary">${t(lang, 'admin.totp.disable')}</button></p></form>`
        : html`<p>${t(lang, 'admin.totp.off')}</p>
<form method="post" action="${action('start')}">${csrfField(reply)}<p><button type="submit">${t(lang, 'admin.totp.start')}</button></p></form>`;
  const done = data.done === 'totp-on' ? t(lang, 'admin.totp.enabled') : data.done === 'totp-off' ? t(lang, 'admin.totp.disabled') : undefined;
  return html`<section aria-labelledby="totp-title"><h2 id="totp-title">${t(lang, 'admin.totp.title')}</h2>
${done ? html`<p class="notice" role="status">${done}</p>` : null}
${body}
<p class="hint">${t(lang, 'admin.totp.lost')}</p></section>`;
}

/** The login's second step: the code of the authenticator app, with the signed proof of the first step. */
export function loginCodeView(lang: Lang, reply: FastifyReply, data: { pending: string; next: string; error?: string }): Html {
  return html`<section class="admin-login">
  <h1>${t(lang, 'admin.login.codeTitle')}</h1>
  ${data.error ? html`<p class="field-error" role="alert" id="login-error">${data.error}</p>` : null}
  <p>${t(lang, 'admin.login.codeHint')}</p>
  <form method="post" action="${localizedPath(lang, '/admin/login/code')}">
    ${csrfField(reply)}
    <input type="hidden" name="pending" value="${data.pending}">
    <input type="hidden" name="next" value="${data.next}">
    ${codeField(lang, 'code')}
    <p><button type="submit">${t(lang, 'admin.login.submit')}</button></p>
  </form>
</section>`;
}
