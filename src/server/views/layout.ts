import { localizedPath } from '../i18n/localized-path.js';
import { hasCatalogue, interfaceLanguage, LANGS, languageName, t, type Lang } from '../../messages/index.js';
import { escapeHtml, html, raw, type Html } from './html.js';
import { PATHS } from './paths.js';
import { darken, LOGO_DATA_URI } from '../../study/index.js';

/** The human reference of the public API (Swagger UI, `routes/api/api-reference.ts`). */
const API_REFERENCE = '/api/reference';

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
  /**
   * the languages of the page's study: the switch offers those with an interface catalogue (a generic page
   * without a study offers every interface language)
   */
  readonly languages?: readonly string[];
  /** the language of the page's content (`<html lang>`), when a study's labels are in another one than `lang` */
  readonly contentLang?: string;
  /** replaces the language switch (the questionnaire offers every language of its study) */
  readonly langSwitch?: Html;
  /** the request's CSP style nonce (`reply.cspNonce.style`), for the study's accent colour */
  readonly styleNonce?: string;
  /** the page's study's look (`pageBranding`): its logo in the header, its accent colour for links and buttons */
  readonly branding?: PageBranding;
}

/** A study's logo and accent colour as a page shows them (the colour already checked for contrast). */
export interface PageBranding {
  readonly logo?: string;
  readonly logoAlt: string;
  readonly accentColor?: string;
}

/** The interface languages a page can be read in: its study's languages that have a catalogue, or all. */
export function switchLanguages(languages: readonly string[] | undefined): Lang[] {
  if (!languages) return [...LANGS];
  const offered = new Set(languages.filter(hasCatalogue).map(interfaceLanguage));
  return LANGS.filter((lang) => offered.has(lang));
}

function navLink(lang: Lang, url: string, path: string, label: string): Html {
  const current = url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`);
  return html`<li><a href="${localizedPath(lang, path)}"${current ? html` aria-current="page"` : null}>${label}</a></li>`;
}

/** The page around every view: language, skip link, header with the language switch, main, footer. */
export function layout(options: LayoutOptions): Html {
  const { lang, title, body, nonce, url } = options;
  const others = switchLanguages(options.languages).filter((l) => l !== lang);
  const productName = t(lang, 'product.name');
  const scripts = (options.scripts ?? []).map((src) => html`<script src="${src}" nonce="${nonce}" defer></script>`);
  return html`<!doctype html>
<html lang="${options.contentLang ?? lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title === productName ? title : `${title} – ${productName}`}</title>
${options.description ? html`<meta name="description" content="${options.description}">` : null}
<link rel="stylesheet" href="/static/app.css">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/apple-touch-icon.png">
${others.map(
  (other) => html`<link rel="alternate" hreflang="${other}" href="${localizedPath(other, url)}">
`,
)}
${options.head ?? null}
${
  options.branding?.accentColor
    ? html`<style nonce="${options.styleNonce ?? ''}">:root { --accent: ${options.branding.accentColor}; --accent-dark: ${darken(options.branding.accentColor)}; }</style>`
    : null
}
</head>
<body>
<a class="skip-link" href="#main">${t(lang, 'layout.skip')}</a>
<header class="site-header">
  <div class="container header-inner">
    <a class="brand" href="${localizedPath(lang, PATHS.home)}">${productName}</a>
    ${
      options.branding?.logo && LOGO_DATA_URI.test(options.branding.logo)
        ? // a data: URI of a PNG, JPEG or SVG image (checked again here: the tag lets no data: URL through on its own; an image runs no script)
          html`<img class="study-logo" src="${raw(escapeHtml(options.branding.logo))}" alt="${options.branding.logoAlt}">`
        : null
    }
    ${
      options.chrome === 'minimal'
        ? null
        : html`<nav class="site-nav" aria-label="${t(lang, 'layout.nav.label')}">
      <ul>
        ${navLink(lang, url, PATHS.results, t(lang, 'layout.nav.results'))}
        ${navLink(lang, url, PATHS.whitePaper, t(lang, 'layout.nav.whitePaper'))}
      </ul>
    </nav>`
    }
    ${
      options.langSwitch ??
      (others.length === 0
        ? null
        : html`<nav class="lang-switch" aria-label="${t(lang, 'layout.lang.label')}">
      <ul>${others.map((other) => html`<li><a href="${localizedPath(other, url)}" hreflang="${other}" lang="${other}">${languageName(other)}</a></li>`)}</ul>
    </nav>`)
    }
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
    <p><a href="${API_REFERENCE}">${t(lang, 'layout.footer.api')}</a></p>
  </div>
</footer>
${scripts}
</body>
</html>
`;
}
