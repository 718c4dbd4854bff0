/**
 * A study without benchmark through the server: no benchmark link at the end of its questionnaire, 404 on
 * `/benchmark/…` even with a token; the workspace wave form takes any code and a place in the series.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { respondSecrets } from '../../src/server/routes/respond/respond-secrets.js';
import { startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import { renderWhitePaper } from '../../src/report/pdf/white-paper-pdf.js';
import { HOUSEHOLD_STUDY, HOUSEHOLD_STUDY_ID, seedHouseholdWave } from '../fixtures/household-study.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { InjectClient } from '../respond/inject-client.js';
import { flatText } from '../white-paper/pdf-tools.js';
import { signedInOwner, type WorkspaceClient } from '../security/workspace-client.js';
import { FULL_PAGES, STUDY, openWave } from '../respond/fieldwork.js';

for (const database of TEST_DATABASES) {
  describe(`a study of households through the server [${database.name}]`, () => {
    let admin: AdminTestApp;
    let owner: WorkspaceClient;
    before(async () => {
      admin = await startAdminApp(database);
      owner = await signedInOwner(admin);
    });
    after(() => admin.close());

    it('ends the questionnaire without a benchmark link and answers 404 on /benchmark/… for that study', async () => {
      const { studyVersion } = await admin.store.studies.saveVersion(HOUSEHOLD_STUDY_ID, HOUSEHOLD_STUDY as never);
      const wave = await admin.store.waves.create({ studyId: HOUSEHOLD_STUDY_ID, code: 'vague 1', studyVersionId: studyVersion.id, title: 'Vague 1', status: 'fieldwork' });
      const client = new InjectClient(admin.app, '10.9.0.1');
      let page = await client.get(`/s/${HOUSEHOLD_STUDY_ID}/${encodeURIComponent(wave.code)}`);
      assert.equal(page.status, 200);
      for (const answers of [
        [
          ['tenure', '2'],
          ['heating', '1'],
        ],
        [
          ['has_car', '1'],
          ['car_type', '3'],
          ['satisfaction', '4'],
        ],
        [['household_contact', 'Famille Martin']],
      ] as [string, string][][]) {
        page = await client.submit(page, answers);
        assert.equal(page.status, 200, page.body.slice(0, 300));
      }
      page = await client.submit(page, [], 'finish');
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.body, /\/benchmark\//);
      const [response] = await admin.store.responses.list(wave.id);
      assert.equal(response.status, 'complete');
      assert.equal(response.benchmarkTokenHash, null, 'no token stored');
      // even a token made and stored by hand opens nothing
      const secrets = respondSecrets(admin.config.secretKey);
      const token = secrets.benchmarkToken(response.publicId);
      await admin.store.responses.update(response.id, { benchmarkTokenHash: secrets.tokenHash(token) });
      assert.equal((await client.get(`/benchmark/${token}`)).status, 404);
      assert.equal((await client.get(`/benchmark/${token}/pdf`)).status, 404);
    });

    it("still ends the built-in study's questionnaire with its benchmark link", async () => {
      const wave = await openWave(admin.store, 'with-benchmark');
      assert.ok(STUDY.benchmark);
      const client = new InjectClient(admin.app, '10.9.0.2');
      let page = await client.get(`/s/${STUDY.id}/${wave.code}`);
      for (const answers of FULL_PAGES) page = await client.submit(page, answers);
      page = await client.submit(page, [], 'finish');
      assert.match(page.body, /\/benchmark\/[A-Za-z0-9_-]{22}/);
    });

    it('publishes a study without indicators: dashboard, trend chart, API and white paper from the default indicators, waves in time order', async () => {
      await seedHouseholdWave(admin.store, { code: 'T2-2026', n: 250, seed: 7, opensAt: '2026-04-01T00:00:00.000Z', shift: 0.5 });
      await seedHouseholdWave(admin.store, { code: 'T1-2026', n: 250, seed: 8, opensAt: '2026-01-01T00:00:00.000Z' });
      const client = new InjectClient(admin.app, '10.9.0.3');
      const dashboard = await client.get(`/resultats/${HOUSEHOLD_STUDY_ID}`);
      assert.equal(dashboard.status, 200);
      assert.match(dashboard.body, /Locataire/);
      assert.match(dashboard.body, /Vos déplacements/);
      const waves = JSON.parse((await admin.app.inject(`/api/v1/studies/${HOUSEHOLD_STUDY_ID}/waves`)).body) as { waves: { code: string }[] };
      assert.deepEqual(
        waves.waves.map((w) => w.code),
        ['T1-2026', 'T2-2026'],
      );
      const api = JSON.parse((await admin.app.inject(`/api/v1/studies/${HOUSEHOLD_STUDY_ID}/waves/T2-2026/results`)).body);
      assert.equal(api.previousWave, 'T1-2026');
      assert.ok(api.indicators.some((i: { id: string; filtered: boolean }) => i.id === 'car_type_1' && i.filtered));
      assert.deepEqual(
        api.cuts.map((c: { variable: string }) => c.variable),
        ['tenure'],
      );
      const chart = await admin.app.inject(`/charts/${HOUSEHOLD_STUDY_ID}/T2-2026/trend-tenure_1.svg`);
      assert.equal(chart.statusCode, 200);
      const wave = (await admin.store.waves.getByCode(HOUSEHOLD_STUDY_ID, 'T2-2026'))!;
      const pdf = await renderWhitePaper({ results: await getWaveResults(admin.store, wave), lang: 'en', creationDate: new Date('2026-06-01T00:00:00.000Z') });
      const text = flatText(pdf);
      assert.match(text, /How you travel/);
      assert.match(text, /households/);
    });

    it('creates a wave with any code and a place in the series, and refuses a place that is not a whole number', async () => {
      const { studyVersion } = await admin.store.studies.saveVersion(HOUSEHOLD_STUDY_ID, HOUSEHOLD_STUDY as never);
      const created = await owner.post('/admin/waves', { study: String(studyVersion.id), code: 'vague 3', title: 'Troisième vague', seriesOrder: '3' });
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const wave = (await admin.store.waves.getByCode(HOUSEHOLD_STUDY_ID, 'vague 3'))!;
      assert.equal(wave.seriesOrder, 3);
      const bad = await owner.post('/admin/waves', { study: String(studyVersion.id), code: 'T3-2026', title: 'T3', seriesOrder: 'deux' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /whole number/);
      assert.equal(await admin.store.waves.getByCode(HOUSEHOLD_STUDY_ID, 'T3-2026'), undefined);
      // the settings form changes the place, and clears it when emptied
      const settings = await owner.post(`/admin/waves/${wave.id}/settings`, { title: 'Troisième vague', seriesOrder: '7' });
      assert.equal(settings.statusCode, 303, settings.body.slice(0, 300));
      assert.equal((await admin.store.waves.get(wave.id))!.seriesOrder, 7);
      await owner.post(`/admin/waves/${wave.id}/settings`, { title: 'Troisième vague', seriesOrder: '' });
      assert.equal((await admin.store.waves.get(wave.id))!.seriesOrder, null);
      const form = await owner.get(`/admin/waves/${wave.id}`);
      assert.match(form.body, /name="seriesOrder"/);
    });
  });
}
