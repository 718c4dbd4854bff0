import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Wave } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import type { MessageKey } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { sendPage } from '../send-page.js';
import { t } from '../../../messages/index.js';

export interface AdminPageOptions {
  readonly title: string;
  readonly body: Html;
  /** the wave whose sub-navigation is shown */
  readonly wave?: Wave;
  readonly head?: Html;
  readonly scripts?: readonly string[];
  readonly status?: number;
}

const WAVE_TABS: readonly [string, MessageKey][] = [
  ['', 'admin.wave.tab.overview'],
  ['/contacts', 'admin.wave.tab.contacts'],
  ['/mail', 'admin.wave.tab.mail'],
  ['/monitor', 'admin.wave.tab.monitor'],
  ['/cleaning', 'admin.wave.tab.cleaning'],
  ['/weighting', 'admin.wave.tab.weighting'],
];

/** A workspace page: the layout with the workspace navigation (and a wave's tabs), sent no-store. */
export function sendAdminPage(request: FastifyRequest, reply: FastifyReply, options: AdminPageOptions): FastifyReply {
  const lang = request.lang;
  const user = request.user;
  const path = (p: string) => localizedPath(lang, p);
  const current = (p: string) => (request.url.split('?')[0] === p ? html` aria-current="page"` : null);
  const nav = user
    ? html`<nav class="admin-nav" aria-label="${t(lang, 'admin.nav.label')}">
  <ul>
    <li><a href="${path('/admin')}"${current('/admin')}>${t(lang, 'admin.nav.waves')}</a></li>
    <li><a href="${path('/admin/studies')}"${current('/admin/studies')}>${t(lang, 'admin.nav.studies')}</a></li>
    <li><a href="${path('/admin/audit')}"${current('/admin/audit')}>${t(lang, 'admin.nav.audit')}</a></li>
    <li><a href="${path('/admin/leads')}"${current('/admin/leads')}>${t(lang, 'whitePaper.leads.title')}</a></li>
    ${can(user.role, 'administer') ? html`<li><a href="${path('/admin/users')}"${current('/admin/users')}>${t(lang, 'admin.nav.users')}</a></li>` : null}
    <li><a href="${path('/admin/account')}"${current('/admin/account')}>${t(lang, 'admin.account.nav')}</a></li>
  </ul>
  <form method="post" action="${path('/admin/logout')}" class="admin-logout">
    ${csrfField(reply)}
    <span>${user.email} (${t(lang, `admin.role.${user.role}` as MessageKey)})</span>
    <button type="submit" class="secondary">${t(lang, 'admin.nav.logout')}</button>
  </form>
</nav>`
    : null;
  const tabs = options.wave
    ? html`<nav class="wave-tabs" aria-label="${t(lang, 'admin.wave.tabs', { wave: options.wave.title })}"><ul>${WAVE_TABS.map(([suffix, key]) => {
        const p = `/admin/waves/${options.wave!.id}${suffix}`;
        return html`<li><a href="${path(p)}"${current(p)}>${t(lang, key)}</a></li>`;
      })}</ul></nav>`
    : null;
  return sendPage(request, reply, {
    title: options.title,
    status: options.status,
    head: html`<link rel="stylesheet" href="/static/admin.css"><meta name="robots" content="noindex">${options.head ?? null}`,
    scripts: options.scripts,
    body: html`<div class="admin">${nav}${tabs}${options.body}</div>`,
  });
}

/** A flash-like notice from the query string (`?done=…`): only known message keys are shown. */
export function noticeOf(lang: FastifyRequest['lang'], key: string | undefined, allowed: readonly MessageKey[]): Html | null {
  const found = allowed.find((k) => k === key);
  return found ? html`<p class="notice" role="status">${t(lang, found)}</p>` : null;
}
