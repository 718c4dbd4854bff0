import type { Chart } from '../../../report/charts/index.js';
import { t, type Lang } from '../../../messages/index.js';
import { html, type Html } from '../html.js';

/** An attribute value inside the code a reader pastes into another page: `& " < >` escaped. */
const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The frame's height in CSS pixels: the chart's own height, with room for its title, axes and source line. */
export function embedHeight(chart: Chart): number {
  const height = (chart.spec as { height?: unknown }).height;
  return Math.round((typeof height === 'number' && height > 0 ? height : 300) + 160);
}

/**
 * The code another site pastes to show a chart: an `<iframe>` of its embeddable page with a title (what a
 * screen reader announces for the frame) and a height, lazily loaded, full width.
 */
export function embedCode(url: string, chart: Chart): string {
  return `<iframe src="${attribute(url)}" title="${attribute(chart.title)}" width="100%" height="${embedHeight(chart)}" style="border:0" loading="lazy"></iframe>`;
}

/**
 * The embed code beside a chart: a read-only text area holding the code (select it and copy it), and a copy
 * button that the page's script shows (`/static/copy-code.js`: without JavaScript the button stays hidden).
 */
export function embedCodeView(lang: Lang, id: string, url: string, chart: Chart): Html {
  const field = `embed-code-${id}`;
  return html`<details class="embed-code">
  <summary>${t(lang, 'results.embedCode.summary')}</summary>
  <label for="${field}">${t(lang, 'results.embedCode.label')}</label>
  <textarea id="${field}" class="embed-code-text" rows="3" readonly spellcheck="false">${embedCode(url, chart)}</textarea>
  <p class="embed-code-actions"><button type="button" class="secondary copy-code" data-copy="${field}" data-copied="${t(lang, 'results.embedCode.copied')}" hidden>${t(lang, 'results.embedCode.copy')}</button>
  <span class="copy-status" role="status"></span></p>
</details>`;
}
