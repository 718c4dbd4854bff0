import type { WaveResults } from '../../../analysis/wave-results-types.js';
import { formatDate, formatMarginOfError, formatNumber, formatPercent } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { normalQuantile } from '../../../stats/index.js';
import { html, type Html } from '../html.js';
import { rt } from './results-messages.js';
import { RESULTS_PATHS } from './results-paths.js';

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
  const variables = w.margins.map((m) => m.label[lang]).join(', ');
  return html`<article class="methodology">
<h1>${rt(lang, 'methodology.title', { wave: results.wave.title })}</h1>
<p><a href="${RESULTS_PATHS.dashboard(lang, results.study.id, { wave: results.wave.code })}">${rt(lang, 'trendPage.back', { wave: results.wave.title })}</a></p>
<section aria-labelledby="m-fieldwork"><h2 id="m-fieldwork">${rt(lang, 'methodology.fieldwork')}</h2>
  <p>${results.wave.opensAt && results.wave.closesAt
    ? rt(lang, 'methodology.fieldworkDates', { from: formatDate(results.wave.opensAt, lang), to: formatDate(results.wave.closesAt, lang) })
    : results.wave.title}</p>
</section>
<section aria-labelledby="m-sample"><h2 id="m-sample">${rt(lang, 'methodology.sample')}</h2>
  <p>${rt(lang, 'methodology.sampleText', { n: formatNumber(results.n, lang) })}</p>
</section>
<section aria-labelledby="m-population"><h2 id="m-population">${rt(lang, 'methodology.population')}</h2>
  <p>${w.status === 'weighted'
    ? rt(lang, 'methodology.populationText', { variables, source: w.source ?? rt(lang, 'methodology.none') })
    : rt(lang, 'methodology.unweighted', { reason: w.reason ?? '' })}</p>
  ${w.margins.map((m) => html`<div class="table-wrap" tabindex="0" role="region" aria-label="${rt(lang, 'methodology.marginCaption', { variable: m.label[lang] })}"><table>
    <caption>${rt(lang, 'methodology.marginCaption', { variable: m.label[lang] })}</caption>
    <thead><tr><th scope="col">${rt(lang, 'methodology.level')}</th><th scope="col" class="number">${rt(lang, 'methodology.target')}</th>
      <th scope="col" class="number">${rt(lang, 'methodology.sampleShare')}</th><th scope="col" class="number">${rt(lang, 'methodology.achieved')}</th></tr></thead>
    <tbody>${m.levels.map((l) => html`<tr><th scope="row">${l.label[lang]}</th>
      <td class="number">${formatNumber(l.population, lang)} (${formatPercent(l.targetShare, lang, 1)})</td>
      <td class="number">${formatPercent(l.sampleShare, lang, 1)} (n\u00A0=\u00A0${formatNumber(l.n, lang)})</td>
      <td class="number">${formatPercent(l.achievedShare, lang, 1)}</td></tr>`)}</tbody>
  </table></div>`)}
</section>
<section aria-labelledby="m-diagnostics"><h2 id="m-diagnostics">${rt(lang, 'methodology.diagnostics')}</h2>
  <dl class="figures">
    <dt>${rt(lang, 'methodology.efficiency')}</dt><dd>${formatPercent(w.efficiency, lang, 1)}</dd>
    <dt>${rt(lang, 'methodology.kish')}</dt><dd>${formatNumber(w.kishDeff, lang, 2)}</dd>
    <dt>${rt(lang, 'methodology.effective')}</dt><dd>${formatNumber(w.effectiveSampleSize, lang)} (n\u00A0=\u00A0${formatNumber(results.n, lang)})</dd>
    <dt>${rt(lang, 'methodology.weights')}</dt><dd>${formatNumber(w.minWeight, lang, 2)} – ${formatNumber(w.maxWeight, lang, 2)}</dd>
    <dt>${rt(lang, 'methodology.deff')}</dt><dd>${formatNumber(deff, lang, 2)}</dd>
  </dl>
  ${w.trimming ? html`<p>${rt(lang, 'methodology.trimming', {
    lower: formatNumber(w.trimming.lower, lang, 2), upper: formatNumber(w.trimming.upper, lang, 2), trimmed: w.trimming.trimmed,
  })}</p>` : null}
</section>
<section aria-labelledby="m-reading"><h2 id="m-reading">${rt(lang, 'methodology.reading')}</h2>
  <p>${rt(lang, 'methodology.readingText')}</p>
  <div class="table-wrap" tabindex="0" role="region" aria-label="${rt(lang, 'methodology.marginTable')}"><table>
    <caption>${rt(lang, 'methodology.marginTable')}</caption>
    <thead><tr><th scope="col">${rt(lang, 'methodology.base')}</th><th scope="col" class="number">${rt(lang, 'table.margin')}</th></tr></thead>
    <tbody>${bases.map((b) => html`<tr><th scope="row">n\u00A0=\u00A0${formatNumber(b, lang)}</th>
      <td class="number">${formatMarginOfError(z * Math.sqrt((0.25 * (Number.isFinite(deff) ? deff : 1)) / b), lang)}</td></tr>`)}</tbody>
  </table></div>
</section>
</article>`;
}
