import { formatMargin, formatNumber, formatPercent } from '../../../report/format/index.js';
import type { Lang } from '../../../report/format/lang.js';
import type { FieldworkStudy, PublishedStudy, StudyWords } from '../../routes/public/site-studies.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';
import { PATHS } from '../paths.js';
import { RESULTS_PATHS } from './results-paths.js';
import { WHITE_PAPER_PATHS } from './white-paper-paths.js';

/** Which links a published study's card offers. */
export interface CardLinks {
  readonly results: boolean;
  readonly whitePaper: boolean;
}

/** A study's text in its own language: marked with `lang` when it is not the page's. */
const studyText = (lang: Lang, words: StudyWords, text: string): Html | string => (words.lang === lang ? text : html`<span lang="${words.lang}">${text}</span>`);

/** A link whose visible text is shared by every card, told apart for screen readers by the study's title. */
const cardLink = (lang: Lang, href: string, label: string, words: StudyWords, primary: boolean) =>
  html`<a${primary ? html` class="button"` : null} href="${href}">${label}<span class="visually-hidden"> – ${studyText(lang, words, words.title)}</span></a>`;

const headingId = (prefix: string, id: string) => `${prefix}-${id.replace(/[^a-z0-9-]/g, '-')}`;

/** A published study: title, latest edition and its base, headline figures (margin of error and base), links. */
export function publishedStudyCard(lang: Lang, study: PublishedStudy, links: CardLinks, level: 2 | 3 = 3): Html {
  const id = headingId('study', study.studyId);
  const heading = level === 2 ? html`<h2 id="${id}">${studyText(lang, study, study.title)}</h2>` : html`<h3 id="${id}">${studyText(lang, study, study.title)}</h3>`;
  const edition =
    study.n === null ? t(lang, 'site.study.edition', { wave: study.wave.title }) : t(lang, 'site.study.editionBase', { wave: study.wave.title, n: formatNumber(study.n, lang) });
  const actions = [
    links.results ? cardLink(lang, RESULTS_PATHS.dashboard(lang, study.studyId), t(lang, 'site.study.results'), study, true) : null,
    links.whitePaper ? cardLink(lang, WHITE_PAPER_PATHS.page(lang, study.studyId), t(lang, 'site.study.whitePaper'), study, !links.results) : null,
  ].filter((a) => a !== null);
  return html`<li class="card study-card">
  ${heading}
  <p class="study-edition">${edition}</p>
  ${
    study.headlines.length === 0
      ? null
      : html`<ul class="headline-figures" aria-label="${t(lang, 'site.study.figures')}">
    ${study.headlines.map((f) => html`<li><strong class="figure">${formatPercent(f.estimate, lang)}</strong> ${studyText(lang, study, f.label)} <span class="figure-precision">(${t(lang, 'site.study.precision', { margin: formatMargin(f.estimate, f.ci, lang), n: formatNumber(f.n, lang) })})</span></li>`)}
  </ul>`
  }
  <p class="card-action">${actions.map((a, k) => (k === 0 ? a : html` ${a}`))}</p>
</li>`;
}

/** A wave in fieldwork: its study, the edition and length, and the questionnaire's link while it is open. */
export function fieldworkStudyCard(lang: Lang, study: FieldworkStudy): Html {
  const id = headingId(`survey-${study.wave.id}`, study.studyId);
  return html`<li class="card study-card">
  <h3 id="${id}">${studyText(lang, study, study.title)}</h3>
  <p>${t(lang, 'home.survey.text', { wave: study.wave.title, minutes: study.minutes })}</p>
  ${
    study.open
      ? html`<p class="card-action">${cardLink(lang, localizedPath(lang, PATHS.survey(study.wave.id)), t(lang, 'site.study.survey'), study, true)}</p>`
      : html`<p>${t(lang, 'site.fieldwork.closed')}</p>`
  }
</li>`;
}

/** `/resultats` or `/livre-blanc` when several studies are published: one card each, with that page's link. */
export function studiesIndexView(lang: Lang, kind: 'results' | 'whitePaper', studies: readonly PublishedStudy[]): Html {
  const links: CardLinks = { results: kind === 'results', whitePaper: kind === 'whitePaper' };
  return html`<section class="hero">
  <h1>${t(lang, kind === 'results' ? 'site.results.title' : 'site.whitePaper.title')}</h1>
  <p class="lead">${t(lang, kind === 'results' ? 'site.results.intro' : 'site.whitePaper.intro')}</p>
</section>
<ul class="cards study-list">
  ${studies.map((s) => publishedStudyCard(lang, s, links, 2))}
</ul>`;
}
