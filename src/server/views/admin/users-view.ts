import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { User } from '../../../store/index.js';
import { ROLES } from '../../auth/roles.js';
import { MIN_PASSWORD_LENGTH } from '../../auth/password.js';
import { csrfField } from '../../csrf.js';
import type { MessageKey } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { noticeOf } from './admin-page.js';

const roleOptions = (lang: Lang, selected: string) =>
  ROLES.map((r) => html`<option value="${r}"${r === selected ? html` selected` : null}>${t(lang, `admin.role.${r}` as MessageKey)}</option>`);

export function usersView(lang: Lang, reply: FastifyReply, users: readonly User[], done?: string): Html {
  const rows = users.map(
    (u) => html`<tr>
  <td>${u.email}</td>
  <td>${t(lang, `admin.role.${u.role}` as MessageKey)}</td>
  <td>${u.disabled ? t(lang, 'admin.users.disabled') : t(lang, 'admin.users.active')}</td>
  <td><form method="post" action="${localizedPath(lang, `/admin/users/${u.id}`)}" class="inline-form">
    ${csrfField(reply)}
    <label class="visually-hidden" for="role-${u.id}">${t(lang, 'admin.users.role')}</label>
    <select id="role-${u.id}" name="role">${roleOptions(lang, u.role)}</select>
    <input type="hidden" name="disabled" value="${u.disabled ? 'off' : 'on'}">
    <button type="submit" class="secondary" name="action" value="role">${t(lang, 'admin.users.save')}</button>
  </form></td>
</tr>`,
  );
  return html`<h1>${t(lang, 'admin.users.title')}</h1>
${noticeOf(lang, done === 'created' ? 'admin.users.created' : done === 'updated' ? 'admin.users.updated' : undefined, ['admin.users.created', 'admin.users.updated'])}
<p class="hint">${t(lang, 'admin.users.roles')}</p>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.users.email')}</th><th scope="col">${t(lang, 'admin.users.role')}</th><th scope="col">${t(lang, 'admin.users.state')}</th><th scope="col">${t(lang, 'admin.users.actions')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>
<h2>${t(lang, 'admin.users.add')}</h2>
<form method="post" action="${localizedPath(lang, '/admin/users')}">
  ${csrfField(reply)}
  <p><label for="new-email">${t(lang, 'admin.users.email')}</label><input type="email" id="new-email" name="email" required autocomplete="off"></p>
  <p><label for="new-password">${t(lang, 'admin.users.password')}</label><input type="password" id="new-password" name="password" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password" aria-describedby="new-password-hint">
  <span class="hint" id="new-password-hint">${t(lang, 'admin.users.passwordHint', { min: MIN_PASSWORD_LENGTH })}</span></p>
  <p><label for="new-role">${t(lang, 'admin.users.role')}</label><select id="new-role" name="role">${roleOptions(lang, 'analyst')}</select></p>
  <p><button type="submit">${t(lang, 'admin.users.create')}</button></p>
</form>`;
}
