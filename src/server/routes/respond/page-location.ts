import type { FastifyReply, FastifyRequest } from 'fastify';

/** Where a questionnaire GET goes: a page index, the review, or the end page of a finished response. */
export type PageTarget = number | 'review' | 'done';

/** The query parameters a questionnaire URL may carry over to the page it redirects to. */
const KEPT = ['t', 'r', 'lang', 'test'] as const;

/**
 * The GET URL of a questionnaire page, built from the request's own URL: the same path (so the same
 * language prefix), the credential and language parameters it already carried (`t`, `r`, `lang`, `test`, nothing
 * added: a token never appears in a URL that did not hold it), and `p=` the page.
 */
export function pageLocation(request: FastifyRequest, target: PageTarget): string {
  const url = request.originalUrl; // with its language prefix (request.url has it stripped)
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = (request.query ?? {}) as Record<string, unknown>;
  const params = new URLSearchParams();
  for (const name of KEPT) {
    const value = query[name];
    if (typeof value === 'string' && value !== '') params.set(name, value);
  }
  params.set('p', String(target));
  return `${path}?${params.toString()}`;
}

/** POST/redirect/GET: 303 See Other to the page to show, so the browser's history holds only GETs. */
export function redirectToPage(request: FastifyRequest, reply: FastifyReply, target: PageTarget) {
  return reply.redirect(pageLocation(request, target), 303);
}
