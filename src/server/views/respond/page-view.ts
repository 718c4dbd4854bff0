import { type Answers, type Question, type Study, labelIn, type LanguageTag } from '../../../study/index.js';
import { interfaceLanguage, languageName, t } from '../../../messages/index.js';
import { attrs, html, type Html } from '../html.js';
import type { FormValues } from './form-values.js';
import { fieldAnchor, fieldLabel, questionView } from './question-view.js';

/** One field error as the page shows it. */
export interface PageError {
  readonly field: string;
  readonly question: string;
  readonly message: string;
}

export interface PageViewData {
  readonly lang: LanguageTag;
  readonly study: Study;
  readonly page: number;
  /** the form's action (the questionnaire URL with its token or resume id, in the page's language) */
  readonly action: string;
  /** the same URL in each other language of the study, for the language switch that keeps the answers */
  readonly langActions: readonly { readonly lang: LanguageTag; readonly action: string }[];
  readonly csrf: Html;
  readonly submissionId: string;
  readonly shownAt: string;
  readonly progress: { readonly current: number; readonly total: number };
  readonly values: FormValues;
  readonly errors: readonly PageError[];
  /** question name -> shown (the display logic given what is known) */
  readonly visible: ReadonlySet<string>;
  /** the page's questions as shown: options and items narrowed by carry forward, those left empty out (default: the page's) */
  readonly questions?: readonly Question[];
  /** answers of earlier pages that this page's conditions read (for the browser script) */
  readonly conditionAnswers: Answers;
  /** the start page: purpose, duration, privacy notice before the first page's questions */
  readonly start: boolean;
  /** an open-link respondent's resume link (absolute or path) */
  readonly resumeUrl?: string;
  readonly notice?: string;
  /** the respondent's order of each randomised question of the page (question name -> option codes or item names) */
  readonly orders?: ReadonlyMap<string, readonly string[]>;
}

/** The error summary at the top: linked to each field, focused on load (autofocus, and the script). */
export function errorSummary(lang: LanguageTag, errors: readonly { href: string; text: string }[]): Html | null {
  if (errors.length === 0) return null;
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${t(interfaceLanguage(lang), 'respond.errors.title')}</h2>
  <p>${t(interfaceLanguage(lang), 'respond.errors.intro')}</p>
  <ul>${errors.map((e) => html`<li><a href="${e.href}">${e.text}</a></li>`)}</ul>
</div>`;
}

function startIntro(lang: LanguageTag, study: Study): Html {
  return html`<div class="survey-intro">
  <p class="lead">${labelIn(study.description, lang)}</p>
  <p>${t(interfaceLanguage(lang), 'respond.start.duration', { minutes: study.estimatedMinutes })} ${t(interfaceLanguage(lang), 'respond.start.save')}</p>
  <section class="privacy-notice" aria-labelledby="privacy-title">
    <h2 id="privacy-title">${t(interfaceLanguage(lang), 'respond.start.privacy')}</h2>
    <p>${labelIn(study.privacyNotice, lang)}</p>
  </section>
</div>`;
}

function resumeBox(lang: LanguageTag, url: string): Html {
  return html`<section class="resume-box" aria-labelledby="resume-title">
  <h2 id="resume-title">${t(interfaceLanguage(lang), 'respond.resume.title')}</h2>
  <p id="resume-text">${t(interfaceLanguage(lang), 'respond.resume.text')}</p>
  <label for="resume-link">${t(interfaceLanguage(lang), 'respond.resume.label')}</label>
  <div class="resume-row"><input type="text" id="resume-link" readonly value="${url}" aria-describedby="resume-text"><button type="button" class="secondary" data-copy="resume-link" hidden>${t(interfaceLanguage(lang), 'respond.resume.copy')}</button></div>
  <p class="copy-status" role="status" data-copied="${t(interfaceLanguage(lang), 'respond.resume.copied')}"></p>
</section>`;
}

/** A questionnaire page: progress, the page's questions, previous / next, the honeypot and the hidden submission id. */
export function pageView(d: PageViewData): Html {
  const { lang, study } = d;
  const page = study.pages[d.page]!;
  const errorsByField = new Map(d.errors.map((e) => [e.field, e.message]));
  const questionOf = new Map((d.questions ?? page.questions).map((q) => [q.name, q]));
  const summary = errorSummary(
    lang,
    d.errors.map((e) => {
      const q = questionOf.get(e.question);
      return {
        href: `#${q ? fieldAnchor(q, e.field) : 'main'}`,
        text: q ? `${fieldLabel(q, e.field, lang)} — ${e.message}` : e.message,
      };
    }),
  );
  const form = attrs({
    method: 'post',
    action: d.action,
    class: 'survey-form',
    novalidate: true,
    'data-answers': JSON.stringify(d.conditionAnswers),
  });
  return html`<div class="survey">
<h1>${d.start ? labelIn(study.title, lang) : labelIn(page.title, lang)}</h1>
${d.start ? startIntro(lang, study) : null}
<p class="progress" id="progress">${t(interfaceLanguage(lang), 'respond.progress', d.progress)}</p>
<progress class="progress-bar" max="${d.progress.total}" value="${d.progress.current}" aria-labelledby="progress"></progress>
${summary}
${d.notice ? html`<p class="notice" role="status">${d.notice}</p>` : null}
<form${form}>
  ${d.csrf}
  <input type="hidden" name="_sid" value="${d.submissionId}">
  <input type="hidden" name="_page" value="${d.page}">
  <input type="hidden" name="_shown" value="${d.shownAt}">
  <div class="hp-field" aria-hidden="true"><label for="hp-website">Website</label><input type="text" id="hp-website" name="hp-website" tabindex="-1" autocomplete="off"></div>
  ${d.start ? html`<h2>${labelIn(page.title, lang)}</h2>` : null}
  ${page.intro ? html`<p class="page-intro">${labelIn(page.intro, lang)}</p>` : null}
  ${(d.questions ?? page.questions).map((q) => questionView(q, { lang, values: d.values, errors: errorsByField, hidden: !d.visible.has(q.name) && !errorsByField.has(q.name), order: d.orders?.get(q.name) }))}
  <div class="survey-actions">
    ${d.page > 0 ? html`<button type="submit" name="_action" value="previous" class="secondary" formnovalidate>${t(interfaceLanguage(lang), 'respond.previous')}</button>` : null}
    <button type="submit" name="_action" value="next" class="primary">${d.start ? t(interfaceLanguage(lang), 'respond.start.begin') : t(interfaceLanguage(lang), 'respond.next')}</button>
  </div>
  ${
    d.langActions.length === 0
      ? null
      : html`<p class="lang-continue" role="group" aria-label="${t(interfaceLanguage(lang), 'respond.lang.label')}">${d.langActions.map(
          (other) =>
            html`<button type="submit" name="_action" value="lang" class="link-button" formaction="${other.action}" lang="${other.lang}" formnovalidate>${languageName(other.lang)}</button> `,
        )}</p>`
  }
</form>
${d.resumeUrl ? resumeBox(lang, d.resumeUrl) : null}
</div>`;
}
