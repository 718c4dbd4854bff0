import { benchmarkFigure, score } from '../../../report/benchmark/benchmark-figures.js';
import type { BenchmarkModel } from '../../../report/benchmark/benchmark-model.js';
import { benchmarkWords } from '../../../report/benchmark/benchmark-words.js';
import { formatDate, formatNumber } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import { html, type Html } from '../html.js';
import { chartPicture } from './chart-picture.js';
import { t } from '../../../messages/index.js';
import { labelIn, unitWords } from '../../../study/index.js';

/**
 * The benchmark page: the respondent against the published wave, the maturity chart (the server's SVGs, wide
 * and narrow, as one image, its text alternative beside it) and table with each dimension's definition, recommendations, then
 * the indicators with the respondent's answer, all respondents and those of their peer group.
 */
export function benchmarkView(lang: Lang, model: BenchmarkModel, chart: { svg: string; narrowSvg: string; alternative: string }, pdfUrl: string): Html {
  const dataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  const peers = benchmarkWords(model, lang).peers;
  const head = {
    definition: t(lang, 'benchmark.maturity.definition'),
    you: t(lang, 'benchmark.maturity.you'),
    all: t(lang, 'benchmark.maturity.all'),
    answer: t(lang, 'benchmark.indicators.answer'),
    allUnits: t(lang, 'benchmark.indicators.allUnits', unitWords(model.study, lang)),
  };
  return html`<article class="benchmark">
<h1>${t(lang, 'benchmark.title')}</h1>
<p class="lead">${t(lang, 'benchmark.leadUnits', { n: formatNumber(model.wave.n, lang), wave: model.wave.title, ...unitWords(model.study, lang) })}</p>
${model.company ? html`<p><strong>${t(lang, 'benchmark.name', { Unit: unitWords(model.study, lang).Unit, name: pdfText(model.company, 120) })}</strong></p>` : null}
${model.size ? html`<p>${t(lang, 'benchmark.size', { size: labelIn(model.size.label, lang), peers: benchmarkWords(model, lang).peers })}</p>` : null}
<p><a class="button" id="benchmark-pdf" href="${pdfUrl}" download>${t(lang, 'benchmark.pdf.link')}</a></p>
<section aria-labelledby="maturity-title">
  <h2 id="maturity-title">${t(lang, 'benchmark.maturity.title')}</h2>
  <p>${t(lang, 'benchmark.maturity.leadUnits', unitWords(model.study, lang))}</p>
  <figure class="chart">${chartPicture({ wide: dataUrl(chart.svg), narrow: dataUrl(chart.narrowSvg) }, chart.alternative)}</figure>
  <div class="table-wrap" tabindex="0" role="region" aria-label="${t(lang, 'benchmark.maturity.chart')}"><table class="stack-64">
    <caption>${t(lang, 'benchmark.maturity.chart')}</caption>
    <thead><tr><th scope="col">${t(lang, 'benchmark.maturity.dimension')}</th><th scope="col">${head.definition}</th>
      <th scope="col" class="number">${head.you}</th><th scope="col" class="number">${head.all}</th><th scope="col" class="number">${peers}</th></tr></thead>
    <tbody>${model.dimensions.map(
      (d) => html`<tr><th scope="row">${labelIn(d.label, lang)}</th><td class="text" data-label="${head.definition}">${labelIn(d.definition, lang)}</td>
      <td class="number" data-label="${head.you}">${score(d.respondent, lang)}</td><td class="number" data-label="${head.all}">${score(d.all, lang)}</td><td class="number" data-label="${peers}">${score(d.sameSize, lang)}</td></tr>`,
    )}</tbody>
  </table></div>
</section>
<section aria-labelledby="recommendations-title">
  <h2 id="recommendations-title">${t(lang, 'benchmark.recommendations.title')}</h2>
  <p>${t(lang, 'benchmark.recommendations.lead')}</p>
  <ul class="recommendations">${model.recommendations.map((r) => html`<li><strong>${labelIn(r.dimensionLabel, lang)}</strong> — ${labelIn(r.text, lang)}</li>`)}</ul>
</section>
<section aria-labelledby="indicators-title">
  <h2 id="indicators-title">${t(lang, 'benchmark.indicators.title')}</h2>
  <p>${t(lang, 'benchmark.indicators.leadUnits', unitWords(model.study, lang))}</p>
  ${model.themes.map(
    (theme) => html`<div class="table-wrap" tabindex="0" role="region" aria-label="${labelIn(theme.label, lang)}"><table class="benchmark-table stack-64">
    <caption>${labelIn(theme.label, lang)}</caption>
    <thead><tr><th scope="col">${t(lang, 'benchmark.indicators.indicator')}</th><th scope="col">${head.answer}</th>
      <th scope="col" class="number">${head.allUnits}</th><th scope="col" class="number">${peers}</th></tr></thead>
    <tbody>${model.indicators
      .filter((i) => i.theme === theme.id)
      .map(
        (i) => html`<tr><th scope="row">${labelIn(i.label, lang)}</th>
      <td data-label="${head.answer}">${i.answer ? labelIn(i.answer, lang) : t(lang, 'benchmark.indicators.noAnswer')}</td>
      <td class="number" data-label="${head.allUnits}">${benchmarkFigure(i.all, lang)}</td><td class="number" data-label="${peers}">${benchmarkFigure(i.sameSize, lang)}</td></tr>`,
      )}</tbody>
  </table></div>`,
  )}
</section>
<p class="notice">${t(lang, 'benchmark.private')}</p>
</article>`;
}

export interface PendingData {
  readonly waveTitle: string;
  readonly expectedAt: string | null;
  readonly action: string;
  readonly csrf: Html;
  readonly saved: boolean;
  readonly invalid: boolean;
  readonly hasEmail: boolean;
}

/** No published wave yet: when results will come, and a small form to get the link by e-mail. */
export function benchmarkPendingView(lang: Lang, data: PendingData): Html {
  return html`<article class="benchmark">
<h1>${t(lang, 'benchmark.pending.title')}</h1>
<p>${data.expectedAt ? t(lang, 'benchmark.pending.text', { wave: data.waveTitle, date: formatDate(data.expectedAt, lang) }) : t(lang, 'benchmark.pending.textNoDate', { wave: data.waveTitle })}</p>
${
  data.saved || data.hasEmail
    ? html`<p class="notice" role="status">${t(lang, 'benchmark.pending.saved')}</p>`
    : html`<form method="post" action="${data.action}" class="notify-form" novalidate>
  <h2>${t(lang, 'benchmark.pending.notify')}</h2>
  ${data.csrf}
  <div class="field${data.invalid ? ' has-error' : ''}">
    <label for="notify-email">${t(lang, 'benchmark.pending.email')}</label>
    <p class="help" id="notify-help">${t(lang, 'benchmark.pending.emailHelp')}</p>
    ${data.invalid ? html`<p class="field-error" id="notify-error">${t(lang, 'benchmark.pending.invalid')}</p>` : null}
    <input id="notify-email" name="email" type="email" autocomplete="email" maxlength="254" required aria-describedby="notify-help${data.invalid ? ' notify-error' : ''}">
  </div>
  <button type="submit">${t(lang, 'benchmark.pending.submit')}</button>
</form>`
}
<p class="notice">${t(lang, 'benchmark.private')}</p>
</article>`;
}
