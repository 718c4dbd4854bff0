import type { Lang } from '../../../report/format/lang.js';
import type { UnitWords } from '../../../study/index.js';
import { t } from '../../../messages/index.js';
import { html, type Html } from '../html.js';

/** A polite page with a title and a text (closed wave, invalid link, already answered). */
export function noticeView(title: string, text: string, extra: Html | null = null): Html {
  return html`<section class="survey survey-notice">
  <h1>${title}</h1>
  <p>${text}</p>
  ${extra}
</section>`;
}

/**
 * The thanks page. `benchmarkUrl` is the hook for the personalised benchmark (built by its own feature):
 * the link carries the respondent's benchmark token and has the id `benchmark-link`.
 */
export function thanksView(lang: Lang, benchmarkUrl: string | undefined, already: boolean, units: UnitWords): Html {
  return noticeView(
    t(lang, already ? 'respond.already.title' : 'respond.thanks.title'),
    t(lang, already ? 'respond.already.text' : 'respond.thanks.text'),
    benchmarkUrl
      ? html`<section class="benchmark-hook" aria-labelledby="benchmark-title">
  <h2 id="benchmark-title">${t(lang, 'respond.thanks.benchmarkUnits', units)}</h2>
  <p>${t(lang, 'respond.thanks.benchmarkText')}</p>
  <p><a class="button" id="benchmark-link" href="${benchmarkUrl}">${t(lang, 'respond.thanks.benchmarkUnits', units)}</a></p>
</section>`
      : null,
  );
}
