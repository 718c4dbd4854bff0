import { benchmarkFigure, score } from '../../../report/benchmark/benchmark-figures.js';
import { benchmarkWords, bm } from '../../../report/benchmark/benchmark-messages.js';
import type { BenchmarkModel } from '../../../report/benchmark/benchmark-model.js';
import { formatDate, formatNumber } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import { pdfText } from '../../../report/pdf/pdf-text.js';
import { html, raw, type Html } from '../html.js';

/**
 * The benchmark page: the company against the published wave, the maturity chart (the server's SVG as an
 * image, its text alternative beside it) and table with each dimension's definition, recommendations, then
 * the indicators with the respondent's answer, all companies and companies of their size.
 */
export function benchmarkView(lang: Lang, model: BenchmarkModel, chart: { svg: string; alternative: string }, pdfUrl: string): Html {
  const src = `data:image/svg+xml;base64,${Buffer.from(chart.svg, 'utf8').toString('base64')}`;
  return html`<article class="benchmark">
<h1>${bm(lang, 'title')}</h1>
<p class="lead">${bm(lang, 'lead', { n: formatNumber(model.wave.n, lang), wave: model.wave.title, ...benchmarkWords(model, lang) })}</p>
${model.company ? html`<p><strong>${bm(lang, 'company', { company: pdfText(model.company, 120) })}</strong></p>` : null}
${model.size ? html`<p>${bm(lang, 'size', { size: model.size.label[lang], ...benchmarkWords(model, lang) })}</p>` : null}
<p><a class="button" id="benchmark-pdf" href="${pdfUrl}" download>${bm(lang, 'pdf.link')}</a></p>
<section aria-labelledby="maturity-title">
  <h2 id="maturity-title">${bm(lang, 'maturity.title')}</h2>
  <p>${bm(lang, 'maturity.lead', benchmarkWords(model, lang))}</p>
  <figure class="chart"><img src="${raw(src)}" alt="${chart.alternative}"></figure>
  <div class="table-wrap"><table>
    <caption>${bm(lang, 'maturity.chart')}</caption>
    <thead><tr><th scope="col">${bm(lang, 'maturity.dimension')}</th><th scope="col">${bm(lang, 'maturity.definition')}</th>
      <th scope="col" class="number">${bm(lang, 'maturity.you')}</th><th scope="col" class="number">${bm(lang, 'maturity.all')}</th><th scope="col" class="number">${bm(lang, 'maturity.sameSize', benchmarkWords(model, lang))}</th></tr></thead>
    <tbody>${model.dimensions.map((d) => html`<tr><th scope="row">${d.label[lang]}</th><td>${d.definition[lang]}</td>
      <td class="number">${score(d.respondent, lang)}</td><td class="number">${score(d.all, lang)}</td><td class="number">${score(d.sameSize, lang)}</td></tr>`)}</tbody>
  </table></div>
</section>
<section aria-labelledby="recommendations-title">
  <h2 id="recommendations-title">${bm(lang, 'recommendations.title')}</h2>
  <p>${bm(lang, 'recommendations.lead')}</p>
  <ul class="recommendations">${model.recommendations.map((r) => html`<li><strong>${r.dimensionLabel[lang]}</strong> — ${r.text[lang]}</li>`)}</ul>
</section>
<section aria-labelledby="indicators-title">
  <h2 id="indicators-title">${bm(lang, 'indicators.title')}</h2>
  <p>${bm(lang, 'indicators.lead', benchmarkWords(model, lang))}</p>
  ${model.themes.map((theme) => html`<div class="table-wrap"><table class="benchmark-table">
    <caption>${theme.label[lang]}</caption>
    <thead><tr><th scope="col">${bm(lang, 'indicators.indicator')}</th><th scope="col">${bm(lang, 'indicators.answer')}</th>
      <th scope="col" class="number">${bm(lang, 'indicators.all', benchmarkWords(model, lang))}</th><th scope="col" class="number">${bm(lang, 'indicators.sameSize', benchmarkWords(model, lang))}</th></tr></thead>
    <tbody>${model.indicators.filter((i) => i.theme === theme.id).map((i) => html`<tr><th scope="row">${i.label[lang]}</th>
      <td>${i.answer ? i.answer[lang] : bm(lang, 'indicators.noAnswer')}</td>
      <td class="number">${benchmarkFigure(i.all, lang)}</td><td class="number">${benchmarkFigure(i.sameSize, lang)}</td></tr>`)}</tbody>
  </table></div>`)}
</section>
<p class="notice">${bm(lang, 'private')}</p>
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
<h1>${bm(lang, 'pending.title')}</h1>
<p>${data.expectedAt ? bm(lang, 'pending.text', { wave: data.waveTitle, date: formatDate(data.expectedAt, lang) }) : bm(lang, 'pending.textNoDate', { wave: data.waveTitle })}</p>
${data.saved || data.hasEmail ? html`<p class="notice" role="status">${bm(lang, 'pending.saved')}</p>` : html`<form method="post" action="${data.action}" class="notify-form" novalidate>
  <h2>${bm(lang, 'pending.notify')}</h2>
  ${data.csrf}
  <div class="field${data.invalid ? ' has-error' : ''}">
    <label for="notify-email">${bm(lang, 'pending.email')}</label>
    <p class="help" id="notify-help">${bm(lang, 'pending.emailHelp')}</p>
    ${data.invalid ? html`<p class="field-error" id="notify-error">${bm(lang, 'pending.invalid')}</p>` : null}
    <input id="notify-email" name="email" type="email" autocomplete="email" maxlength="254" required aria-describedby="notify-help${data.invalid ? ' notify-error' : ''}">
  </div>
  <button type="submit">${bm(lang, 'pending.submit')}</button>
</form>`}
<p class="notice">${bm(lang, 'private')}</p>
</article>`;
}
