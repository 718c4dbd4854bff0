import type { FastifyReply } from 'fastify';
import type { Lang } from '../../../report/format/lang.js';
import type { User, Wave } from '../../../store/index.js';
import { t } from '../../../messages/index.js';
import { can } from '../../auth/roles.js';
import { csrfField } from '../../csrf.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html, type Html } from '../html.js';

/** The questionnaire's test link of a wave (`?test=1`: a signed-in researcher's answers, stored as tests). */
export const testLink = (lang: Lang, wave: Wave): string => localizedPath(lang, `/s/${encodeURIComponent(wave.studyId)}/${encodeURIComponent(wave.code)}?test=1`);

/** The workspace preview of a study version: `/admin/studies/:id/preview?version=N` (the latest without `version`). */
export const previewLink = (lang: Lang, studyId: string, version?: number): string =>
  localizedPath(lang, `/admin/studies/${encodeURIComponent(studyId)}/preview${version === undefined ? '' : `?version=${version}`}`);

/**
 * The wave page's preview and test section (researchers who may run waves): the preview of the wave's study
 * version, the test link while the wave is a draft or in fieldwork, how many test answers it holds, and the
 * one-click deletion (a required confirmation box, CSRF).
 */
export function testAnswersView(lang: Lang, reply: FastifyReply, user: User, wave: Wave, version: number, tests: { total: number; complete: number }): Html | null {
  if (!can(user.role, 'analyse')) return null;
  const testable = wave.status === 'draft' || wave.status === 'fieldwork';
  return html`<section aria-labelledby="test-answers-title" class="test-answers" id="test-answers">
<h2 id="test-answers-title">${t(lang, 'admin.wave.test.title')}</h2>
<ul>
  <li><a id="link-preview" href="${previewLink(lang, wave.studyId, version)}">${t(lang, 'admin.wave.test.preview')}</a></li>
  ${testable ? html`<li><a id="link-test" href="${testLink(lang, wave)}">${t(lang, 'admin.wave.test.link')}</a></li>` : null}
</ul>
<p class="hint">${t(lang, 'admin.wave.test.hint')}</p>
<p id="test-count">${t(lang, 'admin.wave.test.count', { n: tests.total, complete: tests.complete })}</p>
${
  tests.total > 0
    ? html`<form method="post" action="${localizedPath(lang, `/admin/waves/${wave.id}/tests/delete`)}" id="delete-tests">
  ${csrfField(reply)}
  <p><input type="checkbox" id="confirm-tests" name="confirm" value="yes" required>
  <label for="confirm-tests">${t(lang, 'admin.wave.test.confirm')}</label></p>
  <p><button type="submit" class="secondary">${t(lang, 'admin.wave.test.delete')}</button></p>
</form>`
    : null
}
</section>`;
}
