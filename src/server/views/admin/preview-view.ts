import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import { languageName, t } from '../../../messages/index.js';
import { labelIn, type LanguageTag, type Study } from '../../../study/index.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';

export type PreviewWidth = 'phone' | 'desktop';

/** The frame's size at each width: a 360 px phone (its usual height), or the workspace's full width. */
const FRAME: Readonly<Record<PreviewWidth, { readonly width: string; readonly height: string }>> = {
  phone: { width: '360', height: '740' },
  desktop: { width: '1200', height: '800' },
};

export interface PreviewFrameData {
  readonly studyId: string;
  readonly version: number;
  readonly versions: readonly number[];
  readonly study: Study;
  readonly lang: LanguageTag;
  readonly width: PreviewWidth;
  /** the framed questionnaire's URL */
  readonly frameSrc: string;
}

/**
 * The workspace's preview page (`/admin/studies/:id/preview`): the study's languages, the two widths and the
 * versions as links, "start again" (a post: it forgets the preview's answers), and the questionnaire in a
 * frame of that width (a link opens it in a tab of its own).
 */
export function previewFrameView(lang: Lang, reply: FastifyReply, d: PreviewFrameData): Html {
  const base = localizedPath(lang, `/admin/studies/${encodeURIComponent(d.studyId)}/preview`);
  const query = (change: { version?: number; lang?: string; width?: PreviewWidth }) =>
    `?version=${change.version ?? d.version}&lang=${encodeURIComponent(change.lang ?? d.lang)}&width=${change.width ?? d.width}`;
  const at = (change: { version?: number; lang?: string; width?: PreviewWidth }) => `${base}${query(change)}`;
  const current = (yes: boolean) => (yes ? html` aria-current="true"` : null);
  const frame = FRAME[d.width];
  const widthName = t(lang, d.width === 'phone' ? 'admin.preview.phone' : 'admin.preview.desktop');
  return html`<h1>${t(lang, 'admin.preview.title', { study: labelIn(d.study.title, d.lang), version: d.version })}</h1>
<p>${t(lang, 'admin.preview.intro')}</p>
<nav class="preview-controls" aria-label="${t(lang, 'admin.preview.link')}">
  <p id="preview-languages"><span class="preview-label">${t(lang, 'admin.preview.language')}</span> ${d.study.languages.map(
    (l) => html`<a href="${at({ lang: l })}" hreflang="${l}" lang="${l}"${current(l === d.lang)}>${languageName(l)}</a> `,
  )}</p>
  <p id="preview-widths"><span class="preview-label">${t(lang, 'admin.preview.width')}</span> <a href="${at({ width: 'phone' })}"${current(d.width === 'phone')}>${t(lang, 'admin.preview.phone')}</a>
  <a href="${at({ width: 'desktop' })}"${current(d.width === 'desktop')}>${t(lang, 'admin.preview.desktop')}</a></p>
  ${d.versions.length > 1 ? html`<p id="preview-versions"><span class="preview-label">${t(lang, 'admin.preview.versions')}</span> ${d.versions.map((v) => html`<a href="${at({ version: v })}"${current(v === d.version)}>v${v}</a> `)}</p>` : null}
</nav>
<form method="post" action="${`${base}/restart${query({})}`}" class="preview-restart">
  ${csrfField(reply)}
  <button type="submit" class="secondary" id="preview-restart">${t(lang, 'admin.preview.restart')}</button>
  <a href="${d.frameSrc}" target="_blank" rel="noopener" id="preview-open">${t(lang, 'admin.preview.open')}</a>
</form>
<div class="preview-stage">
  <iframe id="preview-frame" class="${`preview-frame preview-${d.width}`}" src="${d.frameSrc}" width="${frame.width}" height="${frame.height}" title="${t(lang, 'admin.preview.frameTitle', { width: widthName })}"></iframe>
</div>`;
}

/** The header's language switch of a preview page: every other language of the study, on the same page. */
export function previewLangSwitch(ui: Lang, study: Study, current: LanguageTag, href: (lang: LanguageTag) => string): Html | undefined {
  const others = study.languages.filter((l) => l !== current);
  if (others.length === 0) return undefined;
  return html`<nav class="lang-switch" aria-label="${t(ui, 'respond.lang.label')}"><ul>${others.map(
    (l) => html`<li><a href="${href(l)}" hreflang="${l}" lang="${l}">${languageName(l)}</a></li>`,
  )}</ul></nav>`;
}

/** Above every preview page: nothing is stored (and a notice, when there is one). */
export function previewBanner(ui: Lang, notice?: string): Html {
  return html`<p class="notice preview-banner" role="status" id="preview-banner">${t(ui, 'admin.preview.banner')}</p>${notice ? html`<p class="notice" role="alert" id="preview-notice">${notice}</p>` : null}`;
}

/** The preview's end: what a respondent would see next, and a way to start again. */
export function previewDoneView(ui: Lang, again: string): Html {
  return html`<section class="survey survey-notice">
  <h1>${t(ui, 'admin.preview.done.title')}</h1>
  <p>${t(ui, 'admin.preview.done.text')}</p>
  <p><a class="button" id="preview-again" href="${again}">${t(ui, 'admin.preview.restart')}</a></p>
</section>`;
}
