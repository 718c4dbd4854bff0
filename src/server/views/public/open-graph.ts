import { html, type Html } from '../html.js';

export interface OpenGraphPage {
  /** the page's address, absolute (from PUBLIC_URL) */
  readonly url: string;
  readonly title: string;
  readonly description: string;
  /** an absolute address of a PNG image (a chart) and its text alternative */
  readonly image?: { readonly url: string; readonly alt: string; readonly width: number };
  /** e.g. fr_FR, en_GB */
  readonly locale: string;
  readonly siteName: string;
}

/** Open Graph's locale of an interface language. */
export const OG_LOCALES: Readonly<Record<string, string>> = { fr: 'fr_FR', en: 'en_GB', de: 'de_DE', es: 'es_ES' };

/**
 * The `<meta>` tags that make a shared link show a card (Open Graph, read by most platforms, and Twitter's
 * card, which falls back to Open Graph for what it lacks): title, description, address and a chart image.
 */
export function openGraphTags(page: OpenGraphPage): Html {
  return html`<meta property="og:type" content="website">
<meta property="og:site_name" content="${page.siteName}">
<meta property="og:title" content="${page.title}">
<meta property="og:description" content="${page.description}">
<meta property="og:url" content="${page.url}">
<meta property="og:locale" content="${page.locale}">
${
  page.image
    ? html`<meta property="og:image" content="${page.image.url}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="${page.image.width}">
<meta property="og:image:alt" content="${page.image.alt}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:image" content="${page.image.url}">
<meta name="twitter:image:alt" content="${page.image.alt}">`
    : html`<meta name="twitter:card" content="summary">`
}
<meta name="twitter:title" content="${page.title}">
<meta name="twitter:description" content="${page.description}">
<link rel="canonical" href="${page.url}">`;
}
