/** A browser-like client over app.inject(): keeps cookies, reads the hidden fields of the last form. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Page {
  readonly status: number;
  readonly body: string;
  readonly headers: LightMyRequestResponse['headers'];
  /** the hidden fields of the page's form (_csrf, _sid, _page, _shown) */
  readonly hidden: Readonly<Record<string, string>>;
  /** the form's action, decoded from HTML */
  readonly action: string | undefined;
  /** the URL this page was read from (after any redirect) */
  readonly url?: string;
  /** when the page came from a form post answered 303: that answer (the post/redirect/get of the questionnaire) */
  readonly posted?: { readonly status: number; readonly location: string };
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

export function readPage(response: LightMyRequestResponse): Page {
  const body = response.body;
  const hidden: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[m[1]!] = decode(m[2]!);
  const action = /<form method="post" action="([^"]+)"/.exec(body)?.[1];
  return { status: response.statusCode, body, headers: response.headers, hidden, action: action && decode(action) };
}

export class InjectClient {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly remoteAddress = '127.0.0.1',
  ) {}

  private keep(response: LightMyRequestResponse): void {
    for (const c of response.cookies as { name: string; value: string }[]) this.cookies.set(c.name, c.value);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Gets a page, following 303 redirects as a browser does (the questionnaire's link goes to `?p=` the page to resume). */
  async get(url: string): Promise<Page> {
    const response = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() }, remoteAddress: this.remoteAddress });
    this.keep(response);
    const location = response.headers.location;
    if (response.statusCode === 303 && typeof location === 'string' && location.startsWith('/')) return this.get(location);
    return { ...readPage(response), url };
  }

  /** Posts fields as a form (url-encoded), or any payload with its content type. */
  async post(url: string, fields: readonly [string, string][] | { payload: string | Buffer; contentType: string }): Promise<Page> {
    const isForm = Array.isArray(fields);
    const payload = isForm ? new URLSearchParams(fields as [string, string][]).toString() : (fields as { payload: string | Buffer }).payload;
    const contentType = isForm ? 'application/x-www-form-urlencoded' : (fields as { contentType: string }).contentType;
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': contentType, cookie: this.cookieHeader() },
      remoteAddress: this.remoteAddress,
    });
    this.keep(response);
    return readPage(response);
  }

  /**
   * Submits the form of `page` with its hidden fields, the answers and an action, and follows a 303 with a
   * GET as a browser does: the page returned is the one the browser shows, with the post's answer in `posted`.
   */
  async submit(page: Page, answers: readonly [string, string][], action = 'next', extra: readonly [string, string][] = []): Promise<Page> {
    if (!page.action) throw new Error(`no form on the page (status ${page.status})`);
    const fields: [string, string][] = [...Object.entries(page.hidden), ...answers, ['_action', action], ...extra];
    const posted = await this.post(page.action, fields);
    const location = posted.headers.location;
    if (posted.status !== 303 || typeof location !== 'string') return posted;
    return { ...(await this.get(location)), posted: { status: posted.status, location } };
  }
}
