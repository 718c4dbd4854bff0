import type { FastifyReply } from 'fastify';
import type { StudyFileFormat } from '../../../exchange/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { StudyChangeKind, StudyDiff, StudyIssue } from '../../../study/index.js';
import { formatStudyChange, studyIssueText } from '../../../study/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t, type MessageKey } from '../../../messages/index.js';
import { html, type Html } from '../html.js';

// every kind of study change has its wording in the catalogues (a missing key fails the type check)
const CHANGE_KEYS_EXIST: MessageKey = '' as `admin.studies.change.${StudyChangeKind}`;
void CHANGE_KEYS_EXIST;

const FORMAT_KEYS: Readonly<Record<StudyFileFormat, MessageKey>> = {
  native: 'admin.studies.format.native',
  limesurvey: 'admin.studies.format.limesurvey',
  surveyjs: 'admin.studies.format.surveyjs',
  xlsform: 'admin.studies.format.xlsform',
};

/** One stored study as the list shows it. */
export interface StudyRow {
  readonly studyId: string;
  readonly title: string;
  readonly latestVersion: number;
  readonly versionCount: number;
  readonly waves: readonly { readonly id: number; readonly code: string; readonly version: number }[];
}

/** What an upload that stored nothing reports: every error with its path, the importer's warnings, or a refusal. */
export interface UploadReport {
  readonly errors?: readonly StudyIssue[];
  readonly warnings?: readonly string[];
  /** add of a stored study: its id and latest version */
  readonly exists?: { readonly studyId: string; readonly version: number };
}

/** The upload form: a file, its format, the id of an import; to `action` (multipart, CSRF in a field). */
export function uploadForm(lang: Lang, reply: FastifyReply, action: string, heading: MessageKey, maxMegabytes: number, withStudyId: boolean): Html {
  return html`<h2 id="upload">${t(lang, heading)}</h2>
<form method="post" action="${localizedPath(lang, action)}" enctype="multipart/form-data">
  ${csrfField(reply)}
  <p><label for="study-file">${t(lang, 'admin.studies.upload.file')}</label>
  <input type="file" id="study-file" name="file" required accept=".json,.lss,.xml,.xlsx,application/json,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="study-file-hint">
  <span class="hint" id="study-file-hint">${t(lang, 'admin.studies.upload.fileHint', { size: maxMegabytes })}</span></p>
  <p><label for="study-format">${t(lang, 'admin.studies.upload.format')}</label>
  <select id="study-format" name="format">${(Object.keys(FORMAT_KEYS) as StudyFileFormat[]).map((f) => html`<option value="${f}">${t(lang, FORMAT_KEYS[f])}</option>`)}</select></p>
  ${
    withStudyId
      ? html`<p><label for="study-id">${t(lang, 'admin.studies.upload.studyId')}</label>
  <input type="text" id="study-id" name="studyId" pattern="[a-z0-9][a-z0-9\\-]{1,62}" autocomplete="off" aria-describedby="study-id-hint">
  <span class="hint" id="study-id-hint">${t(lang, 'admin.studies.upload.studyIdHint')}</span></p>`
      : null
  }
  <p><input type="checkbox" id="study-accept-losses" name="acceptLosses" value="1" aria-describedby="study-accept-losses-hint">
  <label for="study-accept-losses">${t(lang, 'admin.studies.upload.acceptLosses')}</label>
  <span class="hint" id="study-accept-losses-hint">${t(lang, 'admin.studies.upload.acceptLossesHint')}</span></p>
  <p><button type="submit">${t(lang, 'admin.studies.upload.submit')}</button></p>
</form>`;
}

/** The validation report of an upload that stored nothing. */
export function uploadReportView(lang: Lang, report: UploadReport): Html {
  const errors = report.errors ?? [];
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${t(lang, 'admin.studies.invalid.title')}</h2>
  ${
    report.exists
      ? html`<p>${t(lang, 'admin.studies.exists', { id: report.exists.studyId, n: report.exists.version })}
  <a href="${localizedPath(lang, `/admin/studies/${report.exists.studyId}`)}">${t(lang, 'admin.studies.back', { id: report.exists.studyId })}</a></p>`
      : null
  }
  ${
    errors.length > 0
      ? html`<p>${t(lang, 'admin.studies.invalid.intro', { n: errors.length })}</p>
  <ul class="study-errors">${errors.map((e) => html`<li><code>${e.path}</code> ${studyIssueText(lang, e)}</li>`)}</ul>`
      : null
  }
</div>
${warningsView(lang, report.warnings ?? [])}`;
}

export function warningsView(lang: Lang, warnings: readonly string[]): Html | null {
  if (warnings.length === 0) return null;
  return html`<h2>${t(lang, 'admin.studies.warnings')}</h2><ul class="study-warnings">${warnings.map((w) => html`<li>${w}</li>`)}</ul>`;
}

/** The changes of a diff, one item each, in the catalogue's words. */
export function diffListView(lang: Lang, diff: StudyDiff): Html {
  if (diff.changes.length === 0) return html`<p>${t(lang, 'admin.studies.noChange')}</p>`;
  const words = (kind: StudyChangeKind, params: Record<string, string | number>) => t(lang, `admin.studies.change.${kind}`, params);
  return html`<ul class="study-diff">${diff.changes.map((c) => html`<li>${formatStudyChange(c, words)}</li>`)}</ul>`;
}

/** `/admin/studies`: every stored study with its versions and waves, and the form to add one. */
export function studiesView(
  lang: Lang,
  reply: FastifyReply,
  data: { rows: readonly StudyRow[]; builtIn: readonly string[]; canUpload: boolean; maxMegabytes: number; report?: UploadReport },
): Html {
  const path = (p: string) => localizedPath(lang, p);
  return html`<h1>${t(lang, 'admin.studies.title')}</h1>
${data.report ? uploadReportView(lang, data.report) : null}
<p class="hint">${t(lang, 'admin.studies.intro')}</p>
${data.canUpload ? html`<p><a class="button" href="${path('/admin/studies/new')}">${t(lang, 'admin.editor.new')}</a></p>` : null}
${
  data.rows.length === 0
    ? html`<p>${t(lang, 'admin.studies.none')}</p>`
    : html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.studies.study')}</th><th scope="col">${t(lang, 'admin.studies.id')}</th><th scope="col">${t(lang, 'admin.studies.latest')}</th><th scope="col">${t(lang, 'admin.studies.versionCount')}</th><th scope="col">${t(lang, 'admin.studies.waves')}</th></tr></thead>
  <tbody>${data.rows.map(
    (r) => html`<tr>
    <td><a href="${path(`/admin/studies/${r.studyId}`)}">${r.title}</a></td><td><code>${r.studyId}</code></td><td>${r.latestVersion}</td><td>${r.versionCount}</td>
    <td>${r.waves.length === 0 ? t(lang, 'admin.studies.noWave') : r.waves.map((w, k) => html`${k > 0 ? ', ' : ''}<a href="${path(`/admin/waves/${w.id}`)}">${t(lang, 'admin.studies.waveVersion', { wave: w.code, n: w.version })}</a>`)}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}
${data.builtIn.length > 0 ? html`<p class="hint">${t(lang, 'admin.studies.builtIn', { ids: data.builtIn.join(', ') })}</p>` : null}
${
  data.canUpload ? uploadForm(lang, reply, '/admin/studies', 'admin.studies.upload.add', data.maxMegabytes, true) : html`<p class="hint">${t(lang, 'admin.studies.readOnly')}</p>`
}`;
}
