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

/** What the end page says: thanks right after sending, or « already answered » on a later visit (by this browser or this invitation). */
export type ThanksKind = 'thanks' | 'already' | 'alreadyInvitation';

/**
 * The end page. `benchmark` is the respondent's personalised benchmark: `path` for the link (id
 * `benchmark-link`), `absolute` in a read-only field to copy (`#benchmark-url`; the copy button appears with
 * the script), since this link is the respondent's only way back to their report.
 */
export function thanksView(lang: Lang, benchmark: { readonly path: string; readonly absolute: string } | undefined, kind: ThanksKind, units: UnitWords): Html {
  const title = t(lang, kind === 'thanks' ? 'respond.thanks.title' : 'respond.already.title');
  const text = t(lang, kind === 'thanks' ? 'respond.thanks.text' : kind === 'already' ? 'respond.already.text' : 'respond.already.invitationText');
  return noticeView(
    title,
    text,
    benchmark
      ? html`<section class="benchmark-hook" aria-labelledby="benchmark-title">
  <h2 id="benchmark-title">${t(lang, 'respond.thanks.benchmarkUnits', units)}</h2>
  <p id="benchmark-text">${t(lang, 'respond.thanks.benchmarkText')}</p>
  <p><a class="button" id="benchmark-link" href="${benchmark.path}">${t(lang, 'respond.thanks.benchmarkUnits', units)}</a></p>
  <label for="benchmark-url">${t(lang, 'respond.thanks.linkLabel')}</label>
  <div class="resume-row"><input type="text" id="benchmark-url" readonly value="${benchmark.absolute}" aria-describedby="benchmark-text"><button type="button" class="secondary" data-copy="benchmark-url" hidden>${t(lang, 'respond.resume.copy')}</button></div>
  <p class="copy-status" role="status" data-copied="${t(lang, 'respond.resume.copied')}"></p>
</section>`
      : null,
  );
}
