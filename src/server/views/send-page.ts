import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from './html.js';
import { contentLanguage, type StudyLanguages } from '../../study/index.js';
import { layout, type LayoutOptions } from './layout.js';

export type PageOptions = Omit<LayoutOptions, 'lang' | 'nonce' | 'url'> & { readonly status?: number };

/**
 * Renders a view in the layout and sends it as HTML: the language, the CSP nonce and the URL for the
 * language switch come from the request. `return sendPage(request, reply, { title, body })`.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, options: PageOptions): FastifyReply {
  const { status, ...rest } = options;
  const page = layout({ ...rest, lang: request.lang, nonce: reply.cspNonce?.script ?? '', url: request.url });
  if (status !== undefined) reply.code(status);
  return reply.type('text/html; charset=utf-8').send(renderToString(page));
}

/** The layout options of a page about a study: its languages for the switch, its content language for `<html lang>`. */
export function studyPage(study: StudyLanguages, requested: string): Pick<LayoutOptions, 'languages' | 'contentLang'> {
  return { languages: study.languages, contentLang: contentLanguage(study, requested) };
}
