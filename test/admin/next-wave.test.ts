import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { BUILT_IN_STUDIES } from '../../src/study/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ENERGY = BUILT_IN_STUDIES.find((s) => s.id === 'energy-mobility-barometer')!;
/** French typography puts a no-break space (narrow or not) where these tests write a space before : or after «. */
const spaced = (text: string) =>
  new RegExp(
    text
      .replace(/[.()]/g, '\\$&')
      .replace(/ ([:;!?»])/g, '[\\s\\u00a0\\u202f]$1')
      .replace(/« /g, '«[\\s\\u00a0\\u202f]'),
  );

for (const database of TEST_DATABASES) {
  describe(`workspace: a new wave from this one [${database.name}]`, () => {
    let t: AdminTestApp;
    let source: Wave;
    let analyst: Awaited<ReturnType<typeof signIn>>;
    let viewer: Awaited<ReturnType<typeof signIn>>;
    before(async () => {
      t = await startAdminApp(database);
      await addUser(t.store, 'analyst@example.org', 'analyst');
      await addUser(t.store, 'viewer@example.org', 'viewer');
      const v1 = (await t.store.studies.saveVersion(ENERGY.id, ENERGY as never)).studyVersion.id;
      await t.store.studies.saveVersion(ENERGY.id, { ...ENERGY, margins: ['age_band', 'sex'] } as never);
      await t.store.waves.create({ studyId: ENERGY.id, code: 'T3-2026', studyVersionId: v1, title: 'T3 2026', opensAt: '2026-07-01T00:00:00.000Z', seriesOrder: 3 });
      source = await t.store.waves.create({
        studyId: ENERGY.id,
        code: 'T4-2026',
        studyVersionId: v1,
        title: 'T4 2026',
        status: 'closed',
        opensAt: '2026-10-01T00:00:00.000Z',
        closesAt: '2026-10-31T00:00:00.000Z',
        seriesOrder: 4,
        populationTargets: {
          margins: [
            { variable: 'region', targets: [{ code: 1, population: 300 }] },
            { variable: 'sex', targets: [{ code: 1, population: 500 }] },
          ],
        },
        quotas: { segments: [{ variable: 'sex', code: 2, target: 40 }] },
        settings: { lowBase: 40 },
      });
      for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) await t.store.contacts.create({ waveId: source.id, email });
      await t.store.contacts.unsubscribe((await t.store.contacts.getByEmail(source.id, 'b@example.org'))!.id);
      await t.store.contacts.setStatus((await t.store.contacts.getByEmail(source.id, 'c@example.org'))!.id, 'bounced');
      analyst = await signIn(t.app, 'analyst@example.org');
      viewer = await signIn(t.app, 'viewer@example.org');
    });
    after(() => t.close());

    const url = () => `/admin/waves/${source.id}/next`;
    const post = (who: typeof analyst, fields: Record<string, string>, path = url()) =>
      t.app.inject({ method: 'POST', url: path, headers: { ...FORM, cookie: cookieHeader(who.jar) }, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString() });
    const valid = { code: 'T1-2027', title: 'T1 2027', opensAt: '2027-01-01', closesAt: '2027-01-31', seriesOrder: '5', studyVersion: '2' };
    const waveCount = async () => (await t.store.waves.list(ENERGY.id)).length;

    it('links to the form from the wave page for an analyst, not for a viewer', async () => {
      const page = await t.app.inject({ url: `/admin/waves/${source.id}`, headers: { cookie: cookieHeader(analyst.jar) } });
      assert.match(page.body, new RegExp(`<a class="button" id="next-wave" href="${url()}">Nouvelle vague à partir de celle-ci</a>`));
      const asViewer = await t.app.inject({ url: `/admin/waves/${source.id}`, headers: { cookie: cookieHeader(viewer.jar) } });
      assert.doesNotMatch(asViewer.body, /id="next-wave"/);
      assert.equal((await t.app.inject({ url: url(), headers: { cookie: cookieHeader(viewer.jar) } })).statusCode, 403);
    });

    it('prefills the dates one period later, the next place in the series and the latest study version', async () => {
      const page = await t.app.inject({ url: url(), headers: { cookie: cookieHeader(analyst.jar) } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /id="opensAt" name="opensAt" value="2027-01-01"/);
      assert.match(page.body, /id="closesAt" name="closesAt" value="2027-01-31"/);
      assert.match(page.body, /id="seriesOrder" name="seriesOrder" step="1" value="5"/);
      assert.match(page.body, /<option value="2" selected>energy-mobility-barometer — version 2 \(la plus récente\)<\/option>/);
      assert.match(page.body, /décalées de 3 mois/);
      assert.match(page.body, /<input type="checkbox" id="copyContacts" name="copyContacts" value="on" aria-describedby/);
    });

    it('refuses bad input with a 4xx naming the field in the user’s language, writing nothing', async () => {
      const before = await waveCount();
      const badCode = await post(analyst, { ...valid, code: '-bad/code' });
      assert.equal(badCode.statusCode, 400);
      assert.match(badCode.body, spaced('<li>Code : 1 à 32 lettres'));
      assert.match(badCode.body, /value="-bad\/code"/, 'the form keeps what was typed');
      const badDates = await post(analyst, { ...valid, closesAt: '2026-12-01' });
      assert.equal(badDates.statusCode, 400);
      assert.match(badDates.body, spaced('Clôture : la date de clôture précède'));
      const badVersion = await post(analyst, { ...valid, studyVersion: '9' });
      assert.equal(badVersion.statusCode, 400);
      assert.match(badVersion.body, spaced('Version de l’étude : ce n’est pas une version'));
      const english = await post(analyst, { ...valid, title: '', seriesOrder: '1.5' }, `/en${url()}`);
      assert.equal(english.statusCode, 400);
      assert.match(english.body, /<li>Title: required, at most 200 characters\.<\/li>/);
      assert.match(english.body, /<li>Place in the series: a whole number of at most 6 digits\.<\/li>/);
      const taken = await post(analyst, { ...valid, code: 'T3-2026' });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, spaced('Code : l’étude a déjà une vague « T3-2026 »'));
      const noToken = await t.app.inject({ method: 'POST', url: url(), headers: { ...FORM, cookie: cookieHeader(analyst.jar) }, payload: new URLSearchParams(valid).toString() });
      assert.equal(noToken.statusCode, 403);
      assert.equal((await post(viewer, valid)).statusCode, 403);
      assert.equal(await waveCount(), before);
    });

    it('creates the draft with the targets, quotas and contacts it can keep, and says what it left out and why', async () => {
      const res = await post(analyst, { ...valid, copyContacts: 'on' });
      assert.equal(res.statusCode, 200, res.body);
      const wave = (await t.store.waves.getByCode(ENERGY.id, 'T1-2027'))!;
      assert.equal(wave.status, 'draft');
      assert.equal(wave.opensAt, '2027-01-01T00:00:00.000Z');
      assert.deepEqual(wave.settings, { lowBase: 40 });
      assert.deepEqual(wave.populationTargets, { margins: [{ variable: 'sex', targets: [{ code: 1, population: 500 }] }] });
      assert.deepEqual(wave.quotas, { segments: [{ variable: 'sex', code: 2, target: 40 }] });
      assert.deepEqual(
        (await t.store.contacts.listByWave(wave.id)).map((c) => [c.email, c.status]),
        [['a@example.org', 'new']],
      );
      assert.match(res.body, /La vague T1 2027 est créée en brouillon\./);
      assert.match(res.body, /1 marge\(s\) de redressement et 1 segment\(s\) de quotas/);
      assert.match(res.body, /la marge de redressement region \(pas une marge de cette version\)/);
      assert.match(res.body, /1 contact\(s\) copié\(s\), 2 écarté\(s\)\./);
      assert.match(res.body, /<li>1 désinscrit\(s\)<\/li>/);
      assert.match(res.body, /<li>1 dont l’adresse a été rejetée<\/li>/);
      assert.match(res.body, new RegExp(`href="/admin/waves/${wave.id}">Ouvrir la nouvelle vague`));
      const [entry] = await t.store.auditLog.list({ limit: 1, action: 'wave.createFrom' });
      assert.ok(entry, 'an audit entry');
      assert.equal(entry.target, `wave:${wave.id}`);
      assert.deepEqual((entry.details as { contacts: unknown }).contacts, { copied: 1, unsubscribed: 1, bounced: 1 });
    });

    it('creates one wave when two requests ask for the same code at once, the other a 409', async () => {
      const both = await Promise.all([post(analyst, { ...valid, code: 'T3-2027', copyContacts: 'on' }), post(analyst, { ...valid, code: 'T3-2027', copyContacts: 'on' })]);
      assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 409]);
      const wave = (await t.store.waves.getByCode(ENERGY.id, 'T3-2027'))!;
      assert.equal((await t.store.contacts.listByWave(wave.id)).length, 1);
      assert.equal((await t.store.auditLog.list({ action: 'wave.createFrom' })).filter((e) => e.target === `wave:${wave.id}`).length, 1);
    });

    it('copies no contact unless asked', async () => {
      const res = await post(analyst, { ...valid, code: 'T2-2027', studyVersion: '1' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Les contacts n’ont pas été copiés\./);
      const wave = (await t.store.waves.getByCode(ENERGY.id, 'T2-2027'))!;
      assert.deepEqual(await t.store.contacts.listByWave(wave.id), []);
      assert.equal((wave.populationTargets as { margins: unknown[] }).margins.length, 2, 'version 1 still has the region margin');
    });
  });
}
