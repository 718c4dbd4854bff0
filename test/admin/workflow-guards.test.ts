/**
 * Guards on a wave's workflow (issue 19, part 3) and the wave page's links (part 7), on every database:
 * dates checked before opening or mailing (with a form to fix them), reopening clears a past closing date,
 * close / publish / unpublish confirmed first, publication refused below PUBLISH_MIN_COMPLETES with a
 * preview of the public figures, and a published wave whose responses were all excluded still answers with
 * a page that says why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { installBuiltInStudies } from '../../src/analysis/install-built-in-studies.js';
import { generateDemo } from '../../src/demo/index.js';
import { hashToken, newToken } from '../../src/server/token.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const STUDY = 'social-media-barometer';
const DAY = 86_400_000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

for (const database of TEST_DATABASES) {
  describe(`workflow guards [${database.name}]`, () => {
    let t: AdminTestApp;
    let smtp: SmtpCapture;
    let session: { jar: Map<string, string>; csrf: string };
    let versionId: number;
    let serial = 0;

    const post = (url: string, fields: Record<string, string>, lang = '') =>
      t.app.inject({
        method: 'POST',
        url: `${lang}${url}`,
        headers: { ...FORM, cookie: cookieHeader(session.jar) },
        payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
      });
    const get = (url: string) => t.app.inject({ url, headers: { cookie: cookieHeader(session.jar) } });
    const now = () => t.clock.now();
    const newWave = async (fields: Partial<Pick<Wave, 'status' | 'opensAt' | 'closesAt'>>) => {
      serial++;
      return t.store.waves.create({ studyId: STUDY, code: `G${serial}`, studyVersionId: versionId, title: `Vague de garde ${serial}`, status: 'draft', ...fields });
    };

    before(async () => {
      smtp = await startSmtpCapture();
      t = await startAdminApp(database, { SMTP_URL: smtp.url, HOST: '127.0.0.1', MAIL_FROM: 'Baromètre <barometre@example.org>' });
      await installBuiltInStudies(t.store);
      versionId = (await t.store.studies.latestVersion(STUDY))!.id;
      await addUser(t.store, 'analyst@example.org', 'analyst');
      await addUser(t.store, 'viewer@example.org', 'viewer');
      session = await signIn(t.app, 'analyst@example.org');
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
    });

    it('refuses to open a wave whose closing date is past, naming the field, and opens it with a new date set on the same page', async () => {
      const wave = await newWave({ closesAt: new Date(now().getTime() - 2 * DAY).toISOString() });
      const refused = await post(`/admin/waves/${wave.id}/status`, { action: 'open' });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /Clôture\u00A0: le .* est déjà passé/);
      assert.match(refused.body, /<input type="date" id="new-closesAt" name="closesAt" required/);
      assert.equal((await t.store.waves.get(wave.id))!.status, 'draft');

      const english = await post(`/admin/waves/${wave.id}/status`, { action: 'open' }, '/en');
      assert.equal(english.statusCode, 409);
      assert.match(english.body, /Closing date: .* is already past/);

      const stillPast = await post(`/admin/waves/${wave.id}/status`, { action: 'open', closesAt: dayOf(new Date(now().getTime() - DAY)) });
      assert.equal(stillPast.statusCode, 400, 'a new closing date must itself be in the future');
      const notADate = await post(`/admin/waves/${wave.id}/status`, { action: 'open', closesAt: 'next week' });
      assert.equal(notADate.statusCode, 400);
      assert.match(notADate.body, /Clôture\u00A0: saisissez une date postérieure à aujourd’hui/);
      assert.equal((await t.store.waves.get(wave.id))!.status, 'draft');

      const closesAt = dayOf(new Date(now().getTime() + 10 * DAY));
      const opened = await post(`/admin/waves/${wave.id}/status`, { action: 'open', closesAt });
      assert.equal(opened.statusCode, 303);
      const after = (await t.store.waves.get(wave.id))!;
      assert.equal(after.status, 'fieldwork');
      assert.equal(after.closesAt, `${closesAt}T00:00:00.000Z`);
      const entry = (await t.store.auditLog.list({ action: 'wave.open' })).find((e) => e.target === `wave:${wave.id}`);
      assert.ok(entry, 'the opening is in the audit log');
      assert.deepEqual((entry.details as { closesAt?: unknown }).closesAt, { from: wave.closesAt, to: after.closesAt });
    });

    it('refuses to open a wave that would close before it opens', async () => {
      const opensAt = new Date(now().getTime() + 5 * DAY).toISOString();
      const wave = await newWave({ opensAt, closesAt: new Date(now().getTime() + 3 * DAY).toISOString() });
      const refused = await post(`/admin/waves/${wave.id}/status`, { action: 'open' });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /Clôture\u00A0: le .* n’est pas après la date d’ouverture/);
      assert.equal((await t.store.waves.get(wave.id))!.status, 'draft');
    });

    it('refuses to mail invitations while the closing date is past, and sends them once a new date is set from the guard page', async () => {
      const wave = await newWave({ status: 'fieldwork', closesAt: new Date(now().getTime() - DAY).toISOString() });
      const overview = await get(`/admin/waves/${wave.id}`);
      assert.match(overview.body, /id="dates-warning">Clôture\u00A0: le .* est déjà passé/, 'the wave page says respondents are refused');
      await t.store.contacts.create({ waveId: wave.id, email: 'invitee@example.org', name: 'Invitee', company: null, profile: {} });
      const before = smtp.messages.length;
      const refused = await post(`/admin/waves/${wave.id}/invitations`, {});
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /Clôture\u00A0: le .* est déjà passé/);
      assert.match(refused.body, new RegExp(`action="/admin/waves/${wave.id}/invitations"`));
      assert.equal(smtp.messages.length, before, 'nobody is mailed a link to a closed questionnaire');
      assert.equal((await t.store.invitations.listByWave(wave.id)).length, 0);

      const closesAt = dayOf(new Date(now().getTime() + 7 * DAY));
      const sent = await post(`/admin/waves/${wave.id}/invitations`, { closesAt });
      assert.equal(sent.statusCode, 303);
      await t.app.jobs.drainForTests();
      assert.equal(smtp.messages.length, before + 1);
      assert.equal((await t.store.waves.get(wave.id))!.closesAt, `${closesAt}T00:00:00.000Z`);
    });

    it('asks for confirmation before closing, and reopening clears the closing date so respondents are let in again', async () => {
      const wave = await newWave({ status: 'fieldwork', opensAt: new Date(now().getTime() - 10 * DAY).toISOString() });
      const unconfirmed = await post(`/admin/waves/${wave.id}/status`, { action: 'close' });
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(unconfirmed.body, /Confirmation\u00A0: cochez la case/);
      assert.match(unconfirmed.body, /<input type="checkbox" id="confirm" name="confirm" value="yes" required aria-invalid="true"/);
      assert.equal((await t.store.waves.get(wave.id))!.status, 'fieldwork');

      const overview = await get(`/admin/waves/${wave.id}`);
      assert.match(
        overview.body,
        new RegExp(`<form method="get" action="/admin/waves/${wave.id}/confirm" class="inline-form">\\s*<input type="hidden" name="action" value="close">`),
      );
      const confirmPage = await get(`/admin/waves/${wave.id}/confirm?action=close`);
      assert.equal(confirmPage.statusCode, 200);
      assert.match(confirmPage.body, /Clore la collecte de Vague de garde \d+\u202F\?/);
      const badAction = await get(`/admin/waves/${wave.id}/confirm?action=delete`);
      assert.equal(badAction.statusCode, 400);
      assert.match(badAction.body, /Action\u00A0: attendu l’une de close, publish, unpublish\./);
      const notApplicable = await get(`/en/admin/waves/${wave.id}/confirm?action=publish`);
      assert.equal(notApplicable.statusCode, 409);
      assert.match(notApplicable.body, /“Publish” does not apply to a wave whose status is “in fieldwork”\./);

      assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'close', confirm: 'yes' })).statusCode, 303);
      const closed = (await t.store.waves.get(wave.id))!;
      assert.equal(closed.status, 'closed');
      assert.ok(closed.closesAt, 'closing sets the closing date to the moment of closing');

      assert.match((await get(`/admin/waves/${wave.id}`)).body, /rouvrir la collecte l’efface/);
      assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'open' })).statusCode, 303);
      const reopened = (await t.store.waves.get(wave.id))!;
      assert.equal(reopened.status, 'fieldwork');
      assert.equal(reopened.closesAt, null, 'the past closing date is cleared');
      const survey = await t.app.inject({ url: `/s/${STUDY}/${wave.code}` });
      assert.equal(survey.statusCode, 303, 'open again: the link goes to the first page (a closed wave answers 200 with its notice)');
      assert.match(String(survey.headers.location), /\?p=0$/);

      // closed again, reopened with a new closing date: that date is kept
      assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'close', confirm: 'yes' })).statusCode, 303);
      const closesAt = dayOf(new Date(now().getTime() + 14 * DAY));
      assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'open', closesAt })).statusCode, 303);
      assert.equal((await t.store.waves.get(wave.id))!.closesAt, `${closesAt}T00:00:00.000Z`);
    });

    it('links the wave page to what exists for its status', async () => {
      const wave = await newWave({ status: 'fieldwork' });
      const fieldwork = (await get(`/admin/waves/${wave.id}`)).body;
      assert.match(fieldwork, new RegExp(`<a href="/s/${STUDY}/${wave.code}" id="link-questionnaire">`));
      assert.match(fieldwork, new RegExp(`<a href="/admin/waves/${wave.id}/monitor" id="link-monitor">`));
      assert.match(fieldwork, new RegExp(`<a href="/admin/waves/${wave.id}/export/sav">`));
      assert.doesNotMatch(fieldwork, /id="link-dashboard"|id="link-white-paper"/);
      const csv = await get(`/admin/waves/${wave.id}/export/csv`);
      assert.equal(csv.statusCode, 200, 'the export link works');

      const english = (await get(`/en/admin/waves/${wave.id}`)).body;
      assert.match(english, new RegExp(`<a href="/en/admin/waves/${wave.id}/export/csv">Responses \\(CSV\\)</a>`));

      const viewer = await signIn(t.app, 'viewer@example.org');
      const asViewer = (await t.app.inject({ url: `/admin/waves/${wave.id}`, headers: { cookie: cookieHeader(viewer.jar) } })).body;
      assert.doesNotMatch(asViewer, /id="link-exports"/, 'exports hold open answers: analysts only');

      const draft = (await get(`/admin/waves/${(await newWave({})).id}`)).body;
      assert.doesNotMatch(draft, /id="link-questionnaire"|id="link-exports"|id="link-dashboard"/);
    });

    describe('publication', () => {
      let wave: Wave;
      let ids: number[];

      before(async () => {
        await generateDemo(t.store, { waves: [2017], n: 50, seed: 7, secretKey: t.config.secretKey });
        wave = (await t.store.waves.getByCode(STUDY, '2017'))!;
        ids = (await t.store.responses.list(wave.id, { status: 'complete' })).map((r) => r.id);
        assert.ok(ids.length >= 35, `the demo wave has ${ids.length} complete responses`);
        await t.store.waves.setStatus(wave.id, 'closed');
        // no population counts: the figures are published unweighted, and the pages say so
        await t.store.waves.update(wave.id, { populationTargets: null, weighting: null });
      });

      it('refuses a wave below the threshold, saying how many complete responses it has and how many are needed', async () => {
        const keep = 25;
        for (const id of ids.slice(keep)) await t.store.responses.setExclusion(id, true, 'test');
        const page = await get(`/admin/waves/${wave.id}/confirm?action=publish`);
        assert.equal(page.statusCode, 409);
        assert.match(page.body, /Cette vague ne peut pas être publiée\u00A0: elle compte 25 réponses complètes conservées et il en faut 30\./);
        assert.doesNotMatch(page.body, /name="confirm"/, 'no confirmation form for a refused publication');
        const english = await get(`/en/admin/waves/${wave.id}/confirm?action=publish`);
        assert.match(english.body, /it has 25 complete kept responses and 30 are needed/);
        const forced = await post(`/admin/waves/${wave.id}/status`, { action: 'publish', confirm: 'yes' });
        assert.equal(forced.statusCode, 409);
        assert.equal((await t.store.waves.get(wave.id))!.status, 'closed');
      });

      it('shows the public figures with their margin of error and base, and publishes once confirmed', async () => {
        for (const id of ids.slice(25)) await t.store.responses.setExclusion(id, false);
        const page = await get(`/admin/waves/${wave.id}/confirm?action=publish`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /id="publish-preview"/);
        assert.match(page.body, new RegExp(`Base\u00A0: ${ids.length} réponses complètes conservées`));
        const rows = page.body.match(/<tr><th scope="row">/g) ?? [];
        assert.ok(rows.length >= 3, 'headline indicators, one row each');
        assert.match(page.body, /<td class="number">\d+\u00A0%<\/td>/, 'a percentage, French style');
        assert.match(page.body, /<td class="number">(±\u00A0\d+,\d|−\d+,\d\u00A0\/\u00A0\+\d+,\d)\u00A0pts?<\/td>/, 'a margin of error with a decimal comma');
        assert.match(page.body, /id="publish-unweighted">Ces chiffres ne sont pas pondérés\u00A0: aucun effectif de population n’a été saisi/);
        assert.match(page.body, /<input type="checkbox" id="confirm" name="confirm" value="yes" required>/);

        assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'publish' })).statusCode, 400);
        assert.equal((await t.store.waves.get(wave.id))!.status, 'closed');
        assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'publish', confirm: 'yes' })).statusCode, 303);
        assert.equal((await t.store.waves.get(wave.id))!.status, 'published');

        const overview = (await get(`/admin/waves/${wave.id}`)).body;
        assert.match(overview, new RegExp(`<a href="/resultats/${STUDY}\\?wave=2017" id="link-dashboard">`));
        assert.match(overview, new RegExp(`<a href="/livre-blanc/${STUDY}" id="link-white-paper">`));
        assert.doesNotMatch(overview, /id="link-questionnaire"/);
        const dashboard = await t.app.inject({ url: `/resultats/${STUDY}` });
        assert.equal(dashboard.statusCode, 200);
        assert.match(dashboard.body, /id="unweighted">Ces chiffres ne sont pas pondérés/);
      });

      it('answers a page that says why when every response is excluded after publication, never a 5xx', async () => {
        for (const id of ids) await t.store.responses.setExclusion(id, true, 'test');
        const dashboard = await t.app.inject({ url: `/resultats/${STUDY}` });
        assert.equal(dashboard.statusCode, 200);
        assert.match(dashboard.body, /Cette édition est publiée, mais aucun chiffre ne peut être montré/);
        const english = await t.app.inject({ url: `/en/results/${STUDY}?wave=2017` });
        assert.equal(english.statusCode, 200);
        assert.match(english.body, /no figure can be shown/);
        // a white paper link given before the exclusions: the download says why there is no document
        const token = newToken();
        await t.store.leads.create({
          studyId: STUDY,
          waveId: wave.id,
          name: 'Reader',
          email: 'reader@example.org',
          consentContact: false,
          downloadTokenHash: hashToken(t.config.secretKey, token),
          downloadExpiresAt: new Date(Date.now() + DAY).toISOString(),
        });
        const download = await t.app.inject({ url: `/livre-blanc/telechargement/${token}` });
        assert.equal(download.statusCode, 409);
        assert.match(download.body, /aucun chiffre ne peut être montré/);
        for (const url of [
          `/resultats/${STUDY}/methodologie`,
          `/api/v1/studies/${STUDY}/waves/2017/results`,
          `/charts/${STUDY}/2017/theme-usage.svg`,
          `/livre-blanc/${STUDY}`,
          '/',
        ]) {
          const response = await t.app.inject({ url });
          assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
        }
        // unpublishing asks for confirmation too
        assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'unpublish' })).statusCode, 400);
        assert.equal((await post(`/admin/waves/${wave.id}/status`, { action: 'unpublish', confirm: 'yes' })).statusCode, 303);
        assert.equal((await t.store.waves.get(wave.id))!.status, 'closed');
      });
    });
  });
}
