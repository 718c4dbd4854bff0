import type { Chart } from '../../../report/charts/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { html, type Html } from '../html.js';
import { chartPicture } from './chart-picture.js';
import { RESULTS_PATHS } from './results-paths.js';
import { t } from '../../../messages/index.js';
import { embedCodeView } from './embed-code.js';

/**
 * A chart as a figure: the server-rendered SVG as an image file in its narrow or wide drawing, as the page's
 * width asks (no script, no inline style: the CSP holds), with the chart's text alternative, then links to its
 * data table, the SVG and PNG downloads and the embeddable page, and, given the site's address, the code to
 * embed it in another page.
 */
export function chartFigure(lang: Lang, study: string, wave: string, id: string, chart: Chart, tableAnchor: string | null, site?: string): Html {
  const embed = RESULTS_PATHS.embed(lang, study, wave, id);
  const svg = RESULTS_PATHS.chart(lang, study, wave, id, 'svg');
  return html`<figure class="chart" id="figure-${id}">
  ${chartPicture({ wide: svg, narrow: RESULTS_PATHS.chart(lang, study, wave, id, 'svg', 'narrow') }, chart.alternative, { lazy: true })}
  <figcaption class="chart-links">
    ${tableAnchor ? html`<a href="#${tableAnchor}">${t(lang, 'results.chart.table')}</a>` : null}
    <a href="${svg}" download>${t(lang, 'results.chart.svg')}</a>
    <a href="${RESULTS_PATHS.chart(lang, study, wave, id, 'png')}" download>${t(lang, 'results.chart.png')}</a>
    <a href="${embed}">${t(lang, 'results.chart.embed')}</a>
  </figcaption>
  ${site ? embedCodeView(lang, id, `${site}${embed}`, chart) : null}
</figure>`;
}
