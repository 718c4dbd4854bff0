import type { FastifyReply } from 'fastify';
import type { WaveResults } from '../../../analysis/wave-results-types.js';
import { t, type MessageKey } from '../../../messages/index.js';
import { formatDate, formatMargin, formatNumber, formatPercent, type Lang } from '../../../report/format/index.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import type { HeadlineFigure } from '../../routes/public/site-studies.js';
import type { DateProblem } from '../../routes/admin/wave-guards.js';
import type { WaveAction } from '../../routes/admin/wave-transitions.js';
import { html, type Html } from '../html.js';
import { unweightedNote } from '../public/unweighted-note.js';

/** Whether a wave may be published: its complete kept responses against the threshold, and its public figures. */
export interface PublishReadiness {
  readonly kind: 'publish-readiness';
  readonly completes: number;
  readonly needed: number;
  /** the results the dashboard will show (undefined when none can be computed) */
  readonly results: WaveResults | undefined;
  /** the figures the home page and dashboard put first */
  readonly headlines: readonly HeadlineFigure[];
}

/** Which step a dates guard stands before: opening fieldwork, or sending invitations or reminders. */
export type GuardedStep = { readonly action: 'open' } | { readonly action: 'send'; readonly kind: 'invitation' | 'reminder' };

const dateOf = (iso: string | null, lang: Lang) => (iso ? formatDate(iso, lang) : '');

/** The day after `now` (YYYY-MM-DD, UTC): the earliest closing date that lets respondents in. */
export const tomorrow = (now: Date) => new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);

/** The public figures of a wave about to be published: headline indicators with their margin of error and base. */
function publishPreview(lang: Lang, readiness: PublishReadiness): Html {
  const { results } = readiness;
  return html`<section aria-labelledby="publish-preview-title" id="publish-preview">
  <h2 id="publish-preview-title">${t(lang, 'admin.publish.preview')}</h2>
  <p>${t(lang, 'admin.publish.base', { n: formatNumber(readiness.completes, lang), needed: formatNumber(readiness.needed, lang) })}</p>
  ${results && results.weighting.status === 'unweighted' ? html`<p class="warning" id="publish-unweighted">${unweightedNote(lang, results)}</p>` : null}
  ${
    readiness.headlines.length === 0
      ? html`<p>${t(lang, 'admin.publish.noFigures')}</p>`
      : html`<div class="table-wrap"><table>
    <caption>${t(lang, 'admin.publish.caption')}</caption>
    <thead><tr><th scope="col">${t(lang, 'admin.publish.indicator')}</th><th scope="col" class="number">${t(lang, 'admin.publish.estimate')}</th>
      <th scope="col" class="number">${t(lang, 'admin.publish.margin')}</th><th scope="col" class="number">${t(lang, 'admin.publish.n')}</th></tr></thead>
    <tbody>${readiness.headlines.map(
      (h) => html`<tr><th scope="row">${h.label}</th><td class="number">${formatPercent(h.estimate, lang)}</td>
      <td class="number">${formatMargin(h.estimate, h.ci, lang)}</td><td class="number">${formatNumber(h.n, lang)}</td></tr>`,
    )}</tbody>
  </table></div>`
  }
</section>`;
}

/**
 * The confirmation page of an irreversible step (close, publish, unpublish): what it does, the public
 * figures for a publication (or why it is refused), and a form with a required checkbox (no script needed).
 */
export function confirmView(
  lang: Lang,
  reply: FastifyReply,
  wave: Wave,
  action: 'close' | 'publish' | 'unpublish',
  options: { readonly publish?: PublishReadiness; readonly missingConfirmation?: boolean },
): Html {
  const base = localizedPath(lang, `/admin/waves/${wave.id}`);
  const publish = options.publish;
  const refused = publish !== undefined && publish.completes < publish.needed;
  return html`<h1>${t(lang, `admin.confirm.title.${action}` as MessageKey, { wave: wave.title })}</h1>
<p>${t(lang, `admin.confirm.text.${action}` as MessageKey)}</p>
${
  refused
    ? html`<p class="error" role="alert" id="publish-refused">${t(lang, 'admin.publish.tooFew', { n: formatNumber(publish.completes, lang), needed: formatNumber(publish.needed, lang) })}</p>`
    : null
}
${publish && publish.completes > 0 ? publishPreview(lang, publish) : null}
${
  refused
    ? null
    : html`<form method="post" action="${`${base}/status`}">
  ${csrfField(reply)}<input type="hidden" name="action" value="${action}">
  ${options.missingConfirmation ? html`<p class="error" role="alert" id="confirm-error">${t(lang, 'admin.confirm.required')}</p>` : null}
  <p><input type="checkbox" id="confirm" name="confirm" value="yes" required${options.missingConfirmation ? html` aria-invalid="true" aria-describedby="confirm-error"` : null}>
  <label for="confirm">${t(lang, `admin.confirm.check.${action}` as MessageKey)}</label></p>
  <p><button type="submit">${t(lang, `admin.action.${action}` as MessageKey)}</button></p>
</form>`
}
<p><a href="${base}">${t(lang, 'admin.confirm.cancel')}</a></p>`;
}

/** What is wrong with the dates, naming the field (Closing date: …). */
export function dateProblemMessage(lang: Lang, problem: DateProblem): string {
  if (problem.reason === 'past') return t(lang, 'admin.guard.closesAtPast', { date: dateOf(problem.closesAt, lang) });
  if (problem.reason === 'beforeOpening') return t(lang, 'admin.guard.closesAtBeforeOpening', { closes: dateOf(problem.closesAt, lang), opens: dateOf(problem.opensAt, lang) });
  return t(lang, 'admin.guard.closesAtInvalid');
}

/** Why the dates refuse respondents, naming the field, and a form to set a new closing date in the same step. */
export function datesGuardView(lang: Lang, reply: FastifyReply, wave: Wave, step: GuardedStep, problem: DateProblem, now: Date): Html {
  const base = localizedPath(lang, `/admin/waves/${wave.id}`);
  const message = dateProblemMessage(lang, problem);
  const target = step.action === 'open' ? `${base}/status` : `${base}/${step.kind}s`;
  const submit: MessageKey = step.action === 'open' ? 'admin.guard.setAndOpen' : step.kind === 'invitation' ? 'admin.guard.setAndInvite' : 'admin.guard.setAndRemind';
  return html`<h1>${t(lang, 'admin.guard.title', { wave: wave.title })}</h1>
<p class="error" role="alert" id="dates-error">${message}</p>
<form method="post" action="${target}">
  ${csrfField(reply)}${step.action === 'open' ? html`<input type="hidden" name="action" value="open">` : null}
  <p><label for="new-closesAt">${t(lang, 'admin.guard.newClosesAt')}</label>
  <input type="date" id="new-closesAt" name="closesAt" required min="${tomorrow(now)}" aria-invalid="true" aria-describedby="dates-error"></p>
  <p><button type="submit">${t(lang, submit)}</button></p>
</form>
<p><a href="${base}">${t(lang, 'admin.confirm.cancel')}</a></p>`;
}

/**
 * A status action of the wave page. Close, publish and unpublish open their confirmation page (a GET form,
 * nothing changes yet); open posts at once, and reopening a wave whose closing date is past says that the
 * date is cleared and offers a new one.
 */
export function statusActionForm(lang: Lang, reply: FastifyReply, wave: Wave, action: WaveAction, now: Date): Html {
  const base = localizedPath(lang, `/admin/waves/${wave.id}`);
  const label = t(lang, `admin.action.${action}` as MessageKey);
  if (action !== 'open') {
    return html`<form method="get" action="${`${base}/confirm`}" class="inline-form">
  <input type="hidden" name="action" value="${action}"><button type="submit">${label}</button>
</form>`;
  }
  const pastClosing = wave.status === 'closed' && wave.closesAt !== null && wave.closesAt <= now.toISOString();
  return html`<form method="post" action="${`${base}/status`}" class="${pastClosing ? 'reopen-form' : 'inline-form'}">
  ${csrfField(reply)}<input type="hidden" name="action" value="open">
  ${
    pastClosing
      ? html`<p class="hint" id="reopen-hint">${t(lang, 'admin.guard.reopenClears', { date: dateOf(wave.closesAt, lang) })}</p>
  <p><label for="reopen-closesAt">${t(lang, 'admin.guard.reopenClosesAt')}</label>
  <input type="date" id="reopen-closesAt" name="closesAt" min="${tomorrow(now)}" aria-describedby="reopen-hint"></p>`
      : null
  }
  <button type="submit">${label}</button>
</form>`;
}
