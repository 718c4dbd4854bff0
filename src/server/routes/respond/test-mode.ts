import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User, Wave } from '../../../store/index.js';
import { t } from '../../../messages/index.js';
import { can } from '../../auth/roles.js';
import { LOGIN_PATH } from '../../auth/require-user.js';
import { readSessionCookie } from '../../auth/session-cookie.js';
import { resumeSession } from '../../auth/sessions.js';
import { localizedPath } from '../../i18n/localized-path.js';
import { html } from '../../views/html.js';
import { noticeView } from '../../views/respond/notice-view.js';
import { previewLink, testLink } from '../../views/admin/test-answers-view.js';
import { sendPage } from '../../views/send-page.js';
import { isTestable } from './resolve-access.js';

/**
 * Test mode of the questionnaire (issue 16 part 2). `/s/STUDY/WAVE?test=1` answers a draft or open wave as a
 * respondent would, for a signed-in researcher (a role that may run waves: owner or analyst); the response is
 * stored marked as a test (`responses.test`), which nothing counted ever reads, and the wave's page deletes
 * such answers in one click. Without such a session the test link says to sign in (403) and stores nothing.
 * A closed link (a draft wave, dates outside the window) tells such a researcher, and only them, how to
 * preview and test it.
 */
export const asksTest = (request: FastifyRequest): boolean => (request.query as Record<string, unknown> | undefined)?.test === '1';

/** The signed-in user of the workspace when their role may run waves (owner, analyst); never anyone else. */
export async function testingResearcher(request: FastifyRequest): Promise<User | undefined> {
  const { store, config } = request.server;
  const user = await resumeSession(store, readSessionCookie(request, config.secureCookies));
  return user && can(user.role, 'analyse') ? user : undefined;
}

/** 403: the test link without a researcher's session; says to sign in, with the way back here. */
export function sendTestSignIn(request: FastifyRequest, reply: FastifyReply) {
  const lang = request.lang;
  const title = t(lang, 'respond.test.signIn.title');
  const login = `${localizedPath(lang, LOGIN_PATH)}?next=${encodeURIComponent(request.url)}`;
  const extra = html`<p><a class="button" id="test-sign-in" href="${login}">${t(lang, 'respond.test.signIn.link')}</a></p>`;
  return sendPage(request, reply, { title, body: noticeView(title, t(lang, 'respond.test.signIn.text'), extra), status: 403, chrome: 'minimal' });
}

/** The closed notice as respondents see it, then, for the signed-in researcher only, the preview, test and wave links. */
export async function sendClosedToResearcher(request: FastifyRequest, reply: FastifyReply, wave: Wave) {
  const lang = request.lang;
  const title = t(lang, 'respond.closed.title');
  const version = (await request.server.store.studies.getVersionById(wave.studyVersionId))?.version;
  const extra = html`<section class="owner-help" id="owner-help" aria-labelledby="owner-help-title">
  <h2 id="owner-help-title">${t(lang, 'respond.owner.title')}</h2>
  <p>${t(lang, 'respond.owner.intro')}</p>
  <ul>
    ${version === undefined ? null : html`<li><a id="owner-preview" href="${previewLink(lang, wave.studyId, version)}">${t(lang, 'respond.owner.preview')}</a></li>`}
    ${isTestable(wave) ? html`<li><a id="owner-test" href="${testLink(lang, wave)}">${t(lang, 'respond.owner.test')}</a></li>` : null}
    <li><a id="owner-wave" href="${localizedPath(lang, `/admin/waves/${wave.id}`)}">${t(lang, 'respond.owner.wave')}</a></li>
  </ul>
</section>`;
  reply.header('cache-control', 'no-store');
  return sendPage(request, reply, { title, body: noticeView(title, t(lang, 'respond.closed.text', { wave: wave.title }), extra), chrome: 'minimal' });
}
