import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from './html.js';
import { contentLanguage, studyBranding, studyText, type Branding, type Label, type StudyLanguages } from '../../study/index.js';
import { interfaceLanguage, t } from '../../messages/index.js';
import { layout, type LayoutOptions, type PageBranding } from './layout.js';

export type PageOptions = Omit<LayoutOptions, 'lang' | 'nonce' | 'url'> & { readonly status?: number };

/**
 * Renders a view in the layout and sends it as HTML: the language, the CSP nonce and the URL for the
 * language switch come from the request. `return sendPage(request, reply, { title, body })`.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, options: PageOptions): FastifyReply {
  const { status, ...rest } = options;
  const page = layout({ ...rest, lang: request.lang, nonce: reply.cspNonce?.script ?? '', styleNonce: reply.cspNonce?.style ?? '', url: request.url });
  if (status !== undefined) reply.code(status);
  return reply.type('text/html; charset=utf-8').send(renderToString(page));
}

/** What a page needs of its study for the study's look: its title (the logo's text), branding and the older `logo`. */
export type BrandedStudy = StudyLanguages & { readonly title: Label; readonly branding?: Branding; readonly logo?: string };

/** The study's logo and accent colour for a page in `requested` language; undefined when the study has neither. */
export function pageBranding(study: BrandedStudy, requested: string): PageBranding | undefined {
  const { logo, accentColor } = studyBranding(study);
  if (!logo && !accentColor) return undefined;
  return { logo, accentColor, logoAlt: t(interfaceLanguage(requested), 'layout.studyLogo', { study: studyText(study, study.title, requested) }) };
}

/**
 * The layout options of a page about a study: its languages for the switch, its content language for
 * `<html lang>`, and, given the whole study, its logo and accent colour.
 */
export function studyPage(study: StudyLanguages | BrandedStudy, requested: string): Pick<LayoutOptions, 'languages' | 'contentLang' | 'branding'> {
  const branding = 'title' in study ? pageBranding(study, requested) : undefined;
  return { languages: study.languages, contentLang: contentLanguage(study, requested), ...(branding ? { branding } : {}) };
}
