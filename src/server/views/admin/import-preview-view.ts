import type { FastifyReply } from 'fastify';
import type { ImportRejection, ResponseSource, SourceColumn } from '../../../exchange/index.js';
import { t } from '../../../messages/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';
import { sourceName } from './import-view.js';

/** What an import would do, found by a dry run: how the columns are read, the lines, the rejects, and what to confirm. */
export interface ImportPreview {
  readonly fileName: string;
  readonly source: ResponseSource;
  readonly columns: readonly SourceColumn[];
  readonly leftOut: readonly string[];
  readonly unknown: readonly string[];
  /** lines read (header excluded) */
  readonly lines: number;
  /** lines that pass every check */
  readonly valid: number;
  /** responses the confirmation imports (0 when a line fails and the valid lines are not to be kept) */
  readonly wouldImport: number;
  readonly skipInvalid: boolean;
  /** the first rejects, and how many there are in all */
  readonly rejected: readonly ImportRejection[];
  readonly rejectedCount: number;
  /** the import waiting for confirmation (its job), null when there is nothing to confirm */
  readonly pendingId: number | null;
  /** until when its file is kept (ISO time) */
  readonly expiresAt: string | null;
}

/** UTC, to the minute */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** The confirmation form: the pending import's number and the CSRF token only, and for a published wave the box that says its results change. */
export function importConfirmForm(lang: Lang, reply: FastifyReply, wave: Wave, pendingId: number): Html {
  const published = wave.status === 'published';
  return html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/import/confirm`)}" id="import-confirm">${csrfField(reply)}<input type="hidden" name="pending" value="${pendingId}">
${published ? html`<p><input type="checkbox" id="import-published" name="published" value="1" required> <label for="import-published">${t(lang, 'admin.import.publishedConfirm')}</label></p>` : null}
<p><button type="submit">${t(lang, 'admin.import.confirm')}</button> <a href="${localizedPath(lang, `/admin/waves/${wave.id}/import`)}">${t(lang, 'admin.import.cancel')}</a></p>
</form>`;
}

/** The preview of an import, before it is confirmed: the mapping of the columns, the counts, the rejects, and the confirmation form. */
export function importPreviewView(lang: Lang, reply: FastifyReply, wave: Wave, preview: ImportPreview): Html {
  const unknown = new Set(preview.unknown);
  const becomes = (c: SourceColumn): Html =>
    c.variables.length > 0
      ? html`${c.variables.map((v, i) => html`${i > 0 ? ', ' : ''}<code>${v}</code>`)}`
      : unknown.has(c.source)
        ? html`<span class="warning">${t(lang, 'admin.import.unknown')}</span>`
        : html`<span class="hint">${t(lang, 'admin.import.leftOut')}</span>`;
  const listed = new Set(preview.columns.map((c) => c.source));
  const extraLeftOut = preview.leftOut.filter((c) => !listed.has(c));
  const extraUnknown = preview.unknown.filter((c) => !listed.has(c));
  const codes = (names: readonly string[]) => html`${names.map((n, i) => html`${i > 0 ? ', ' : ''}<code>${n}</code>`)}`;
  return html`<section aria-labelledby="import-preview-title" class="import-preview">
<h2 id="import-preview-title">${t(lang, 'admin.import.previewTitle')}</h2>
${wave.status === 'published' ? html`<p class="warning" id="import-published-warning">${t(lang, 'admin.import.publishedWarning')}</p>` : null}
<p id="import-summary">${t(lang, 'admin.import.previewSummary', { file: preview.fileName, source: sourceName(lang, preview.source), lines: preview.lines, valid: preview.valid, rejected: preview.rejectedCount })}</p>
<h3>${t(lang, 'admin.import.mappingTitle')}</h3>
${
  preview.columns.length > 0
    ? html`<div class="table-scroll"><table class="import-mapping">
  <thead><tr><th scope="col">${t(lang, 'admin.import.col.source')}</th><th scope="col">${t(lang, 'admin.import.col.variables')}</th></tr></thead>
  <tbody>${preview.columns.map((c) => html`<tr><td><code>${c.source}</code></td><td>${becomes(c)}</td></tr>`)}</tbody>
</table></div>`
    : null
}
${extraLeftOut.length > 0 ? html`<p id="import-left-out">${t(lang, 'admin.import.leftOutList')} ${codes(extraLeftOut)}</p>` : null}
${extraUnknown.length > 0 ? html`<p id="import-unknown" class="warning">${t(lang, 'admin.import.unknownList')} ${codes(extraUnknown)}</p>` : null}
${
  preview.rejected.length > 0
    ? html`<h3>${t(lang, 'admin.import.rejectsTitle')}</h3>
<div class="table-scroll"><table class="import-rejects">
  <thead><tr><th scope="col">${t(lang, 'admin.jobs.col.line')}</th><th scope="col">${t(lang, 'admin.jobs.col.column')}</th><th scope="col">${t(lang, 'admin.jobs.col.problem')}</th></tr></thead>
  <tbody>${preview.rejected.map((x) => html`<tr><td>${x.line}</td><td><code>${x.column}</code></td><td>${x.message}</td></tr>`)}</tbody>
</table></div>
${preview.rejectedCount > preview.rejected.length ? html`<p>${t(lang, 'admin.jobs.importMore', { n: preview.rejectedCount - preview.rejected.length })}</p>` : null}`
    : null
}
${
  preview.pendingId === null
    ? html`<p class="error" role="alert" id="import-nothing">${t(lang, preview.valid === 0 ? 'admin.import.noValidLine' : 'admin.import.nothingToImport')}</p>`
    : html`<p id="import-would" role="status">${t(lang, 'admin.import.wouldImport', { n: preview.wouldImport })}${preview.rejectedCount > 0 ? ` ${t(lang, 'admin.import.skipNote')}` : ''}</p>
${preview.expiresAt ? html`<p class="hint">${t(lang, 'admin.import.expiresAt', { time: when(preview.expiresAt) })}</p>` : null}
${importConfirmForm(lang, reply, wave, preview.pendingId)}`
}
</section>`;
}
