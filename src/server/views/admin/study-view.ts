import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { StudyDiff } from '../../../study/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { previewLink } from './test-answers-view.js';
import { diffListView, uploadForm, uploadReportView, warningsView, type UploadReport } from './studies-view.js';

export interface StudyVersionRow {
  readonly version: number;
  readonly createdAt: string;
  readonly waves: readonly { readonly id: number; readonly code: string }[];
}

/** What the last upload on this page did, shown above the versions. */
export type UploadOutcome =
  | { readonly kind: 'invalid'; readonly report: UploadReport }
  | { readonly kind: 'unchanged'; readonly version: number; readonly warnings: readonly string[] }
  | { readonly kind: 'created'; readonly version: number; readonly previous?: { readonly version: number; readonly diff: StudyDiff }; readonly warnings: readonly string[] };

function outcomeView(lang: Lang, studyId: string, outcome: UploadOutcome | undefined): Html | null {
  if (!outcome) return null;
  if (outcome.kind === 'invalid') return uploadReportView(lang, outcome.report);
  if (outcome.kind === 'unchanged') {
    return html`<p class="notice" role="status">${t(lang, 'admin.studies.unchanged', { n: outcome.version })}</p>${warningsView(lang, outcome.warnings)}`;
  }
  return html`<p class="notice" role="status">${t(lang, 'admin.studies.stored', { n: outcome.version, id: studyId })}</p>
${warningsView(lang, outcome.warnings)}
${outcome.previous ? html`<h2>${t(lang, 'admin.studies.changes', { n: outcome.previous.version })}</h2>${diffListView(lang, outcome.previous.diff)}` : null}`;
}

const versionSelect = (id: string, name: string, versions: readonly StudyVersionRow[], selected: number) =>
  html`<select id="${id}" name="${name}">${versions.map((v) => html`<option value="${v.version}"${v.version === selected ? html` selected` : null}>${v.version}</option>`)}</select>`;

/** `/admin/studies/:studyId`: its versions (with the waves using each, downloads, diffs), and the form for a new version. */
export function studyView(
  lang: Lang,
  reply: FastifyReply,
  data: { studyId: string; title: string; versions: readonly StudyVersionRow[]; canUpload: boolean; maxMegabytes: number; outcome?: UploadOutcome },
): Html {
  const path = (p: string) => localizedPath(lang, p);
  const base = `/admin/studies/${data.studyId}`;
  const latest = data.versions.at(-1)?.version ?? 1;
  return html`<p><a href="${path('/admin/studies')}">${t(lang, 'admin.studies.backToList')}</a></p>
<h1>${data.title} <code>${data.studyId}</code></h1>
${data.canUpload ? html`<p><a class="button" id="study-preview" href="${previewLink(lang, data.studyId)}">${t(lang, 'admin.preview.link')}</a></p>` : null}
${outcomeView(lang, data.studyId, data.outcome)}
${data.canUpload ? html`<p class="study-actions"><a class="button" href="${path(`${base}/edit`)}">${t(lang, 'admin.editor.edit')}</a> <a href="${path(`${base}/preview`)}">${t(lang, 'admin.editor.preview')}</a></p>` : null}
<h2>${t(lang, 'admin.studies.versions')}</h2>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.studies.version')}</th><th scope="col">${t(lang, 'admin.studies.createdAt')}</th><th scope="col">${t(lang, 'admin.studies.waves')}</th><th scope="col">${t(lang, 'admin.studies.actions')}</th></tr></thead>
  <tbody>${[...data.versions].reverse().map(
    (v) => html`<tr>
    <td>${v.version}</td><td><time datetime="${v.createdAt}">${v.createdAt.slice(0, 16).replace('T', ' ')}</time></td>
    <td>${v.waves.length === 0 ? t(lang, 'admin.studies.noWave') : v.waves.map((w, k) => html`${k > 0 ? ', ' : ''}<a href="${path(`/admin/waves/${w.id}`)}">${w.code}</a>`)}</td>
    <td><a href="${path(`${base}/versions/${v.version}/download`)}" download>${t(lang, 'admin.studies.download', { n: v.version })}</a>${
      data.canUpload ? html` · <a href="${previewLink(lang, data.studyId, v.version)}">${t(lang, 'admin.preview.version', { n: v.version })}</a>` : null
    }${v.version > 1 ? html` · <a href="${path(`${base}/diff?from=${v.version - 1}&to=${v.version}`)}">${t(lang, 'admin.studies.diffPrevious', { n: v.version })}</a>` : null}</td>
  </tr>`,
  )}</tbody>
</table></div>
${
  data.versions.length > 1
    ? html`<h2>${t(lang, 'admin.studies.diff.form')}</h2>
<form method="get" action="${path(`${base}/diff`)}" class="inline-form">
  <label for="diff-from">${t(lang, 'admin.studies.diff.from')}</label>${versionSelect('diff-from', 'from', data.versions, latest - 1)}
  <label for="diff-to">${t(lang, 'admin.studies.diff.to')}</label>${versionSelect('diff-to', 'to', data.versions, latest)}
  <button type="submit" class="secondary">${t(lang, 'admin.studies.diff.submit')}</button>
</form>`
    : null
}
${data.canUpload ? uploadForm(lang, reply, `${base}/versions`, 'admin.studies.upload.update', data.maxMegabytes, false) : null}`;
}

/** `/admin/studies/:studyId/diff?from=&to=`: the changes between two versions. */
export function studyDiffView(lang: Lang, studyId: string, diff: StudyDiff): Html {
  return html`<p><a href="${localizedPath(lang, `/admin/studies/${studyId}`)}">${t(lang, 'admin.studies.back', { id: studyId })}</a></p>
<h1>${t(lang, 'admin.studies.diff.title', { from: diff.before.version, to: diff.after.version, id: studyId })}</h1>
${diffListView(lang, diff)}`;
}
