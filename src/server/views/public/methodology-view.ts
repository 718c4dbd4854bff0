import type { WaveResults } from '../../../analysis/wave-results-types.js';
import { formatDate, formatMarginOfError, formatNumber, formatPercent } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { normalQuantile } from '../../../stats/index.js';
import { html, type Html } from '../html.js';
import { RESULTS_PATHS } from './results-paths.js';
import { t } from '../../../messages/index.js';
import { labelIn, unitWords } from '../../../study/index.js';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const m = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
};

/** The methodology page: fieldwork, sample, population and weighting, diagnostics, how to read a margin of error. */
export function methodologyView(lang: Lang, results: WaveResults): Html {
  const w = results.weighting;
  const deff = median(results.indicators.flatMap((i) => (i.deff === null ? [] : [i.deff])));
  const z = normalQuantile(0.975);
  const bases = [30, 50, 100, 200, 500, 1000].filter((b) => b <= Math.max(100, results.n));
  const variables = w.margins.map((m) => labelIn(m.label, lang)).join(', ');
  const head = { target: t(lang, 'results.methodology.target'), sampleShare: t(lang, 'results.methodology.sampleShare'), achieved: t(lang, 'results.methodology.achieved') };
  return html`<article class="methodology">
<h1>${t(lang, 'results.methodology.title', { wave: results.wave.title })}</h1>
<p><a href="${RESULTS_PATHS.dashboard(lang, results.study.id, { wave: results.wave.code })}">${t(lang, 'results.trendPage.back', { wave: results.wave.title })}</a></p>
<section aria-labelledby="m-fieldwork"><h2 id="m-fieldwork">${t(lang, 'results.methodology.fieldwork')}</h2>
  <p>${
    results.wave.opensAt && results.wave.closesAt
      ? t(lang, 'results.methodology.fieldworkDates', { from: formatDate(results.wave.opensAt, lang), to: formatDate(results.wave.closesAt, lang) })
      : results.wave.title
  }</p>
</section>
<section aria-labelledby="m-sample"><h2 id="m-sample">${t(lang, 'results.methodology.sample')}</h2>
  <p>${t(lang, 'results.methodology.sampleText', { n: formatNumber(results.n, lang) })}</p>
</section>
<section aria-labelledby="m-population"><h2 id="m-population">${t(lang, 'results.methodology.population')}</h2>
  <p>${
    w.status === 'weighted'
      ? t(lang, 'results.methodology.populationTextUnits', { ...unitWords(results.study, lang), variables, source: w.source ?? t(lang, 'results.methodology.none') })
      : t(lang, 'results.methodology.unweighted', { reason: w.reason ?? '' })
  }</p>
  ${w.margins.map(
    (
      m,
    ) => html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t(lang, 'results.methodology.marginCaption', { variable: labelIn(m.label, lang) })}"><table class="stack-40">
    <caption>${t(lang, 'results.methodology.marginCaption', { variable: labelIn(m.label, lang) })}</caption>
    <thead><tr><th scope="col">${t(lang, 'results.methodology.level')}</th><th scope="col" class="number">${head.target}</th>
      <th scope="col" class="number">${head.sampleShare}</th><th scope="col" class="number">${head.achieved}</th></tr></thead>
    <tbody>${m.levels.map(
      (l) => html`<tr><th scope="row">${labelIn(l.label, lang)}</th>
      <td class="number" data-label="${head.target}">${formatNumber(l.population, lang)} (${formatPercent(l.targetShare, lang, 1)})</td>
      <td class="number" data-label="${head.sampleShare}">${formatPercent(l.sampleShare, lang, 1)} (n\u00A0=\u00A0${formatNumber(l.n, lang)})</td>
      <td class="number" data-label="${head.achieved}">${formatPercent(l.achievedShare, lang, 1)}</td></tr>`,
    )}</tbody>
  </table></div>`,
  )}
  ${(w.missing ?? []).map((m) =>
    m.n === 0
      ? null
      : html`<p>${t(
          lang,
          m.policy === 'notStated'
            ? 'results.methodology.missingNotStated'
            : m.policy === 'unweighted'
              ? 'results.methodology.missingUnweighted'
              : 'results.methodology.missingClass',
          {
            n: formatNumber(m.n, lang),
            variable: labelIn(m.label, lang),
            share: formatPercent(m.share, lang, 1),
            target: formatPercent(m.targetShare ?? 0, lang, 1),
          },
        )}</p>`,
  )}
</section>
<section aria-labelledby="m-diagnostics"><h2 id="m-diagnostics">${t(lang, 'results.methodology.diagnostics')}</h2>
  <dl class="figures">
    <dt>${t(lang, 'results.methodology.efficiency')}</dt><dd>${formatPercent(w.efficiency, lang, 1)}</dd>
    <dt>${t(lang, 'results.methodology.kish')}</dt><dd>${formatNumber(w.kishDeff, lang, 2)}</dd>
    <dt>${t(lang, 'results.methodology.effective')}</dt><dd>${formatNumber(w.effectiveSampleSize, lang)} (n\u00A0=\u00A0${formatNumber(results.n, lang)})</dd>
    <dt>${t(lang, 'results.methodology.weights')}</dt><dd>${formatNumber(w.minWeight, lang, 2)} – ${formatNumber(w.maxWeight, lang, 2)}</dd>
    <dt>${t(lang, 'results.methodology.deff')}</dt><dd>${formatNumber(deff, lang, 2)}</dd>
  </dl>
  ${
    w.trimming
      ? html`<p>${t(lang, 'results.methodology.trimming', {
          lower: formatNumber(w.trimming.lower, lang, 2),
          upper: formatNumber(w.trimming.upper, lang, 2),
          trimmed: w.trimming.trimmed,
        })}</p>`
      : null
  }
</section>
<section aria-labelledby="m-reading"><h2 id="m-reading">${t(lang, 'results.methodology.reading')}</h2>
  <p>${t(lang, 'results.methodology.readingText')}</p>
  <div class="table-wrap" tabindex="0" role="region" aria-label="${t(lang, 'results.methodology.marginTable')}"><table>
    <caption>${t(lang, 'results.methodology.marginTable')}</caption>
    <thead><tr><th scope="col">${t(lang, 'results.methodology.base')}</th><th scope="col" class="number">${t(lang, 'results.table.margin')}</th></tr></thead>
    <tbody>${bases.map(
      (b) => html`<tr><th scope="row">n\u00A0=\u00A0${formatNumber(b, lang)}</th>
      <td class="number">${formatMarginOfError(z * Math.sqrt((0.25 * (Number.isFinite(deff) ? deff : 1)) / b), lang)}</td></tr>`,
    )}</tbody>
  </table></div>
</section>
</article>`;
}
