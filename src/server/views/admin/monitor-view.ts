import type { FieldworkMonitor } from '../../../analysis/fieldwork/fieldwork-monitor.js';
import { formatNumber, formatPercent, MISSING } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { Wave } from '../../../store/index.js';
import { findQuestion, type Study, labelIn } from '../../../study/index.js';
import { t } from '../../../messages/index.js';
import { html, raw, type Html } from '../html.js';

const minutes = (ms: number, lang: Lang) => formatNumber(ms / 60_000, lang, 1);
const percent = (part: number, whole: number, lang: Lang) => (whole > 0 ? formatPercent(part / whole, lang) : MISSING);

function codeLabel(study: Study, lang: Lang, variable: string, code: number): string {
  const q = findQuestion(study, variable);
  const option = q && (q.kind === 'single' || q.kind === 'multiple') ? q.options.find((o) => o.code === code) : undefined;
  return option ? labelIn(option.label, lang) : String(code);
}

/** The fieldwork monitor: key figures, the daily chart (SVG from the chart engine), funnel, drop-off, quotas. */
export function monitorView(
  lang: Lang,
  study: Study,
  wave: Wave,
  m: FieldworkMonitor,
  chart: { svg: string; alternative: string } | undefined,
  refreshSeconds?: number,
  responseLookup?: Html,
): Html {
  const first = m.funnel[0]?.reached ?? 0;
  return html`<h1>${t(lang, 'admin.monitor.title', { wave: wave.title })}</h1>
${refreshSeconds ? html`<p class="choice"><input type="checkbox" id="auto-refresh" data-refresh="${refreshSeconds}" checked><label for="auto-refresh">${t(lang, 'admin.monitor.refresh', { seconds: refreshSeconds })}</label></p>` : null}
<dl class="facts">
  <dt>${t(lang, 'admin.wave.completes')}</dt><dd id="monitor-completes">${formatNumber(m.completes, lang)}</dd>
  <dt>${t(lang, 'admin.wave.partials')}</dt><dd id="monitor-partials">${formatNumber(m.partials, lang)}</dd>
  <dt>${t(lang, 'admin.wave.excluded')}</dt><dd>${formatNumber(m.excluded, lang)}</dd>
  <dt>${t(lang, 'admin.monitor.median')}</dt><dd>${t(lang, 'admin.monitor.minutes', { n: minutes(m.medianDurationMs, lang) })}</dd>
</dl>
${responseLookup ?? null}
<h2>${t(lang, 'admin.monitor.chart')}</h2>
${chart ? html`<figure class="chart"><div aria-hidden="true">${raw(chart.svg)}</div><figcaption>${chart.alternative}</figcaption></figure>` : html`<p>${t(lang, 'admin.monitor.noResponse')}</p>`}
<h2>${t(lang, 'admin.monitor.quotas')}</h2>
${
  m.quotas.length === 0
    ? html`<p>${t(lang, 'admin.monitor.noQuota')}</p>`
    : html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.monitor.segment')}</th><th scope="col" class="number">${t(lang, 'admin.monitor.target')}</th><th scope="col" class="number">${t(lang, 'admin.monitor.achieved')}</th><th scope="col">${t(lang, 'admin.monitor.progress')}</th></tr></thead>
  <tbody>${m.quotas.map((q) => html`<tr><td>${q.variable} = ${codeLabel(study, lang, q.variable, q.code)}</td><td class="number">${formatNumber(q.target, lang)}</td><td class="number">${formatNumber(q.achieved, lang)}</td><td><progress max="${q.target}" value="${Math.min(q.achieved, q.target)}" aria-label="${`${q.variable} ${q.code}`}">${percent(q.achieved, q.target, lang)}</progress> ${percent(q.achieved, q.target, lang)}</td></tr>`)}</tbody>
</table></div>`
}
<h2>${t(lang, 'admin.monitor.funnel')}</h2>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.monitor.page')}</th><th scope="col" class="number">${t(lang, 'admin.monitor.reached')}</th><th scope="col" class="number">${t(lang, 'admin.monitor.ofStarted')}</th></tr></thead>
  <tbody>${m.funnel.map((f) => html`<tr><td>${f.page + 1}</td><td class="number">${formatNumber(f.reached, lang)}</td><td class="number">${percent(f.reached, first, lang)}</td></tr>`)}</tbody>
</table></div>
<h2>${t(lang, 'admin.monitor.dropOff')}</h2>
<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.monitor.question')}</th><th scope="col" class="number">${t(lang, 'admin.monitor.page')}</th><th scope="col" class="number">${t(lang, 'admin.monitor.answered')}</th><th scope="col" class="number">${t(lang, 'admin.monitor.abandoned')}</th></tr></thead>
  <tbody>${m.questions.map((q) => html`<tr><td><code>${q.name}</code></td><td class="number">${q.page + 1}</td><td class="number">${formatNumber(q.answered, lang)}</td><td class="number">${formatNumber(q.abandonedAfter, lang)}</td></tr>`)}</tbody>
</table></div>`;
}
