import type { KeyFinding } from '../../../analysis/key-findings.js';
import type { BannerInfo, IndicatorResult, WaveResults } from '../../../analysis/wave-results-types.js';
import type { Lang } from '../../../report/format/lang.js';
import { html, type Html } from '../html.js';
import { chartFigure } from './chart-figure.js';
import { resultsChart } from './results-charts.js';
import { RESULTS_PATHS } from './results-paths.js';
import { cutTable, indicatorTable } from './results-tables.js';
import { rankingSection } from './ranking-table.js';
import { numbersSection } from './numbers-table.js';
import { unweightedNote } from './unweighted-note.js';
import { count } from './results-format.js';
import { t } from '../../../messages/index.js';
import { labelIn, unitWords } from '../../../study/index.js';

export interface DashboardData {
  readonly results: WaveResults;
  /** published waves of the study, oldest first */
  readonly waves: readonly { readonly code: string; readonly title: string }[];
  /** the chosen banner id, or null for the whole sample */
  readonly cut: string | null;
  readonly findings: readonly KeyFinding[];
  /** the site's address (PUBLIC_URL): each chart then offers the code to embed it in another page */
  readonly site?: string;
}

/** A key finding's sentence: findings are written in French and English, other interface languages read the English one. */
export const findingText = (f: KeyFinding, lang: Lang): string => f.text[lang] ?? f.text.en ?? labelIn(f.text, lang);

/** The cut view's charts, inline under the cut table: each indicator of the theme across the banner's columns. */
function cutCharts(lang: Lang, results: WaveResults, themeId: string, indicators: readonly IndicatorResult[], banner: BannerInfo): Html {
  const charted = indicators.filter((i) => i.estimate !== null && i.ci !== null);
  if (charted.length === 0) return html``;
  return html`<div class="cut-charts">
  ${charted.map((i) => {
    const id = `cut-${banner.id}-${i.id}`;
    return chartFigure(lang, results.study.id, results.wave.code, id, resultsChart(results, id, lang), `table-cut-${themeId}`);
  })}
</div>`;
}

/** The results dashboard: wave and cut selectors, key figures, then one section per theme. */
export function dashboardView(lang: Lang, data: DashboardData): Html {
  const { results, cut } = data;
  const study = results.study.id;
  const wave = results.wave.code;
  const banner = cut ? (results.banners.find((b) => b.id === cut) ?? null) : null;
  const themes = results.themes.filter((t) => results.indicators.some((i) => i.theme === t.id));
  return html`<article class="results">
<header class="results-header">
  <h1>${labelIn(results.study.title, lang)}</h1>
  <p class="lead">${t(lang, 'results.dashboard.title', { wave: results.wave.title })}. ${t(lang, 'results.dashboard.introUnits', { n: count(results.n, lang), ...unitWords(results.study, lang) })}</p>
  <form class="results-controls" method="get" action="${RESULTS_PATHS.dashboard(lang, study)}">
    <div class="control">
      <label for="wave-select">${t(lang, 'results.dashboard.wave')}</label>
      <select id="wave-select" name="wave">
        ${data.waves.map((w) => html`<option value="${w.code}"${w.code === wave ? html` selected` : null}>${w.title}</option>`)}
      </select>
    </div>
    <div class="control">
      <label for="cut-select">${t(lang, 'results.dashboard.cut')}</label>
      <select id="cut-select" name="cut">
        <option value="">${t(lang, 'results.dashboard.cut.allUnits', unitWords(results.study, lang))}</option>
        ${results.banners.map((b) => html`<option value="${b.id}"${b.id === cut ? html` selected` : null}>${labelIn(b.label, lang)}</option>`)}
      </select>
    </div>
    <button type="submit">${t(lang, 'results.dashboard.show')}</button>
  </form>
  ${results.weighting.status === 'unweighted' ? html`<p class="results-unweighted" id="unweighted">${unweightedNote(lang, results)}</p>` : null}
  <p class="results-links">
    <a href="${RESULTS_PATHS.methodology(lang, study, wave)}">${t(lang, 'results.dashboard.methodology')}</a>
    <a href="${RESULTS_PATHS.api(study, wave)}">${t(lang, 'results.dashboard.api')}</a>
  </p>
  <nav class="theme-nav" aria-label="${t(lang, 'results.dashboard.themes')}">
    <ul>${themes.map((t) => html`<li><a href="#theme-${t.id}">${labelIn(t.label, lang)}</a></li>`)}${
      (results.rankings ?? []).length > 0 ? html`<li><a href="#rankings">${t(lang, 'results.ranking.title')}</a></li>` : null
    }${(results.numbers ?? []).length > 0 ? html`<li><a href="#numbers">${t(lang, 'results.numbers.title')}</a></li>` : null}</ul>
  </nav>
</header>
<section class="key-figures" aria-labelledby="key-figures-title">
  <h2 id="key-figures-title">${t(lang, 'results.dashboard.keyFigures')}</h2>
  <ul>${data.findings.map((f) => html`<li>${findingText(f, lang)}</li>`)}</ul>
</section>
${themes.map((theme) => {
  const indicators = results.indicators.filter((i) => i.theme === theme.id);
  const id = `theme-${theme.id}`;
  return html`<section class="theme" id="${id}" aria-labelledby="${id}-title">
  <h2 id="${id}-title">${labelIn(theme.label, lang)}</h2>
  ${chartFigure(lang, study, wave, id, resultsChart(results, id, lang), `table-${id}`, data.site)}
  ${indicatorTable(lang, results, theme.id, indicators)}
  ${banner ? cutTable(lang, results, theme.id, indicators, banner) : null}
  ${banner ? cutCharts(lang, results, theme.id, indicators, banner) : null}
</section>`;
})}
${rankingSection(lang, results, banner)}
${numbersSection(lang, results, banner)}
</article>`;
}
