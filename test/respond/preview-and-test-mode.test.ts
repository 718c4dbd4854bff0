/**
 * Preview and test mode (issue 16 part 2), through app.inject: the workspace preview of a study version (no wave,
 * nothing stored, researchers only, framed by the workspace alone), the test link of a wave (a signed-in
 * researcher's answers stored as tests, never counted), its one-click deletion (CSRF, confirmation, audit),
 * and the draft link that tells a signed-in researcher, and nobody else, how to preview and test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { t, type Lang } from '../../src/messages/index.js';
import type { Wave } from '../../src/store/index.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { HOUSEHOLD_STUDY, HOUSEHOLD_STUDY_ID } from '../fixtures/household-study.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { InjectClient, type Page } from './inject-client.js';

/** html.ts escapes these; the messages hold none but the apostrophe */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');

describe('preview and test mode', () => {
  let admin: AdminTestApp;
  let draft: Wave;
  let open: Wave;
  /** a client signed in with a role */
  const clients = new Map<string, InjectClient>();
  const csrfOf = new Map<string, string>();
  const as = (role: string) => clients.get(role)!;

  before(async () => {
    admin = await startAdminApp(TEST_DATABASES[0]!);
    const { studyVersion } = await admin.store.studies.saveVersion(HOUSEHOLD_STUDY_ID, HOUSEHOLD_STUDY as never);
    draft = await admin.store.waves.create({ studyId: HOUSEHOLD_STUDY_ID, code: 'D1', studyVersionId: studyVersion.id, title: 'Vague en préparation', status: 'draft' });
    open = await admin.store.waves.create({ studyId: HOUSEHOLD_STUDY_ID, code: 'F1', studyVersionId: studyVersion.id, title: 'Vague ouverte', status: 'fieldwork' });
    for (const role of ['owner', 'analyst', 'viewer'] as const) {
      await addUser(admin.store, `${role}@example.org`, role);
      const session = await signIn(admin.app, `${role}@example.org`);
      const client = new InjectClient(admin.app);
      for (const [k, v] of session.jar) client.cookies.set(k, v);
      clients.set(role, client);
      csrfOf.set(role, session.csrf);
    }
    clients.set('anonymous', new InjectClient(admin.app));
  });
  after(() => admin.close());

  describe('the link of a draft wave', () => {
    it('says the questionnaire is closed to everyone, and nothing more to respondents and viewers', async () => {
      for (const who of ['anonymous', 'viewer']) {
        const page = await as(who).get(`/s/${HOUSEHOLD_STUDY_ID}/D1`);
        assert.equal(page.status, 200);
        assert.ok(page.body.includes(escaped(t('fr', 'respond.closed.title'))));
        assert.ok(!page.body.includes('owner-help'), `${who} sees no researcher help`);
        assert.ok(!page.body.includes('test=1'), `${who} sees no test link`);
        assert.ok(!page.body.includes('/preview'), `${who} sees no preview link`);
      }
    });

    for (const lang of ['fr', 'en', 'de', 'es'] as const) {
      it(`tells a signed-in owner how to preview and test it (${lang})`, async () => {
        const prefix = lang === 'fr' ? '' : `/${lang}`;
        const page = await as('owner').get(`${prefix}/s/${HOUSEHOLD_STUDY_ID}/D1`);
        assert.equal(page.status, 200);
        assert.ok(page.body.includes(escaped(t(lang as Lang, 'respond.closed.title'))), 'the respondents’ message first');
        assert.ok(page.body.includes(escaped(t(lang as Lang, 'respond.owner.title'))));
        assert.ok(page.body.includes(escaped(t(lang as Lang, 'respond.owner.test'))));
        assert.ok(page.body.includes(`href="${prefix}/s/${HOUSEHOLD_STUDY_ID}/D1?test=1"`), 'the test link');
        assert.ok(page.body.includes(`href="${prefix}/admin/studies/${HOUSEHOLD_STUDY_ID}/preview?version=1"`), 'the preview link');
        assert.ok(page.body.includes(`href="${prefix}/admin/waves/${draft.id}"`), 'the wave’s page');
        assert.equal(page.headers['cache-control'], 'no-store');
      });
    }
  });

  describe('the test link', () => {
    it('asks to sign in, with a 403, and stores nothing, for anyone but a researcher who may run waves', async () => {
      for (const who of ['anonymous', 'viewer']) {
        const page = await as(who).get(`/s/${HOUSEHOLD_STUDY_ID}/D1?test=1`);
        assert.equal(page.status, 403);
        assert.ok(page.body.includes(escaped(t('fr', 'respond.test.signIn.text'))));
        assert.ok(page.body.includes('id="test-sign-in"'));
        const posted = await as(who).post(`/s/${HOUSEHOLD_STUDY_ID}/D1?test=1`, [
          ['_sid', 'a'.repeat(20)],
          ['_page', '0'],
          ['tenure', '1'],
        ]);
        assert.equal(posted.status, 403);
      }
      assert.deepEqual(await admin.store.responses.countTests(draft.id), { total: 0, complete: 0 });
    });

    /** Answers the household study to the end through the test link of a wave. */
    async function answerAll(client: InjectClient, code: string): Promise<Page> {
      let page = await client.get(`/s/${HOUSEHOLD_STUDY_ID}/${code}?test=1`);
      assert.equal(page.status, 200);
      assert.ok(page.body.includes('id="test-banner"'), 'every page says it is a test');
      assert.ok(page.action?.includes('test=1'), 'the form keeps the test link');
      page = await client.submit(page, [
        ['tenure', '1'],
        ['heating', '2'],
      ]);
      assert.ok(page.body.includes('id="test-banner"'));
      // display logic: no car, so no engine question; the scale is required
      const refused = await client.submit(page, [['has_car', '2']]);
      assert.equal(refused.posted?.location.includes('test=1'), true);
      assert.ok(refused.body.includes('error-summary'), 'the same validation as the questionnaire');
      page = await client.submit(refused, [
        ['has_car', '2'],
        ['satisfaction', '3'],
      ]);
      page = await client.submit(page, [['household_contact', 'Essai']]);
      assert.ok(page.url?.includes('p=review'));
      return client.submit(page, [], 'finish');
    }

    it('stores a researcher’s answers to a draft wave as tests, never counted', async () => {
      const done = await answerAll(as('owner'), 'D1');
      assert.ok(done.url?.includes('p=done'));
      assert.deepEqual(await admin.store.responses.countTests(draft.id), { total: 1, complete: 1 });
      assert.deepEqual(await admin.store.responses.countByStatus(draft.id), { partial: 0, complete: 0, excluded: 0 });
      assert.equal((await admin.store.responses.list(draft.id)).length, 0);
    });

    it('starts a new test on the next visit, and never resumes it through the respondents’ link', async () => {
      const again = await as('owner').get(`/s/${HOUSEHOLD_STUDY_ID}/D1?test=1`);
      assert.ok(again.url?.includes('p=0') && again.body.includes('name="tenure"'), 'a new test from the first page');
      const respondent = await as('owner').get(`/s/${HOUSEHOLD_STUDY_ID}/F1`);
      assert.ok(respondent.body.includes('name="tenure"') && !respondent.body.includes('id="test-banner"'));
      // an analyst tests the open wave too; its real counts stay empty
      await answerAll(as('analyst'), 'F1');
      assert.deepEqual(await admin.store.responses.countTests(open.id), { total: 1, complete: 1 });
      assert.equal(await admin.store.responses.count(open.id), 0);
    });

    it('is refused on a closed wave, like the respondents’ link', async () => {
      const closed = await admin.store.waves.create({ studyId: HOUSEHOLD_STUDY_ID, code: 'C1', studyVersionId: draft.studyVersionId, title: 'Close', status: 'closed' });
      const page = await as('owner').get(`/s/${HOUSEHOLD_STUDY_ID}/${closed.code}?test=1`);
      assert.equal(page.status, 200);
      assert.ok(!page.body.includes('name="_sid"'));
      assert.ok(!page.body.includes('id="owner-test"'), 'no test link for a wave that takes no answers');
    });
  });

  describe('deleting test answers', () => {
    const url = () => `/admin/waves/${draft.id}/tests/delete`;
    const post = (who: string, fields: Record<string, string>) =>
      admin.app.inject({
        method: 'POST',
        url: url(),
        headers: { cookie: cookieHeader(as(who).cookies), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });

    it('shows the count, the preview and test links on the wave page', async () => {
      const page = await as('owner').get(`/admin/waves/${draft.id}`);
      assert.ok(page.body.includes('id="test-count"'));
      assert.ok(page.body.includes(escaped(t('fr', 'admin.wave.test.count', { n: 1, complete: 1 }))));
      assert.ok(page.body.includes(`href="/admin/studies/${HOUSEHOLD_STUDY_ID}/preview?version=1"`));
      assert.ok(page.body.includes(`href="/s/${HOUSEHOLD_STUDY_ID}/D1?test=1"`));
      assert.ok(page.body.includes('id="delete-tests"'));
      const viewer = await as('viewer').get(`/admin/waves/${draft.id}`);
      assert.ok(!viewer.body.includes('id="test-answers"'), 'viewers get no test section');
    });

    it('refuses without the CSRF token, without confirmation, and for a viewer', async () => {
      assert.equal((await post('owner', { confirm: 'yes' })).statusCode, 403);
      assert.equal((await post('owner', { _csrf: csrfOf.get('owner')! })).statusCode, 400);
      assert.equal((await post('viewer', { _csrf: csrfOf.get('viewer')!, confirm: 'yes' })).statusCode, 403);
      assert.deepEqual(await admin.store.responses.countTests(draft.id), { total: 1, complete: 1 });
    });

    it('deletes them in one click, audited, leaving other waves’ tests', async () => {
      const reply = await post('owner', { _csrf: csrfOf.get('owner')!, confirm: 'yes' });
      assert.equal(reply.statusCode, 303);
      assert.equal(reply.headers.location, `/admin/waves/${draft.id}?done=testsDeleted`);
      assert.deepEqual(await admin.store.responses.countTests(draft.id), { total: 0, complete: 0 });
      assert.deepEqual(await admin.store.responses.countTests(open.id), { total: 1, complete: 1 });
      const [entry] = await admin.store.auditLog.list({ action: 'wave.tests.delete' });
      assert.equal(entry?.target, `wave:${draft.id}`);
      assert.deepEqual(entry?.details, { deleted: 1 });
    });
  });

  describe('the preview of a study version', () => {
    const base = `/admin/studies/${HOUSEHOLD_STUDY_ID}/preview`;

    it('is for signed-in researchers who may run waves only', async () => {
      const anonymous = await admin.app.inject({ url: base });
      assert.equal(anonymous.statusCode, 303);
      assert.ok(String(anonymous.headers.location).includes('/admin/login'));
      const questionnaire = await admin.app.inject({ url: `${base}/questionnaire?version=1` });
      assert.equal(questionnaire.statusCode, 303);
      assert.ok(String(questionnaire.headers.location).includes('/admin/login'));
      assert.equal((await as('viewer').get(base)).status, 403);
      assert.equal((await as('viewer').get(`${base}/questionnaire`)).status, 403);
      assert.equal((await as('analyst').get(base)).status, 200);
    });

    it('is linked from the study page, for the latest version and for each one', async () => {
      const page = await as('owner').get(`/admin/studies/${HOUSEHOLD_STUDY_ID}`);
      assert.ok(page.body.includes(`id="study-preview" href="${base}"`));
      assert.ok(page.body.includes(`href="${base}?version=1"`));
      const viewer = await as('viewer').get(`/admin/studies/${HOUSEHOLD_STUDY_ID}`);
      assert.ok(!viewer.body.includes('/preview'), 'not for viewers, who may not open it');
    });

    it('frames the questionnaire at phone and desktop widths, in each language of the study', async () => {
      const phone = await as('owner').get(base);
      assert.equal(phone.status, 200);
      assert.match(
        phone.body,
        /<iframe id="preview-frame" class="preview-frame preview-phone" src="\/admin\/studies\/household-energy\/preview\/questionnaire\?version=1&amp;lang=fr" width="360"/,
      );
      assert.ok(phone.body.includes('hreflang="en"'), 'the language switch');
      const desktop = await as('owner').get(`${base}?version=1&lang=en&width=desktop`);
      assert.match(desktop.body, /class="preview-frame preview-desktop" src="\/en\/admin\/studies\/household-energy\/preview\/questionnaire\?version=1&amp;lang=en"/);
      const english = await as('owner').get(`/en${base}/questionnaire?version=1&lang=en`);
      assert.equal(english.status, 200);
      assert.ok(english.body.includes('Do you own or rent your home?'));
      assert.match(String(english.headers['content-security-policy']), /frame-ancestors 'self'/);
      assert.equal(english.headers['x-frame-options'], 'SAMEORIGIN');
      // the workspace page itself is never framed
      assert.match(String(phone.headers['content-security-policy']), /frame-ancestors 'none'/);
    });

    it('runs the questionnaire’s page flow, display logic and checks, and stores nothing', async () => {
      const client = as('owner');
      let page = await client.get(`${base}/questionnaire?version=1&lang=fr`);
      assert.ok(page.body.includes('id="preview-banner"'));
      assert.ok(page.body.includes('/respond/logic.js'), 'the display logic script');
      const missing = await client.submit(page, [['heating', '2']]);
      assert.equal(missing.status, 400);
      assert.ok(missing.body.includes('error-summary'), 'a missing required answer is refused');
      page = await client.submit(missing, [
        ['tenure', '2'],
        ['heating', '2'],
      ]);
      assert.ok(page.url?.includes('p=1'), page.url);
      assert.ok(page.body.includes('name="has_car"'));
      // switch to English on the same page, the answers kept
      const englishAction = /formaction="([^"]+)" lang="en"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
      assert.equal(englishAction, `/en${base}/questionnaire?version=1&lang=en`);
      const switched = await client.post(englishAction!, [...Object.entries(page.hidden), ['has_car', '1'], ['_action', 'lang']]);
      assert.equal(switched.status, 303);
      page = await client.get(switched.headers.location as string);
      assert.ok(page.url?.startsWith(`/en${base}/questionnaire?version=1&lang=en&p=1`), page.url);
      assert.ok(page.body.includes('Do you have a car?'), 'the same page in English');
      assert.match(page.body, /name="has_car" value="1"[^>]* checked/, 'the answer kept across the switch');
      assert.ok(page.body.includes('What kind of engine?'), 'the engine question is shown: has a car');
      const noEngine = await client.submit(page, [
        ['has_car', '1'],
        ['satisfaction', '3'],
      ]);
      assert.equal(noEngine.status, 400, 'the engine question is required once shown');
      page = await client.submit(noEngine, [
        ['has_car', '1'],
        ['car_type', '3'],
        ['satisfaction', '3'],
      ]);
      page = await client.submit(page, [['household_contact', '']]);
      assert.ok(page.url?.includes('p=review'), page.url);
      assert.ok(page.body.includes('Electric'));
      const done = await client.submit(page, [], 'finish');
      assert.ok(done.url?.includes('p=done'));
      assert.ok(done.body.includes(escaped(t('en', 'admin.preview.done.text'))));
      for (const wave of [draft, open]) assert.equal(await admin.store.responses.count(wave.id), 0);
      assert.deepEqual(await admin.store.responses.countTests(draft.id), { total: 0, complete: 0 });
      // the end forgot the answers: the preview starts again on the first page
      const again = await client.get(`${base}/questionnaire?version=1&lang=fr`);
      assert.ok(again.url?.includes('p=0'));
    });

    it('refuses its posts without the CSRF token', async () => {
      const client = as('owner');
      const page = await client.get(`${base}/questionnaire?version=1&lang=fr`);
      const fields = Object.entries(page.hidden).filter(([k]) => k !== '_csrf');
      const posted = await client.post(page.action!, [...fields, ['tenure', '1'], ['heating', '1'], ['_action', 'next']]);
      assert.equal(posted.status, 403);
      const restart = await client.post(`${base}/restart?version=1`, []);
      assert.equal(restart.status, 403);
    });

    it('says so for an unknown study or version', async () => {
      assert.equal((await as('owner').get(`/admin/studies/no-such-study/preview`)).status, 404);
      assert.equal((await as('owner').get(`${base}?version=9`)).status, 404);
    });
  });
});
