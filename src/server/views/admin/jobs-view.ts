import type { FastifyReply } from 'fastify';
import { t, type MessageKey } from '../../../messages/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Invitation, Job, JobFileInfo, Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';

const kindText = (lang: Lang, kind: string) => t(lang, `admin.jobs.kind.${kind}` as MessageKey);
const statusText = (lang: Lang, status: string) => t(lang, `admin.jobs.status.${status}` as MessageKey);
/** UTC, to the minute: the same on every node */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const active = (job: Job) => job.status === 'queued' || job.status === 'running';

/** Jobs whose progress counts rows (exports, imports), not e-mails. */
const ROW_KINDS = new Set(['export', 'import-responses']);

/** A finished export's file: the download link while it is kept, or why it is gone. */
function fileSection(lang: Lang, wave: Wave, job: Job, file: JobFileInfo | undefined): Html | null {
  if (job.kind !== 'export' || job.status !== 'done') return null;
  if (!file) return html`<p class="warning">${t(lang, 'admin.jobs.fileGone')}</p>`;
  return html`<p><a href="${localizedPath(lang, `/admin/waves/${wave.id}/jobs/${job.id}/file`)}" id="job-file" download>${t(lang, 'admin.jobs.download', { file: file.name, bytes: file.size })}</a></p>
<p class="hint">${t(lang, 'admin.jobs.fileUntil', { time: when(file.expiresAt) })}</p>`;
}

interface ImportRejectionRow {
  line: number;
  column: string;
  code: string;
  message: string;
}

/** A finished import's result (of a job, or of an import done at once): rows in, and each rejected cell or line with its reason. */
export function importResultView(lang: Lang, result: unknown): Html | null {
  if (result === null || typeof result !== 'object') return null;
  const r = result as { imported?: number; lines?: number; rejectedCount?: number; rejected?: ImportRejectionRow[] };
  const rejected = Array.isArray(r.rejected) ? r.rejected : [];
  const count = Number(r.rejectedCount ?? rejected.length);
  return html`<section aria-labelledby="import-result" class="import-result">
<p id="import-result" role="status">${t(lang, 'admin.jobs.importResult', { imported: Number(r.imported ?? 0), lines: Number(r.lines ?? 0), rejected: count })}</p>
${count > 0 && !r.imported ? html`<p class="warning">${t(lang, 'admin.jobs.importNothing')}</p>` : null}
${
  rejected.length > 0
    ? html`<div class="table-scroll"><table class="import-rejects">
  <thead><tr><th scope="col">${t(lang, 'admin.jobs.col.line')}</th><th scope="col">${t(lang, 'admin.jobs.col.column')}</th><th scope="col">${t(lang, 'admin.jobs.col.problem')}</th></tr></thead>
  <tbody>${rejected.map((x) => html`<tr><td>${x.line}</td><td><code>${x.column}</code></td><td>${x.message}</td></tr>`)}</tbody>
</table></div>`
    : null
}
${count > rejected.length ? html`<p>${t(lang, 'admin.jobs.importMore', { n: count - rejected.length })}</p>` : null}
</section>`;
}

/** A job's progress in words, with a <progress> bar once its total is known. */
function progressOf(lang: Lang, job: Job): Html {
  if (job.progressTotal === null) return html`${t(lang, 'admin.jobs.progressUnknown')}`;
  const label = t(lang, ROW_KINDS.has(job.kind) ? 'admin.jobs.progressRows' : 'admin.jobs.progress', { done: job.progressDone, total: job.progressTotal });
  return html`<progress max="${Math.max(1, job.progressTotal)}" value="${job.progressDone + job.progressFailed}" aria-label="${label}"></progress> <span class="job-progress">${label}</span>`;
}

function cancelForm(lang: Lang, reply: FastifyReply, wave: Wave, job: Job): Html | null {
  if (!active(job)) return null;
  return html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/jobs/${job.id}/cancel`)}" class="inline-form">${csrfField(reply)}<button type="submit" class="secondary">${t(lang, 'admin.jobs.cancel')}</button></form>`;
}

/** The details of one job: status, progress, bounces, next retry or scheduled time, last error. */
function jobDetails(lang: Lang, reply: FastifyReply, wave: Wave, job: Job, now: Date): Html {
  const future = new Date(job.runAt) > now;
  return html`<dl class="job" id="job-${job.id}">
  <dt>${t(lang, 'admin.jobs.col.status')}</dt><dd class="job-status" data-status="${job.status}">${statusText(lang, job.status)}</dd>
  <dt>${t(lang, 'admin.jobs.col.progress')}</dt><dd>${progressOf(lang, job)}</dd>
</dl>
${job.progressFailed ? html`<p class="warning">${t(lang, 'admin.jobs.bounced', { n: job.progressFailed })}</p>` : null}
${job.status === 'queued' && future && job.attempts === 0 ? html`<p>${t(lang, 'admin.jobs.scheduled', { time: when(job.runAt) })}</p>` : null}
${job.status === 'queued' && job.attempts > 0 ? html`<p>${t(lang, 'admin.jobs.retry', { attempt: job.attempts, time: when(job.runAt) })}</p>` : null}
${job.lastError && job.status !== 'done' ? html`<p class="error">${t(lang, 'admin.jobs.lastError', { error: job.lastError })}</p>` : null}
${cancelForm(lang, reply, wave, job)}`;
}

/** Contacts whose e-mail may or may not have left, and the way to release them (only when no sending is under way). */
function uncertainSection(lang: Lang, reply: FastifyReply, wave: Wave, uncertain: readonly Invitation[], busy: boolean): Html | null {
  if (uncertain.length === 0) return null;
  return html`<section class="uncertain" aria-labelledby="uncertain">
  <p id="uncertain" class="warning">${t(lang, 'admin.jobs.uncertain', { n: uncertain.length })}</p>
  ${
    busy
      ? html`<p class="hint">${t(lang, 'admin.jobs.uncertainBusy')}</p>`
      : html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/jobs/uncertain/release`)}">${csrfField(reply)}${uncertain.map((i) => html`<input type="hidden" name="invitation" value="${i.id}">`)}<button type="submit" class="secondary">${t(lang, 'admin.jobs.uncertainRelease')}</button></form>`
  }
</section>`;
}

/** One job's progress page (refreshed by the page's meta refresh while it is waiting or running). */
export function jobView(lang: Lang, reply: FastifyReply, wave: Wave, job: Job, uncertain: readonly Invitation[], busy: boolean, now: Date, file?: JobFileInfo): Html {
  return html`<h1>${t(lang, 'admin.jobs.jobTitle', { kind: kindText(lang, job.kind), wave: wave.title })}</h1>
${active(job) ? html`<p class="hint" role="status">${t(lang, 'admin.jobs.refreshing')}</p>` : null}
${jobDetails(lang, reply, wave, job, now)}
${fileSection(lang, wave, job, file)}
${job.kind === 'import-responses' ? importResultView(lang, job.result) : null}
${uncertainSection(lang, reply, wave, uncertain, busy)}
<p><a href="${localizedPath(lang, `/admin/waves/${wave.id}/jobs`)}">${t(lang, 'admin.jobs.list')}</a> · <a href="${localizedPath(lang, `/admin/waves/${wave.id}/contacts`)}">${t(lang, 'admin.jobs.back')}</a></p>`;
}

/** A wave's sendings, newest first, each with its progress and a cancel button while waiting (scheduled) or running. */
export function jobsView(lang: Lang, reply: FastifyReply, wave: Wave, jobs: readonly Job[], uncertain: readonly Invitation[], busy: boolean): Html {
  const rows = jobs.map(
    (job) => html`<tr>
  <td><a href="${localizedPath(lang, `/admin/waves/${wave.id}/jobs/${job.id}`)}">${kindText(lang, job.kind)}</a></td>
  <td>${statusText(lang, job.status)}</td>
  <td>${progressOf(lang, job)}${job.progressFailed ? html` (${t(lang, 'admin.jobs.bounced', { n: job.progressFailed })})` : null}</td>
  <td>${when(job.createdAt)} / ${when(job.runAt)}</td>
  <td>${cancelForm(lang, reply, wave, job)}</td>
</tr>`,
  );
  return html`<h1>${t(lang, 'admin.jobs.title', { wave: wave.title })}</h1>
${busy ? html`<p class="hint" role="status">${t(lang, 'admin.jobs.refreshing')}</p>` : null}
${uncertainSection(lang, reply, wave, uncertain, busy)}
${
  jobs.length === 0
    ? html`<p>${t(lang, 'admin.jobs.none')}</p>`
    : html`<div class="table-scroll"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.jobs.col.kind')}</th><th scope="col">${t(lang, 'admin.jobs.col.status')}</th><th scope="col">${t(lang, 'admin.jobs.col.progress')}</th><th scope="col">${t(lang, 'admin.jobs.col.when')}</th><th scope="col"><span class="visually-hidden">${t(lang, 'admin.jobs.cancel')}</span></th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}
<p><a href="${localizedPath(lang, `/admin/waves/${wave.id}/contacts`)}">${t(lang, 'admin.jobs.back')}</a></p>`;
}
