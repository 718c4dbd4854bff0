import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';

export function loginView(lang: Lang, reply: FastifyReply, data: { next: string; email?: string; error?: string }): Html {
  return html`<section class="admin-login">
  <h1>${t(lang, 'admin.login.title')}</h1>
  ${data.error ? html`<p class="field-error" role="alert" id="login-error">${data.error}</p>` : null}
  <form method="post" action="${localizedPath(lang, '/admin/login')}">
    ${csrfField(reply)}
    <input type="hidden" name="next" value="${data.next}">
    <p><label for="email">${t(lang, 'admin.login.email')}</label>
    <input type="email" id="email" name="email" autocomplete="username" required value="${data.email ?? ''}"${data.error ? html` aria-describedby="login-error"` : null}></p>
    <p><label for="password">${t(lang, 'admin.login.password')}</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required></p>
    <p><button type="submit">${t(lang, 'admin.login.submit')}</button></p>
  </form>
</section>`;
}
