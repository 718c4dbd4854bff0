import type { FastifyReply } from 'fastify';
import { t, type MessageKey } from '../../../messages/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Wave } from '../../../store/index.js';
import { csrfField } from '../../csrf.js';
import type { ExportQuery } from '../../export-file.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';

/** The page a large wave's export link opens: the export runs as a job, started by this form's POST (its options kept). */
export function exportAsJobView(lang: Lang, reply: FastifyReply, wave: Wave, format: string, query: ExportQuery, responses: number): Html {
  const fields = Object.entries(query as Record<string, string | undefined>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const label = Object.hasOwn({ csv: 1, codebook: 1, sav: 1, jsonl: 1, 'triple-s': 1 }, format) ? t(lang, `admin.links.export.${format}` as MessageKey) : format;
  return html`<h1>${t(lang, 'admin.exportJob.title', { wave: wave.title })}</h1>
<p>${t(lang, 'admin.exportJob.text', { n: responses, format: label })}</p>
<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/export/${encodeURIComponent(format)}/job`)}">${csrfField(reply)}${fields.map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit">${t(lang, 'admin.exportJob.start')}</button></form>
<p><a href="${localizedPath(lang, `/admin/waves/${wave.id}/jobs`)}">${t(lang, 'admin.exportJob.list')}</a></p>`;
}
