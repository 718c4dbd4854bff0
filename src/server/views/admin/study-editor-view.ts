import type { Lang } from '../../../report/format/lang.js';
import { t } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';

/** What the editor's script starts from (read from the page as JSON). */
export interface StudyEditorConfig {
  readonly lang: Lang;
  /** null for a new study */
  readonly studyId: string | null;
  readonly baseVersion: number | null;
  readonly document: unknown;
  /** codes of the waves that use the base version (they keep it) */
  readonly usedBy: readonly string[];
  readonly csrf: string;
  readonly urls: { readonly validate: string; readonly save: string; readonly study: string; readonly preview: string | null };
  readonly messages: Readonly<Record<string, string>>;
}

/**
 * `/admin/studies/:studyId/edit` and `/admin/studies/new`: the editor's frame. The script builds the form
 * from the configuration in `data-config` (escaped as any attribute); without JavaScript the page says so
 * and links to the upload form.
 */
export function studyEditorView(lang: Lang, data: { title: string; studyId?: string; config: StudyEditorConfig }): Html {
  const back = data.studyId ? localizedPath(lang, `/admin/studies/${data.studyId}`) : localizedPath(lang, '/admin/studies');
  const upload = data.studyId ? localizedPath(lang, `/admin/studies/${data.studyId}#upload`) : localizedPath(lang, '/admin/studies#upload');
  return html`<p><a href="${back}">${data.studyId ? t(lang, 'admin.studies.back', { id: data.studyId }) : t(lang, 'admin.studies.backToList')}</a>${
    data.config.urls.preview ? html` · <a href="${data.config.urls.preview}">${t(lang, 'admin.editor.preview')}</a>` : null
  }</p>
<h1>${data.title}</h1>
<div id="study-editor" class="study-editor" data-config="${JSON.stringify(data.config)}">
  <p class="notice editor-needs-script" id="editor-needs-script">${t(lang, 'admin.editor.needsScript')} <a href="${upload}">${t(lang, 'admin.editor.uploadInstead')}</a></p>
</div>`;
}
