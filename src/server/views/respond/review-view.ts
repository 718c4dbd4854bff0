import {
  answerKeys,
  isVisible,
  numbersItemKey,
  orderKey,
  otherKey,
  rankKey,
  shownQuestion,
  textGridCells,
  type Answers,
  type Question,
  type Study,
  labelIn,
  type Label,
  type LanguageTag,
} from '../../../study/index.js';
import { interfaceLanguage, t } from '../../../messages/index.js';
import { attrs, html, type Html } from '../html.js';
import { answerNumber } from './form-values.js';
import { errorSummary } from './page-view.js';

/** The label of a found option or item, in a language; undefined when none was found. */
const labelOf = (found: { readonly label: Label } | undefined, lang: string) => (found ? labelIn(found.label, lang) : undefined);

export interface ReviewViewData {
  readonly lang: LanguageTag;
  readonly study: Study;
  readonly answers: Answers;
  /** shown pages, in order */
  readonly pages: readonly number[];
  readonly action: string;
  /** the URL of page p (to change its answers) */
  readonly pageUrl: (page: number) => string;
  readonly csrf: Html;
  readonly submissionId: string;
  readonly shownAt: string;
  readonly progress: { readonly current: number; readonly total: number };
  readonly resume?: Html | null;
}

function optionLabel(q: Question, code: number, lang: LanguageTag): string {
  const options =
    q.kind === 'single' || q.kind === 'multiple'
      ? [...q.options, ...(q.other ? [q.other] : [])]
      : q.kind === 'scale' || q.kind === 'matrix'
        ? [...q.points, ...(q.dontKnow ? [q.dontKnow] : [])]
        : [];
  return (
    labelOf(
      options.find((o) => o.code === code),
      lang,
    ) ?? String(code)
  );
}

/** A day in words in the respondent's language ("31 March 2026"); the ISO text when the language has no calendar words. */
function reviewDate(iso: string, lang: LanguageTag): string {
  try {
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  } catch {
    return iso;
  }
}

/** The answer to a question (or a matrix item) in words. */
function answerText(q: Question, key: string, answers: Answers, lang: LanguageTag): string | undefined {
  const value = answers[key];
  if (value === undefined) return undefined;
  if (q.kind === 'consent') return value === true ? t(interfaceLanguage(lang), 'consent.yes') : undefined;
  if (q.kind === 'number' || q.kind === 'numbers') return `${typeof value === 'number' ? answerNumber(value, lang) : String(value)}${q.unit ? ` ${labelIn(q.unit, lang)}` : ''}`;
  if (q.kind === 'text' || q.kind === 'textgrid') return String(value);
  if (q.kind === 'date') return typeof value === 'string' ? reviewDate(value, lang) : String(value);
  const codes = Array.isArray(value) ? value : [value as number];
  const other = answers[otherKey(q.name)];
  return codes.map((c) => optionLabel(q, c, lang)).join(', ') + (typeof other === 'string' ? ` (${other})` : '');
}

/** Whether any answer of the question is stored (the recorded order of a randomised question is not an answer). */
const hasAnswer = (q: Question, answers: Answers) => answerKeys(q).some((k) => k !== orderKey(q.name) && answers[k] !== undefined);

/** A ranking in words: "1. Safety, 2. Transport", in rank order. */
function rankingText(q: Extract<Question, { kind: 'ranking' }>, answers: Answers, lang: LanguageTag): string | undefined {
  const ranked = q.options.flatMap((o) => {
    const rank = answers[rankKey(q.name, o.code)];
    return typeof rank === 'number' ? [{ rank, label: labelIn(o.label, lang) }] : [];
  });
  if (ranked.length === 0) return undefined;
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .map((r) => `${r.rank}. ${r.label}`)
    .join(', ');
}

function rows(q: Question, answers: Answers, lang: LanguageTag): Html[] {
  const none = t(interfaceLanguage(lang), 'respond.review.none');
  if (q.kind === 'info') return [];
  if (q.kind === 'ranking') return [html`<dt>${labelIn(q.text, lang)}</dt><dd>${rankingText(q, answers, lang) ?? none}</dd>`];
  if (q.kind === 'matrix') {
    return q.items.map((item) => html`<dt>${labelIn(q.text, lang)} — ${labelIn(item.label, lang)}</dt><dd>${answerText(q, item.name, answers, lang) ?? none}</dd>`);
  }
  if (q.kind === 'numbers') {
    return q.items.map((item) => {
      const key = numbersItemKey(q, item);
      return html`<dt>${labelIn(q.text, lang)} — ${labelIn(item.label, lang)}</dt><dd>${answerText(q, key, answers, lang) ?? none}</dd>`;
    });
  }
  if (q.kind === 'textgrid') {
    return textGridCells(q).map(
      (cell) =>
        html`<dt>${labelIn(q.text, lang)} — ${labelIn(cell.row.label, lang)} — ${labelIn(cell.column.label, lang)}</dt><dd>${answerText(q, cell.key, answers, lang) ?? none}</dd>`,
    );
  }
  if (!hasAnswer(q, answers) && !q.required) return [html`<dt>${labelIn(q.text, lang)}</dt><dd>${none}</dd>`];
  return [html`<dt>${labelIn(q.text, lang)}</dt><dd>${answerText(q, q.name, answers, lang) ?? none}</dd>`];
}

/** The review before sending: every shown page's answers with a link to change them, then the send button. */
export function reviewView(d: ReviewViewData, errors: readonly { href: string; text: string }[] = []): Html {
  const { lang, study } = d;
  const form = attrs({ method: 'post', action: d.action, class: 'survey-form' });
  return html`<div class="survey">
<h1>${t(interfaceLanguage(lang), 'respond.review.title')}</h1>
<p class="progress" id="progress">${t(interfaceLanguage(lang), 'respond.progress', d.progress)}</p>
<progress class="progress-bar" max="${d.progress.total}" value="${d.progress.current}" aria-labelledby="progress"></progress>
${errorSummary(lang, errors)}
<p>${t(interfaceLanguage(lang), 'respond.review.intro')}</p>
${d.pages.map((p) => {
  const page = study.pages[p]!;
  // the questions the respondent was shown (display logic, page condition, carry forward), with the items kept
  const shown = page.questions.filter((q) => isVisible(q, d.answers, study)).flatMap((q) => shownQuestion(study, q, d.answers) ?? []);
  return html`<section class="review-page" aria-labelledby="${`review-${page.id}`}">
  <h2 id="${`review-${page.id}`}">${labelIn(page.title, lang)}</h2>
  <dl>${shown.flatMap((q) => rows(q, d.answers, lang))}</dl>
  <p><a class="button secondary" href="${d.pageUrl(p)}">${t(interfaceLanguage(lang), 'respond.review.edit', { page: labelIn(page.title, lang) })}</a></p>
</section>`;
})}
<form${form}>
  ${d.csrf}
  <input type="hidden" name="_sid" value="${d.submissionId}">
  <input type="hidden" name="_page" value="review">
  <input type="hidden" name="_shown" value="${d.shownAt}">
  <div class="hp-field" aria-hidden="true"><label for="hp-website">Website</label><input type="text" id="hp-website" name="hp-website" tabindex="-1" autocomplete="off"></div>
  <div class="survey-actions">
    <button type="submit" name="_action" value="previous" class="secondary">${t(interfaceLanguage(lang), 'respond.previous')}</button>
    <button type="submit" name="_action" value="finish" class="primary">${t(interfaceLanguage(lang), 'respond.review.submit')}</button>
  </div>
</form>
${d.resume ?? null}
</div>`;
}
