import type { Lang } from '../../../report/format/lang.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { RESULTS_PATHS } from './results-paths.js';

export interface EmptyDashboardData {
  readonly studyId: string;
  readonly studyTitle: string;
  readonly wave: { readonly code: string; readonly title: string };
  /** published waves of the study, oldest first */
  readonly waves: readonly { readonly code: string; readonly title: string }[];
}

/**
 * The dashboard of a published wave that has no figure to show (no complete kept response): says why, in
 * words, and lets the reader pick another published wave.
 */
export function emptyDashboardView(lang: Lang, data: EmptyDashboardData): Html {
  const others = data.waves.filter((w) => w.code !== data.wave.code);
  return html`<article class="results">
<header class="results-header">
  <h1>${data.studyTitle}</h1>
  <p class="lead">${t(lang, 'results.dashboard.title', { wave: data.wave.title })}</p>
  ${
    others.length > 0
      ? html`<form class="results-controls" method="get" action="${RESULTS_PATHS.dashboard(lang, data.studyId)}">
    <div class="control">
      <label for="wave-select">${t(lang, 'results.dashboard.wave')}</label>
      <select id="wave-select" name="wave">
        ${[...data.waves].reverse().map((w) => html`<option value="${w.code}"${w.code === data.wave.code ? html` selected` : null}>${w.title}</option>`)}
      </select>
    </div>
    <button type="submit">${t(lang, 'results.dashboard.show')}</button>
  </form>`
      : null
  }
</header>
<p id="no-figures" role="status">${t(lang, 'results.empty.text')}</p>
</article>`;
}
