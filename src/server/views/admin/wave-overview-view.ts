import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { User, Wave } from '../../../store/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import type { MessageKey } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { quotaLines, readQuotas } from '../../../analysis/fieldwork/quotas.js';
import { actionsFrom } from '../../routes/admin/wave-transitions.js';
import { waveLinks } from './wave-links-view.js';
import { dateProblemMessage, statusActionForm } from './wave-status-view.js';
import { closingDateProblem } from '../../routes/admin/wave-guards.js';
import { html, type Html } from '../html.js';
import { noticeOf } from './admin-page.js';
import { statusLabel } from './waves-view.js';

const DONE: readonly MessageKey[] = ['admin.done.saved', 'admin.done.open', 'admin.done.close', 'admin.done.publish', 'admin.done.unpublish', 'admin.done.testsDeleted'];
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** A wave in fieldwork (or about to be) whose dates refuse respondents: said at the top of its page. */
function datesWarning(lang: Lang, wave: Wave, now: Date): Html | null {
  if (wave.status !== 'fieldwork' && wave.status !== 'draft') return null;
  const problem = closingDateProblem(wave, now);
  return problem ? html`<p class="warning" role="status" id="dates-warning">${dateProblemMessage(lang, problem)}</p>` : null;
}

/** A wave's page: status and its actions, counts, settings (title, dates, quotas). */
export function waveOverviewView(
  lang: Lang,
  reply: FastifyReply,
  user: User,
  wave: Wave,
  counts: { partial: number; complete: number; excluded: number },
  version: number,
  done?: string,
  now: Date = new Date(),
): Html {
  const action = localizedPath(lang, `/admin/waves/${wave.id}`);
  const editable = can(user.role, 'analyse');
  return html`<h1>${wave.title}</h1>
${noticeOf(lang, `admin.done.${done}`, DONE)}
${datesWarning(lang, wave, now)}
<dl class="facts">
  <dt>${t(lang, 'admin.waves.status')}</dt><dd id="wave-status">${statusLabel(lang, wave.status)}</dd>
  <dt>${t(lang, 'admin.waves.study')}</dt><dd>${wave.studyId} (${t(lang, 'admin.waves.version', { n: version })}), ${t(lang, 'admin.waves.code')} ${wave.code}</dd>
  <dt>${t(lang, 'admin.wave.completes')}</dt><dd>${counts.complete}</dd>
  <dt>${t(lang, 'admin.wave.partials')}</dt><dd>${counts.partial}</dd>
  <dt>${t(lang, 'admin.wave.excluded')}</dt><dd>${counts.excluded}</dd>
  <dt>${t(lang, 'admin.wave.dataVersion')}</dt><dd>${wave.dataVersion}</dd>
</dl>
${waveLinks(lang, user, wave)}
${
  editable
    ? html`<h2>${t(lang, 'admin.wave.statusActions')}</h2>
<div class="actions">${actionsFrom(wave.status).map((a) => statusActionForm(lang, reply, wave, a, now))}</div>
<h2>${t(lang, 'admin.wave.settings')}</h2>
<form method="post" action="${`${action}/settings`}">
  ${csrfField(reply)}
  <p><label for="title">${t(lang, 'admin.waves.name')}</label><input type="text" id="title" name="title" required maxlength="200" value="${wave.title}"></p>
  <p><label for="opensAt">${t(lang, 'admin.waves.opensAt')}</label><input type="date" id="opensAt" name="opensAt" value="${day(wave.opensAt)}"></p>
  <p><label for="closesAt">${t(lang, 'admin.waves.closesAt')}</label><input type="date" id="closesAt" name="closesAt" value="${day(wave.closesAt)}"></p>
  <p><label for="seriesOrder">${t(lang, 'admin.waves.seriesOrder')}</label><input type="number" id="seriesOrder" name="seriesOrder" step="1" value="${wave.seriesOrder ?? ''}" aria-describedby="seriesOrder-hint"><span class="hint" id="seriesOrder-hint">${t(lang, 'admin.waves.seriesOrderHint')}</span></p>
  <p><label for="quotas">${t(lang, 'admin.wave.quotas')}</label>
  <textarea id="quotas" name="quotas" rows="6" aria-describedby="quotas-hint">${quotaLines(readQuotas(wave.quotas))}</textarea>
  <span class="hint" id="quotas-hint">${t(lang, 'admin.wave.quotasHint')}</span></p>
  <p><button type="submit">${t(lang, 'admin.wave.save')}</button></p>
</form>`
    : null
}
${editable ? html`<p><a class="button" id="next-wave" href="${`${action}/next`}">${t(lang, 'admin.nextWave.link')}</a></p>` : null}`;
}
