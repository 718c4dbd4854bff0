import { localizedPath } from '../i18n/localized-path.js';
import { t } from '../../messages/index.js';
import type { Lang } from '../../report/format/lang.js';
import { html, type Html } from './html.js';
import { PATHS } from './paths.js';

export interface HomeData {
  /** the barometer's title in the page language (the product name when no study is stored yet) */
  readonly title: string;
  readonly description?: string;
  /** the latest published wave, if any */
  readonly published?: { readonly title: string };
  /** the wave in fieldwork, if any */
  readonly fieldwork?: { readonly id: number; readonly title: string; readonly minutes: number };
}

/** The home page body: names the barometer and links to its results, the open questionnaire and the white paper. */
export function homeView(lang: Lang, data: HomeData): Html {
  const link = (path: string, label: string) => html`<p class="card-action"><a class="button" href="${localizedPath(lang, path)}">${label}</a></p>`;
  return html`<section class="hero">
  <h1>${data.title}</h1>
  <p class="lead">${data.description ?? t(lang, 'home.intro')}</p>
</section>
<div class="cards">
  <section class="card" aria-labelledby="home-results">
    <h2 id="home-results">${t(lang, 'home.results.title')}</h2>
    ${data.published
      ? html`<p>${t(lang, 'home.results.text')}</p>${link(PATHS.results, t(lang, 'home.results.link'))}`
      : html`<p>${t(lang, 'home.results.none')}</p>`}
  </section>
  <section class="card" aria-labelledby="home-survey">
    <h2 id="home-survey">${t(lang, 'home.survey.title')}</h2>
    ${data.fieldwork
      ? html`<p>${t(lang, 'home.survey.text', { wave: data.fieldwork.title, minutes: data.fieldwork.minutes })}</p>${link(PATHS.survey(data.fieldwork.id), t(lang, 'home.survey.link'))}`
      : html`<p>${t(lang, 'home.survey.none')}</p>`}
  </section>
  <section class="card" aria-labelledby="home-white-paper">
    <h2 id="home-white-paper">${t(lang, 'home.whitePaper.title')}</h2>
    ${data.published
      ? html`<p>${t(lang, 'home.whitePaper.text')}</p>${link(PATHS.whitePaper, t(lang, 'home.whitePaper.link'))}`
      : html`<p>${t(lang, 'home.results.none')}</p>`}
  </section>
</div>`;
}
