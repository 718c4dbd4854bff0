import { escapeHtml, html, raw, type Html } from '../html.js';

/**
 * Where a page shows the wide chart: from 43.5em (696 px at the default text size) the page's column is at
 * least 640 px wide (less 2 × 1rem of margin and a 15 px scroll bar where scroll bars take room), so the wide
 * chart is never shrunk and its 11 px text stays 11 px. Below, the narrow chart (300 px, 12 px text) is shown, never narrower than
 * 288 px on a 320 px screen: its text stays above 11 px. `results.css` caps the narrow one at the same query.
 */
export const WIDE_CHART_MEDIA = '(min-width: 43.5em)';

export interface ChartSources {
  /** address of the wide SVG (640 px) */
  readonly wide: string;
  /** address of the narrow SVG (300 px) */
  readonly narrow: string;
}

/**
 * A chart as one image in two drawings, chosen by the browser without a script: the narrow SVG by default,
 * the wide one where the page is wide enough. One `<img>`, so one text alternative is announced.
 */
export function chartPicture(sources: ChartSources, alternative: string, options: { readonly lazy?: boolean } = {}): Html {
  return html`<picture class="chart-picture">
    <source media="${WIDE_CHART_MEDIA}" srcset="${raw(imageUrl(sources.wide))}" type="image/svg+xml">
    <img src="${raw(imageUrl(sources.narrow))}" alt="${alternative}"${options.lazy ? html` loading="lazy"` : null}>
  </picture>`;
}

/**
 * A chart's address for `src` and `srcset`: a path of this site or an SVG inlined as base64 (the benchmark's
 * private chart), escaped for the attribute; spaces are encoded so that a srcset reads one candidate.
 * @throws Error for anything else: these addresses are built by the server, never taken from input.
 */
function imageUrl(url: string): string {
  if (!(/^\/(?!\/)/.test(url) || /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/.test(url))) throw new Error(`chartPicture: not a chart address: ${url.slice(0, 60)}`);
  return escapeHtml(url).replace(/\s/g, '%20');
}
