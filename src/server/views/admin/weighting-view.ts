import type { FastifyReply } from 'fastify';
import { MISSING_POLICIES, type PopulationTargets } from '../../../analysis/population-targets.js';
import type { MissingClass } from '../../../analysis/wave-weights.js';
import { formatNumber, formatPercent } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { User, Wave } from '../../../store/index.js';
import { findQuestion, type SingleQuestion, type Study, labelIn } from '../../../study/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import type { MessageKey } from '../../../messages/index.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import type { WeightingReport } from '../../routes/admin/data/weighting-report.js';
import { html, type Html } from '../html.js';
import { noticeOf } from './admin-page.js';

function editor(lang: Lang, reply: FastifyReply, wave: Wave, candidates: readonly SingleQuestion[], targets: PopulationTargets): Html {
  const byVariable = new Map(targets.margins.map((m) => [m.variable, new Map(m.targets.map((x) => [x.code, x.population]))]));
  const marginOf = new Map(targets.margins.map((m) => [m.variable, m]));
  return html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/weighting/targets`)}">
  ${csrfField(reply)}
  ${candidates.map(
    (q) => html`<fieldset>
    <legend>${labelIn(q.text, lang)} (<code>${q.name}</code>)</legend>
    <p class="choice"><input type="checkbox" id="use_${q.name}" name="use_${q.name}"${byVariable.has(q.name) ? html` checked` : null}><label for="use_${q.name}">${t(lang, 'admin.weighting.use')}</label></p>
    <div class="targets-grid">${q.options.map((o) => html`<p><label for="pop_${q.name}_${o.code}">${labelIn(o.label, lang)} (${o.code})</label><input type="number" min="0" step="any" id="pop_${q.name}_${o.code}" name="pop_${q.name}_${o.code}" value="${byVariable.get(q.name)?.get(o.code) ?? ''}"></p>`)}</div>
    <fieldset class="missing-policy"><legend>${t(lang, 'admin.weighting.missingPolicy')}</legend>
    ${MISSING_POLICIES.map(
      (policy) =>
        html`<p class="choice"><input type="radio" id="missing_${q.name}_${policy}" name="missing_${q.name}" value="${policy}"${(marginOf.get(q.name)?.missing ?? 'impute') === policy ? html` checked` : null}><label for="missing_${q.name}_${policy}">${t(lang, `admin.weighting.policy.${policy}`)}</label></p>`,
    )}
    <p><label for="notstated_${q.name}">${t(lang, 'admin.weighting.notStated')}</label><input type="number" min="0" step="any" id="notstated_${q.name}" name="notstated_${q.name}" value="${marginOf.get(q.name)?.notStated ?? ''}" aria-describedby="notstated_${q.name}_hint">
    <span class="hint" id="notstated_${q.name}_hint">${t(lang, 'admin.weighting.notStatedHint')}</span></p>
    </fieldset>
  </fieldset>`,
  )}
  <p><label for="source">${t(lang, 'admin.weighting.source')}</label><input type="text" id="source" name="source" maxlength="500" value="${targets.source ?? ''}"></p>
  <fieldset><legend>${t(lang, 'admin.weighting.trimming')}</legend>
    <p class="hint">${t(lang, 'admin.weighting.trimmingHint')}</p>
    <p><label for="trim_lower">${t(lang, 'admin.weighting.lower')}</label><input type="number" min="0" step="any" id="trim_lower" name="trim_lower" value="${targets.trimming?.lower ?? ''}"></p>
    <p><label for="trim_upper">${t(lang, 'admin.weighting.upper')}</label><input type="number" min="0" step="any" id="trim_upper" name="trim_upper" value="${targets.trimming?.upper ?? ''}"></p>
  </fieldset>
  <p><button type="submit">${t(lang, 'admin.weighting.save')}</button></p>
</form>
<h3>${t(lang, 'admin.weighting.import')}</h3>
<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/weighting/import`)}">
  ${csrfField(reply)}
  <p><label for="targets-file">${t(lang, 'admin.contacts.file')}</label><input type="file" id="targets-file" accept=".csv,text/csv" data-fills="targets-csv"></p>
  <p><label for="targets-csv">${t(lang, 'admin.weighting.csv')}</label><textarea id="targets-csv" name="csv" rows="6" required aria-describedby="targets-csv-hint"></textarea>
  <span class="hint" id="targets-csv-hint">${t(lang, 'admin.weighting.csvHint')}</span></p>
  <p><button type="submit" class="secondary">${t(lang, 'admin.weighting.importButton')}</button></p>
</form>`;
}

/** What weighting did with the respondents without an answer to one margin: the policy and the rows it touched. */
function missingText(lang: Lang, m: MissingClass): string {
  const pct = (x: number) => formatPercent(x, lang, 1);
  if (m.policy === 'notStated')
    return m.n === 0
      ? t(lang, 'admin.weighting.missingNotStatedEmpty', { variable: m.variable })
      : t(lang, 'admin.weighting.missingNotStated', { n: m.n, variable: m.variable, target: pct(m.targetShare), achieved: pct(m.achievedShare) });
  if (m.policy === 'unweighted') return t(lang, 'admin.weighting.missingUnweighted', { n: m.n, variable: m.variable, rest: pct(m.calibratedShare) });
  return t(lang, 'admin.weighting.missingImpute', { n: m.n, variable: m.variable, share: pct(m.share) });
}

function diagnostics(lang: Lang, study: Study, report: WeightingReport): Html {
  const w = report.weighting;
  if (!w) return html`<p>${t(lang, 'admin.weighting.noData')}</p>`;
  const labelOf = (variable: string, code: number): string => {
    const q = findQuestion(study, variable);
    return (
      (q?.kind === 'single'
        ? (() => {
            const o = q.options.find((option) => option.code === code);
            return o ? labelIn(o.label, lang) : undefined;
          })()
        : undefined) ?? String(code)
    );
  };
  const d = w.diagnostics;
  const pct = (x: number) => formatPercent(x, lang, 1);
  const num = (x: number, digits = 3) => formatNumber(x, lang, digits);
  return html`<section aria-labelledby="diagnostics"><h2 id="diagnostics">${t(lang, 'admin.weighting.diagnostics')}</h2>
<p id="weighting-status">${w.status === 'weighted' ? t(lang, 'admin.weighting.weighted', { n: report.n }) : t(lang, 'admin.weighting.unweighted', { reason: w.reason ?? '' })}</p>
<dl class="facts">
  ${w.raking ? html`<dt>${t(lang, 'admin.weighting.raking')}</dt><dd>${t(lang, w.raking.converged ? 'admin.weighting.converged' : 'admin.weighting.notConverged', { n: w.raking.iterations })}</dd>` : null}
  <dt>${t(lang, 'admin.weighting.min')}</dt><dd>${num(d.min)}</dd>
  <dt>${t(lang, 'admin.weighting.max')}</dt><dd>${num(d.max)}</dd>
  <dt>${t(lang, 'admin.weighting.trimmed')}</dt><dd>${w.trimming ? t(lang, 'admin.weighting.trimmedText', { n: w.trimming.trimmed, lower: num(w.trimming.lower), upper: num(w.trimming.upper) }) : t(lang, 'admin.weighting.noTrimming')}</dd>
  <dt>${t(lang, 'admin.weighting.deff')}</dt><dd id="kish-deff">${num(d.kishDeff)}</dd>
  <dt>${t(lang, 'admin.weighting.efficiency')}</dt><dd>${pct(d.efficiency)}</dd>
  <dt>${t(lang, 'admin.weighting.effectiveN')}</dt><dd>${num(d.effectiveSampleSize, 1)}</dd>
</dl>
${
  w.boundsFailure
    ? html`<p id="weighting-bounds" role="alert">${t(lang, 'admin.weighting.boundsFailed', {
        lower: num(w.boundsFailure.lower),
        upper: num(w.boundsFailure.upper),
        variable: w.boundsFailure.variable,
        level: w.boundsFailure.code === null ? t(lang, 'admin.weighting.noAnswer') : labelOf(w.boundsFailure.variable, w.boundsFailure.code),
        achieved: pct(w.boundsFailure.achievedShare),
        target: pct(w.boundsFailure.targetShare),
      })}</p>`
    : null
}
${w.missing.map((m) => html`<p class="weighting-missing" data-policy="${m.policy}">${missingText(lang, m)}</p>`)}
${w.margins.map(
  (m) => html`<div class="table-wrap"><table>
  <caption>${t(lang, 'admin.weighting.margin', { variable: m.variable })}</caption>
  <thead><tr><th scope="col">${t(lang, 'admin.weighting.level')}</th><th scope="col" class="number">${t(lang, 'admin.weighting.target')}</th><th scope="col" class="number">${t(lang, 'admin.weighting.sample')}</th><th scope="col" class="number">${t(lang, 'admin.weighting.achieved')}</th></tr></thead>
  <tbody>${m.levels.map((l) => html`<tr><td>${labelOf(m.variable, l.code)}</td><td class="number">${pct(l.targetShare)}</td><td class="number">${pct(l.sampleShare)} (n = ${formatNumber(l.n, lang)})</td><td class="number">${pct(l.achievedShare)}</td></tr>`)}</tbody>
</table></div>`,
)}
<h2>${t(lang, 'admin.weighting.indicators')}</h2>
${
  report.indicators.length === 0
    ? html`<p>${t(lang, 'admin.weighting.noIndicator')}</p>`
    : html`<div class="table-wrap"><table>
  <thead><tr><th scope="col">${t(lang, 'admin.weighting.indicator')}</th><th scope="col" class="number">${t(lang, 'admin.weighting.base')}</th><th scope="col" class="number">${t(lang, 'admin.weighting.unweightedShare')}</th><th scope="col" class="number">${t(lang, 'admin.weighting.weightedShare')}</th></tr></thead>
  <tbody>${report.indicators.map((i) => html`<tr><td>${labelIn(i.label, lang)}</td><td class="number">${formatNumber(i.base, lang)}</td><td class="number">${pct(i.unweighted)}</td><td class="number">${pct(i.weighted)}</td></tr>`)}</tbody>
</table></div>`
}
</section>`;
}

const DONE: readonly MessageKey[] = ['admin.weighting.done.targets', 'admin.weighting.done.run', 'admin.weighting.done.unweighted', 'admin.weighting.done.bounds'];

/** The weighting page: diagnostics of the last run, the run button, the margins editor and CSV import. */
export function weightingView(
  lang: Lang,
  reply: FastifyReply,
  user: User,
  wave: Wave,
  study: Study,
  candidates: readonly SingleQuestion[],
  targets: PopulationTargets,
  report: WeightingReport | undefined,
  done?: string,
): Html {
  const editable = can(user.role, 'analyse');
  return html`<h1>${t(lang, 'admin.weighting.title', { wave: wave.title })}</h1>
${noticeOf(lang, `admin.weighting.done.${done}`, DONE)}
<p>${t(lang, 'admin.weighting.intro', { n: targets.margins.length })}</p>
${editable ? html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/weighting/run`)}">${csrfField(reply)}<button type="submit">${t(lang, 'admin.weighting.run')}</button></form>` : null}
${report ? diagnostics(lang, study, report) : html`<p>${t(lang, 'admin.weighting.notRun')}</p>`}
${editable ? html`<h2>${t(lang, 'admin.weighting.editor')}</h2>${editor(lang, reply, wave, candidates, targets)}` : null}`;
}
