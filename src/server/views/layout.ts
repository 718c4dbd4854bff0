import { localizedPath } from '../i18n/localized-path.js';
import { t } from '../../messages/index.js';
import type { Lang } from '../../report/format/lang.js';
import { html, type Html } from './html.js';
import { PATHS } from './paths.js';

export interface LayoutOptions {
  readonly lang: Lang;
  /** the page's own title; the product name is appended */
  readonly title: string;
  readonly body: Html;
  /** the request's CSP script nonce (`reply.cspNonce.script`); scripts without it do not run */
  readonly nonce: string;
  /** the current path and query without the /en prefix (`request.url`), for the language switch */
  readonly url: string;
  /** script files under /static/, e.g. ['/static/questionnaire.js'] */
  readonly scripts?: readonly string[];
  /** extra elements for <head> (meta, link) */
  readonly head?: Html;
  readonly description?: string;
  /** 'minimal' hides the site navigation (questionnaire pages: nothing to distract the respondent) */
  readonly chrome?: 'full' | 'minimal';
}

function navLink(lang: Lang, url: string, path: string, label: string): Html {
  const current = url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`);
  return html`<li><a href="${localizedPath(lang, path)}"${current ? html` aria-current="page"` : null}>${label}</a></li>`;
}

/** The page around every view: language, skip link, header with the language switch, main, footer. */
export function layout(options: LayoutOptions): Html {
  const { lang, title, body, nonce, url } = options;
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const productName = t(lang, 'product.name');
  const scripts = (options.scripts ?? []).map((src) => html`<script src="${src}" nonce="${nonce}" defer></script>`);
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title === productName ? title : `${title} – ${productName}`}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : null}
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="alternate" hreflang="${other}" href="${localizedPath(other, url)}">
${options.head ?? null}
</head>
<body>
<a class="skip-link" href="#main">${t(lang, 'layout.skip')}</a>
<header class="site-header">
  <div class="container header-inner">
    <a class="brand" href="${localizedPath(lang, PATHS.home)}">${productName}</a>
    ${options.chrome === 'minimal' ? null : html`<nav class="site-nav" aria-label="${t(lang, 'layout.nav.label')}">
      <ul>
        ${navLink(lang, url, PATHS.results, t(lang, 'layout.nav.results'))}
        ${navLink(lang, url, PATHS.whitePaper, t(lang, 'layout.nav.whitePaper'))}
      </ul>
    </nav>`}
    <nav class="lang-switch" aria-label="${t(lang, 'layout.lang.label')}">
      <a href="${localizedPath(other, url)}" hreflang="${other}" lang="${other}">${t(lang, 'layout.lang.other')}</a>
    </nav>
  </div>
</header>
<main id="main" tabindex="-1">
  <div class="container">
${body}
  </div>
</main>
<footer class="site-footer">
  <div class="container">
    <p>${t(lang, 'layout.footer.privacy')}</p>
    <p>${t(lang, 'layout.footer.about')}</p>
  </div>
</footer>
${scripts}
</body>
</html>
`;
}
