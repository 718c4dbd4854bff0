import type { FastifyReply } from 'fastify';
import { t } from '../../../messages/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';
import { importResultView } from './jobs-view.js';

/** The response import page: the upload form (multipart, CSRF in a field) and, after an import done at once, its result. */
export function importView(lang: Lang, reply: FastifyReply, wave: Wave, options: { result?: unknown; error?: string } = {}): Html {
  return html`<h1>${t(lang, 'admin.import.title', { wave: wave.title })}</h1>
<p>${t(lang, 'admin.import.text')}</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : null}
${options.result === undefined ? null : importResultView(lang, options.result)}
<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/import`)}" enctype="multipart/form-data">${csrfField(reply)}
<p><label for="import-file">${t(lang, 'admin.import.file')}</label> <input type="file" id="import-file" name="file" accept=".csv,text/csv" required></p>
<p><input type="checkbox" id="import-skip" name="skipInvalid" value="1"> <label for="import-skip">${t(lang, 'admin.import.skipInvalid')}</label></p>
<p><button type="submit">${t(lang, 'admin.import.submit')}</button></p>
</form>
<p><a href="${localizedPath(lang, `/admin/waves/${wave.id}/jobs`)}">${t(lang, 'admin.exportJob.list')}</a></p>`;
}
