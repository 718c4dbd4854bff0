import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { StudySummary, User, Wave } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import type { MessageKey } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';

export const statusLabel = (lang: Lang, status: Wave['status']) => t(lang, `admin.status.${status}` as MessageKey);

/** `/admin`: every wave by study, with its status, and the link to create one. */
export function wavesView(lang: Lang, user: User, studies: readonly StudySummary[], waves: readonly Wave[]): Html {
  const path = (p: string) => localizedPath(lang, p);
  return html`<h1>${t(lang, 'admin.waves.title')}</h1>
${can(user.role, 'analyse') ? html`<p><a class="button" href="${path('/admin/waves/new')}">${t(lang, 'admin.waves.new')}</a></p>` : null}
${
  waves.length === 0
    ? html`<p>${t(lang, 'admin.waves.none')}</p>`
    : html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.waves.study')}</th><th scope="col">${t(lang, 'admin.waves.code')}</th><th scope="col">${t(lang, 'admin.waves.name')}</th><th scope="col">${t(lang, 'admin.waves.status')}</th></tr></thead>
  <tbody>${waves.map((w) => html`<tr><td>${w.studyId}</td><td>${w.code}</td><td><a href="${path(`/admin/waves/${w.id}`)}">${w.title}</a></td><td>${statusLabel(lang, w.status)}</td></tr>`)}</tbody>
</table></div>`
}
<p class="hint">${t(lang, 'admin.waves.studies', { n: studies.length })}</p>`;
}

/** `/admin/waves/new`: a study version (stored, or a built-in study to store), a code, a title, dates. */
export function newWaveView(
  lang: Lang,
  reply: FastifyReply,
  stored: readonly { studyId: string; versions: readonly { id: number; version: number; createdAt: string }[] }[],
  builtIn: readonly string[],
): Html {
  const options = [
    ...stored.flatMap((s) => [...s.versions].reverse().map((v) => html`<option value="${v.id}">${s.studyId} — ${t(lang, 'admin.waves.version', { n: v.version })}</option>`)),
    ...builtIn.map((id) => html`<option value="${`builtin:${id}`}">${id} — ${t(lang, 'admin.waves.builtIn')}</option>`),
  ];
  return html`<h1>${t(lang, 'admin.waves.new')}</h1>
<form method="post" action="${localizedPath(lang, '/admin/waves')}">
  ${csrfField(reply)}
  <p><label for="study">${t(lang, 'admin.waves.studyVersion')}</label><select id="study" name="study" required>${options}</select></p>
  <p><label for="code">${t(lang, 'admin.waves.code')}</label><input type="text" id="code" name="code" required maxlength="32" aria-describedby="code-hint"><span class="hint" id="code-hint">${t(lang, 'admin.waves.codeHintAny')}</span></p>
  <p><label for="title">${t(lang, 'admin.waves.name')}</label><input type="text" id="title" name="title" required maxlength="200"></p>
  <p><label for="opensAt">${t(lang, 'admin.waves.opensAt')}</label><input type="date" id="opensAt" name="opensAt"></p>
  <p><label for="closesAt">${t(lang, 'admin.waves.closesAt')}</label><input type="date" id="closesAt" name="closesAt"></p>
  <p><label for="seriesOrder">${t(lang, 'admin.waves.seriesOrder')}</label><input type="number" id="seriesOrder" name="seriesOrder" step="1" aria-describedby="seriesOrder-hint"><span class="hint" id="seriesOrder-hint">${t(lang, 'admin.waves.seriesOrderHint')}</span></p>
  <p><button type="submit">${t(lang, 'admin.waves.create')}</button></p>
</form>`;
}
