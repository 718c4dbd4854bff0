import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateStudyDemo } from '../../src/demo/generate-study-demo.js';
import { convertResponses, importResponsesCsv, importSurveyJs } from '../../src/exchange/index.js';
import { seededRandom } from '../../src/stats/test-helpers.js';
import type { Wave } from '../../src/store/index.js';
import { validateStudy, type Study } from '../../src/study/index.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { TEST_DATABASES } from '../helpers/databases.js';

const SURVEY = readFileSync(new URL('../fixtures/exchange/customer-survey.surveyjs.json', import.meta.url), 'utf8');
const STUDY_ID = 'customer-survey';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** Customers by company size in the population the waves are weighted to. */
const POPULATION = { 1: 8000, 2: 1800, 3: 200 } as const;
const PAST_RESULTS = 160;

/** The SurveyJS results of a past wave of the customer survey, as `survey.data` gave them, each with its completion time and locale. */
function pastResults(n: number, seed: number): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: n }, (_, k) => {
    // large companies answer far more often than their share of the population: weighting has work to do
    const size = random() < 0.4 ? 1 : random() < 0.6 ? 2 : 3;
    const customer = random() < 0.45 + 0.15 * size;
    const data: Record<string, unknown> = { company_size: size, region: pick(['idf', 'ara', 'other']), is_customer: customer, nps: Math.floor(random() * 11) };
    if (size === 3) data.employees = 250 + Math.floor(random() * 5000);
    if (customer) {
      data.channels = random() < 0.1 ? ['none'] : random() < 0.5 ? [pick(['phone', 'email', 'shop'])] : ['email', 'other'];
      const channels = data.channels as string[];
      if (channels.includes('other')) data['channels-Comment'] = 'Chat';
      if (channels.includes('phone') || channels.includes('shop')) data.quality = { speed: 1 + Math.floor(random() * 4), courtesy: 1 + Math.floor(random() * 4) };
    }
    if (random() < 0.7)
      data.priorities = pick([
        ['Price', 'Quality', 'Delivery'],
        ['Quality', 'Delivery', 'Price'],
        ['Delivery', 'Price', 'Quality'],
      ]);
    if ((data.nps as number) <= 6 && random() < 0.5) data.suggestions = 'Répondre plus vite';
    return { data, completedAt: new Date(Date.UTC(2025, 10, 3 + (k % 20), 9, k % 60)).toISOString(), locale: k % 3 === 0 ? 'en' : 'fr' };
  });
}

/**
 * A past wave brought in from SurveyJS joins the series: a study whose questionnaire came from SurveyJS runs
 * its first wave on the platform (T1 2026); the team imports the results of the quarter before (T4 2025)
 * into an earlier wave, weights both to the study's margins in the workspace, publishes both, and the trend
 * of the later wave has a point for the imported one, with its base.
 */
for (const database of TEST_DATABASES) {
  describe(`a past wave imported from SurveyJS, weighted and published, in the trend [${database.name}]`, () => {
    let t: AdminTestApp;
    let study: Study;
    let past: Wave;
    let later: Wave;
    let session: Awaited<ReturnType<typeof signIn>>;
    const post = (url: string, fields: Record<string, string>) =>
      t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie: cookieHeader(session.jar) }, payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString() });

    before(async () => {
      t = await startAdminApp(database);
      const imported = importSurveyJs(SURVEY, { studyId: STUDY_ID });
      assert.ok(imported.ok, JSON.stringify(imported.errors));
      // the team declares what the waves are weighted on
      const checked = validateStudy({ ...imported.document, margins: ['company_size'] });
      assert.ok(checked.ok);
      study = checked.study;
      const saved = await t.store.studies.saveVersion(STUDY_ID, study as never);
      past = await t.store.waves.create({
        studyId: STUDY_ID,
        code: 'T4-2025',
        title: 'T4 2025',
        status: 'closed',
        studyVersionId: saved.studyVersion.id,
        opensAt: '2025-10-01T00:00:00.000Z',
        closesAt: '2025-12-31T00:00:00.000Z',
        seriesOrder: 1,
      });
      await generateStudyDemo(t.store, STUDY_ID, { waves: ['T1-2026'], n: 400, seed: 11 });
      later = (await t.store.waves.getByCode(STUDY_ID, 'T1-2026'))!;
      await addUser(t.store, 'analyst@example.org', 'analyst');
      session = await signIn(t.app, 'analyst@example.org');
    });
    after(() => t.close());

    it('imports every result of the past wave, with its completion dates and languages', async () => {
      const converted = (await convertResponses('surveyjs', study, Buffer.from(JSON.stringify(pastResults(PAST_RESULTS, 2025)))))!;
      assert.deepEqual(converted.unknown, []);
      const result = await importResponsesCsv(t.store, past, [converted.csv]);
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, PAST_RESULTS);
      const stored = await t.store.responses.list(past.id);
      assert.ok(stored.every((r) => r.status === 'complete' && r.completedAt!.startsWith('2025-11-') && r.source === 'import'));
      assert.deepEqual(new Set(stored.map((r) => r.language)), new Set(['en', 'fr']));
    });

    it('weights both waves to the margins in the workspace, publishes them, and the trend has a point for the imported wave with its base', async () => {
      await t.store.waves.setStatus(later.id, 'closed');
      for (const wave of [past, later]) {
        const fields: Record<string, string> = { use_company_size: 'on', source: 'customer file' };
        for (const [code, population] of Object.entries(POPULATION)) fields[`pop_company_size_${code}`] = String(population);
        assert.equal((await post(`/admin/waves/${wave.id}/weighting/targets`, fields)).statusCode, 303);
        const ran = await post(`/admin/waves/${wave.id}/weighting/run`, {});
        assert.match(String(ran.headers.location), /done=run$/);
        const published = await post(`/admin/waves/${wave.id}/status`, { action: 'publish', confirm: 'yes' });
        assert.equal(published.statusCode, 303, published.body);
        assert.equal((await t.store.waves.get(wave.id))!.status, 'published');
      }

      const api = (code: string) => t.app.inject(`/api/v1/studies/${STUDY_ID}/waves/${code}/results`);
      const pastDoc = (await api('T4-2025')).json() as ApiDocument;
      assert.equal(pastDoc.n, PAST_RESULTS);
      assert.equal(pastDoc.weighting.status, 'weighted');
      assert.deepEqual(pastDoc.weighting.variables, ['company_size']);
      // weighted to the population: large companies back to 2 %
      const large = pastDoc.weighting.margins[0]!.levels.find((l) => l.code === 3)!;
      assert.ok(Math.abs(large.achieved - 0.02) < 1e-6 && large.sample > 0.1, JSON.stringify(large));

      const laterDoc = (await api('T1-2026')).json() as ApiDocument;
      assert.equal(laterDoc.previousWave, 'T4-2025');
      assert.ok(laterDoc.trends.length > 0, 'the later wave is tested against the imported one');
      for (const indicator of pastDoc.indicators.filter((i) => i.estimate !== null)) {
        const history = laterDoc.history.find((h) => h.id === indicator.id);
        assert.ok(history, indicator.id);
        assert.deepEqual(history.waves, [{ wave: 'T4-2025', estimate: indicator.estimate, ci: indicator.ci, n: indicator.n, significant: false }]);
        const trend = laterDoc.trends.find((tr) => tr.id === indicator.id);
        assert.equal(trend?.previousWave, 'T4-2025');
        assert.equal(trend?.previous, indicator.estimate);
      }
      // the dashboard's trend page lists the imported wave with its base
      const shown = pastDoc.indicators.find((i) => i.estimate !== null && i.n === PAST_RESULTS)!;
      const page = await t.app.inject(`/en/results/${STUDY_ID}/trend/${shown.id}?wave=T1-2026`);
      assert.equal(page.statusCode, 200);
      const row = /<tr><th scope="row">T4 2025<\/th>([\s\S]*?)<\/tr>/.exec(page.body);
      assert.ok(row, 'a row for the imported wave');
      assert.match(row[1]!, new RegExp(`data-label="Base \\(n\\)">n\\s=\\s${PAST_RESULTS}<`));
      assert.doesNotMatch(page.body, /NaN/);
    });
  });
}

interface ApiDocument {
  n: number;
  previousWave: string | null;
  weighting: { status: string; variables: string[]; margins: { variable: string; levels: { code: number; sample: number; achieved: number }[] }[] };
  indicators: { id: string; estimate: number | null; ci: [number, number] | null; n: number }[];
  trends: { id: string; previousWave: string; previous: number }[];
  history: { id: string; waves: { wave: string; estimate: number; ci: [number, number]; n: number; significant: boolean }[] }[];
}
