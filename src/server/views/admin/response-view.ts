import type { FastifyReply } from 'fastify';
import type { CleaningFlag } from '../../../analysis/cleaning/cleaning-flag.js';
import { formatDate, formatNumber } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { ResponseRecord, User, Wave } from '../../../store/index.js';
import { defaultLanguage, labelIn, numbersItemKey, otherKey, textGridCells, type Option, type Question, type Study } from '../../../study/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { flagText } from './cleaning-view.js';
import { noticeOf } from './admin-page.js';

export interface ResponseViewInput {
  readonly wave: Wave;
  readonly study: Study;
  readonly response: ResponseRecord;
  readonly flags: readonly CleaningFlag[];
  /** the flagged or excluded responses, in order, for previous/next */
  readonly reviewIds: readonly number[];
}

/** One row of the answers table: the question's wording (and a matrix item's) and the answer in words. */
interface AnswerRow {
  readonly question: string;
  readonly answer: readonly string[];
  /** the answer's words are the study's (option labels, texts), not the interface's */
  readonly studyWords: boolean;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** The answers of a response in the study's language, question by question in questionnaire order. */
function answerRows(lang: Lang, study: Study, answers: Readonly<Record<string, unknown>>): AnswerRow[] {
  const inStudy = defaultLanguage(study);
  const text = (label: Readonly<Record<string, string>>) => labelIn(label, inStudy);
  const none = [t(lang, 'admin.response.noAnswer')];
  const labelOf = (options: readonly Option[], value: unknown) => {
    const option = options.find((o) => o.code === value);
    return option ? text(option.label) : String(value);
  };
  const rows: AnswerRow[] = [];
  for (const q of study.pages.flatMap((p) => p.questions) as Question[]) {
    const value = answers[q.name];
    switch (q.kind) {
      case 'single':
      case 'multiple': {
        const options = q.other ? [...q.options, q.other] : q.options;
        const other = answers[otherKey(q.name)];
        const codes = isEmpty(value) ? [] : Array.isArray(value) ? value : [value];
        const words = codes.map((code) =>
          q.other && code === q.other.code && typeof other === 'string' && other !== ''
            ? `${labelOf(options, code)} (${t(lang, 'admin.response.other', { text: other })})`
            : labelOf(options, code),
        );
        rows.push({ question: text(q.text), answer: words.length ? words : none, studyWords: words.length > 0 });
        break;
      }
      case 'scale': {
        const points = q.dontKnow ? [...q.points, q.dontKnow] : q.points;
        rows.push({ question: text(q.text), answer: isEmpty(value) ? none : [labelOf(points, value)], studyWords: !isEmpty(value) });
        break;
      }
      case 'matrix': {
        const points = q.dontKnow ? [...q.points, q.dontKnow] : q.points;
        for (const item of q.items) {
          const v = answers[item.name];
          rows.push({ question: `${text(q.text)} — ${text(item.label)}`, answer: isEmpty(v) ? none : [labelOf(points, v)], studyWords: !isEmpty(v) });
        }
        break;
      }
      case 'number':
        rows.push({
          question: text(q.text),
          answer: typeof value === 'number' ? [`${formatNumber(value, lang, Number.isInteger(value) ? 0 : 2)}${q.unit ? ` ${text(q.unit)}` : ''}`] : none,
          studyWords: false,
        });
        break;
      case 'text':
        rows.push({ question: text(q.text), answer: isEmpty(value) ? none : [String(value)], studyWords: !isEmpty(value) });
        break;
      case 'consent':
        rows.push({ question: text(q.text), answer: typeof value === 'boolean' ? [t(lang, value ? 'admin.response.yes' : 'admin.response.no')] : none, studyWords: false });
        break;
      case 'date':
        rows.push({ question: text(q.text), answer: typeof value === 'string' && value !== '' ? [formatDate(value, lang)] : none, studyWords: false });
        break;
      case 'numbers':
        for (const item of q.items) {
          const v = answers[numbersItemKey(q, item)];
          rows.push({
            question: `${text(q.text)} — ${text(item.label)}`,
            answer: typeof v === 'number' ? [`${formatNumber(v, lang, Number.isInteger(v) ? 0 : 2)}${q.unit ? ` ${text(q.unit)}` : ''}`] : none,
            studyWords: false,
          });
        }
        break;
      case 'textgrid':
        for (const cell of textGridCells(q)) {
          const v = answers[cell.key];
          rows.push({ question: `${text(q.text)} — ${text(cell.row.label)} — ${text(cell.column.label)}`, answer: isEmpty(v) ? none : [String(v)], studyWords: !isEmpty(v) });
        }
        break;
      case 'ranking': {
        // the ranked options in rank order: "1. Safety", "2. Transport"
        const ranked = q.options
          .flatMap((o) => {
            const rank = answers[`${q.name}_${o.code}`];
            return typeof rank === 'number' ? [{ rank, label: text(o.label) }] : [];
          })
          .sort((a, b) => a.rank - b.rank)
          .map((r) => `${r.rank}. ${r.label}`);
        rows.push({ question: text(q.text), answer: ranked.length ? ranked : none, studyWords: ranked.length > 0 });
        break;
      }
      case 'info':
        // a text between questions: no answer
        break;
    }
  }
  return rows;
}

const when = (iso: string | null, lang: Lang) => (iso ? `${formatDate(iso, lang)}, ${iso.slice(11, 16)} UTC` : '—');
const minutes = (ms: number, lang: Lang) => t(lang, 'admin.monitor.minutes', { n: formatNumber(ms / 60_000, lang, 1) });

function navigation(lang: Lang, wave: Wave, id: number, reviewIds: readonly number[]): Html {
  const at = reviewIds.indexOf(id);
  const link = (other: number | undefined, key: 'admin.response.previous' | 'admin.response.next', rel: string) =>
    other === undefined ? null : html`<li><a href="${localizedPath(lang, `/admin/waves/${wave.id}/responses/${other}`)}" rel="${rel}">${t(lang, key, { id: other })}</a></li>`;
  return html`<nav class="response-nav" aria-label="${t(lang, 'admin.response.navigation')}"><ul>
  <li><a href="${localizedPath(lang, `/admin/waves/${wave.id}/cleaning`)}#response-${id}">${t(lang, 'admin.response.backToCleaning')}</a></li>
  ${at >= 0 ? html`<li>${t(lang, 'admin.response.position', { n: formatNumber(at + 1, lang), total: formatNumber(reviewIds.length, lang) })}</li>` : null}
  ${at > 0 ? link(reviewIds[at - 1], 'admin.response.previous', 'prev') : null}
  ${at >= 0 ? link(reviewIds[at + 1], 'admin.response.next', 'next') : null}
</ul></nav>`;
}

function decisionForm(lang: Lang, reply: FastifyReply, wave: Wave, r: ResponseRecord): Html {
  return html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/responses/exclusions`)}" class="inline-form">${csrfField(reply)}
  <input type="hidden" name="response" value="${r.id}"><input type="hidden" name="back" value="response">
  <label for="reason">${t(lang, 'admin.cleaning.reason')}</label> <input type="text" id="reason" name="reason" maxlength="1000" required>
  <button type="submit" name="action" value="${r.excluded ? 'restore' : 'exclude'}">${t(lang, r.excluded ? 'admin.cleaning.restore' : 'admin.cleaning.exclude', { id: r.id })}</button></form>`;
}

/** One response in full: summary, decision, flags with their reasons, every answer in words, time per page. */
export function responseView(lang: Lang, reply: FastifyReply, user: User, input: ResponseViewInput, done?: string): Html {
  const { wave, study, response: r, flags } = input;
  const inStudy = defaultLanguage(study);
  const otherLang = inStudy.split('-')[0] === lang ? null : html` lang="${inStudy}"`;
  const rows = answerRows(lang, study, r.answers);
  const pages = Object.entries(r.pageDurations ?? {})
    .map(([page, ms]) => ({ index: Number(page), ms }))
    .filter((p) => Number.isInteger(p.index) && p.index >= 0)
    .sort((a, b) => a.index - b.index);
  return html`<h1>${t(lang, 'admin.response.title', { id: r.id, wave: wave.title })}</h1>
${noticeOf(lang, done === 'exclude' ? 'admin.cleaning.excluded' : done === 'restore' ? 'admin.cleaning.restored' : undefined, ['admin.cleaning.excluded', 'admin.cleaning.restored'])}
${navigation(lang, wave, r.id, input.reviewIds)}
<h2>${t(lang, 'admin.response.summary')}</h2>
<dl class="response-summary">
  <dt>${t(lang, 'admin.response.status')}</dt><dd>${r.status === 'complete' ? t(lang, 'admin.contact.complete') : t(lang, 'admin.contact.partial')}</dd>
  <dt>${t(lang, 'admin.response.started')}</dt><dd>${when(r.startedAt, lang)}</dd>
  <dt>${t(lang, 'admin.response.completed')}</dt><dd>${when(r.completedAt, lang)}</dd>
  <dt>${t(lang, 'admin.response.duration')}</dt><dd>${r.durationMs === null ? '—' : minutes(r.durationMs, lang)}</dd>
  <dt>${t(lang, 'admin.response.language')}</dt><dd>${r.language}</dd>
  <dt>${t(lang, 'admin.response.decision')}</dt><dd id="decision">${r.excluded ? t(lang, 'admin.response.excludedBecause', { reason: r.exclusionReason ?? '—' }) : t(lang, 'admin.response.kept')}</dd>
</dl>
${can(user.role, 'analyse') ? decisionForm(lang, reply, wave, r) : null}
<h2>${t(lang, 'admin.response.flags')}</h2>
${flags.length ? html`<ul id="flags">${flags.map((f) => html`<li>${flagText(lang, f)}</li>`)}</ul>` : html`<p id="flags">${t(lang, 'admin.response.noFlag')}</p>`}
<h2>${t(lang, 'admin.response.answers')}</h2>
<div class="table-wrap"><table id="answers">
  <thead><tr><th scope="col">${t(lang, 'admin.response.question')}</th><th scope="col">${t(lang, 'admin.response.answer')}</th></tr></thead>
  <tbody>${rows.map((row) => html`<tr><th scope="row"${otherLang}>${row.question}</th><td${row.studyWords ? otherLang : null}>${row.answer.length > 1 ? html`<ul>${row.answer.map((a) => html`<li>${a}</li>`)}</ul>` : row.answer[0]}</td></tr>`)}</tbody>
</table></div>
<h2>${t(lang, 'admin.response.timings')}</h2>
${
  pages.length === 0
    ? html`<p>${t(lang, 'admin.response.noTimings')}</p>`
    : html`<div class="table-wrap"><table id="timings">
  <thead><tr><th scope="col">${t(lang, 'admin.response.page')}</th><th scope="col">${t(lang, 'admin.response.time')}</th></tr></thead>
  <tbody>${pages.map((p) => {
    const page = study.pages[p.index];
    return html`<tr><th scope="row">${p.index + 1}${page ? html` — <span${otherLang}>${labelIn(page.title, inStudy)}</span>` : null}</th><td>${t(lang, 'admin.response.seconds', { n: formatNumber(p.ms / 1000, lang, 0) })}</td></tr>`;
  })}</tbody>
</table></div>`
}`;
}

/** "See one response": a GET form by response number; the cleaning page redirects it to the viewer (the monitor shows it to analysts). */
export function responseLookupForm(lang: Lang, wave: Wave): Html {
  return html`<h2>${t(lang, 'admin.monitor.viewResponse')}</h2>
<form method="get" action="${localizedPath(lang, `/admin/waves/${wave.id}/cleaning`)}" class="inline-form">
  <label for="response-id">${t(lang, 'admin.monitor.responseId')}</label> <input type="number" id="response-id" name="response" min="1" step="1" required>
  <button type="submit" class="secondary">${t(lang, 'admin.monitor.show')}</button>
  <a href="${localizedPath(lang, `/admin/waves/${wave.id}/cleaning`)}">${t(lang, 'admin.wave.tab.cleaning')}</a>
</form>`;
}
