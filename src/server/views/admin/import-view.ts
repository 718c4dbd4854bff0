import type { FastifyReply } from 'fastify';
import { RESPONSE_SOURCES, RESPONSE_SOURCES_WITH_MAPPING, type ResponseSource } from '../../../exchange/index.js';
import { type MessageKey, t } from '../../../messages/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';
import { importResultView } from './jobs-view.js';

export interface ImportPageOptions {
  /** an import done: its result (importResultJson) and its job */
  readonly result?: unknown;
  readonly jobId?: number;
  readonly error?: string;
  /** the source chosen last (kept when the form comes back with an error) */
  readonly source?: ResponseSource;
  /** shown above the form: the preview, or a confirmation asked again */
  readonly before?: Html;
}

/**
 * The response import page: the upload form (multipart, CSRF in a field) that leads to a preview — the kind
 * of file among RESPONSE_SOURCES, the file, a mapping file for the sources that take one, whether to keep the
 * valid lines — and, after an import confirmed and done at once, its result. Without JavaScript the mapping
 * field is always there (the server says when it is needed or refused); with admin-forms.js it shows only
 * for the sources that take one.
 */
/** A kind of response file as the workspace names it, in the interface's language. */
export const sourceName = (lang: Lang, source: ResponseSource): string => t(lang, `admin.import.sourceName.${source}` as MessageKey);

export function importView(lang: Lang, reply: FastifyReply, wave: Wave, options: ImportPageOptions = {}): Html {
  const withMapping = RESPONSE_SOURCES.filter((s) => RESPONSE_SOURCES_WITH_MAPPING.has(s));
  const chosen = options.source ?? RESPONSE_SOURCES[0];
  const mapping =
    withMapping.length === 0
      ? null
      : html`<p id="import-mapping-row" data-shown-for="${withMapping.join(' ')}"><label for="import-mapping">${t(lang, 'admin.import.mapping')}</label> <input type="file" id="import-mapping" name="mapping" aria-describedby="import-mapping-hint">
<span class="hint" id="import-mapping-hint">${t(lang, 'admin.import.mappingHint', { sources: withMapping.map((s) => sourceName(lang, s)).join(', ') })}</span></p>`;
  return html`<h1>${t(lang, 'admin.import.title', { wave: wave.title })}</h1>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : null}
${options.before ?? null}
${options.result === undefined ? null : importResultView(lang, options.result)}
${options.jobId === undefined ? null : html`<p><a href="${localizedPath(lang, `/admin/waves/${wave.id}/jobs/${options.jobId}`)}">${t(lang, 'admin.import.openJob')}</a></p>`}
<h2>${t(lang, 'admin.import.uploadTitle')}</h2>
<p>${t(lang, 'admin.import.text')}</p>
<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/import`)}" enctype="multipart/form-data" id="import-form">${csrfField(reply)}
<p><label for="import-source">${t(lang, 'admin.import.source')}</label> <select id="import-source" name="source" data-controls="import-mapping-row">${RESPONSE_SOURCES.map(
    (s) => html`<option value="${s}"${s === chosen ? html` selected` : null}>${sourceName(lang, s)}</option>`,
  )}</select></p>
<p><label for="import-file">${t(lang, 'admin.import.file')}</label> <input type="file" id="import-file" name="file" required></p>
${mapping}
<p><input type="checkbox" id="import-skip" name="skipInvalid" value="1"> <label for="import-skip">${t(lang, 'admin.import.skipInvalid')}</label></p>
<p><button type="submit">${t(lang, 'admin.import.submit')}</button></p>
</form>
<p><a href="${localizedPath(lang, `/admin/waves/${wave.id}/jobs`)}">${t(lang, 'admin.exportJob.list')}</a></p>`;
}
