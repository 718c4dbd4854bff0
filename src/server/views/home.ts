import { t } from '../../messages/index.js';
import type { Lang } from '../../report/format/lang.js';
import type { SiteStudies } from '../routes/public/site-studies.js';
import { html, type Html } from './html.js';
import { fieldworkStudyCard, publishedStudyCard } from './public/study-cards.js';

export interface HomeData extends SiteStudies {
  /** the page's heading: the one study's title when the site shows one study, else the product name */
  readonly title: string;
  readonly description?: string;
  /** the BCP 47 tag of title and description when it differs from the page's */
  readonly titleLang?: string;
}

/**
 * The home page body: the studies with a published wave (latest edition, headline figures, links to the
 * results and the white paper), then the waves in fieldwork (with the questionnaire's link while open).
 */
export function homeView(lang: Lang, data: HomeData): Html {
  const own = data.titleLang ? html` lang="${data.titleLang}"` : null;
  return html`<section class="hero">
  <h1${own}>${data.title}</h1>
  <p class="lead"${data.description ? own : null}>${data.description ?? t(lang, 'site.home.intro')}</p>
</section>
<section class="home-section" aria-labelledby="home-results">
  <h2 id="home-results">${t(lang, 'site.published.title')}</h2>
  ${
    data.published.length === 0
      ? html`<p>${t(lang, 'site.published.none')}</p>`
      : html`<ul class="cards study-list">${data.published.map((s) => publishedStudyCard(lang, s, { results: true, whitePaper: true }))}</ul>`
  }
</section>
<section class="home-section" aria-labelledby="home-survey">
  <h2 id="home-survey">${t(lang, 'site.fieldwork.title')}</h2>
  ${
    data.fieldwork.length === 0 ? html`<p>${t(lang, 'site.fieldwork.none')}</p>` : html`<ul class="cards study-list">${data.fieldwork.map((s) => fieldworkStudyCard(lang, s))}</ul>`
  }
</section>`;
}
