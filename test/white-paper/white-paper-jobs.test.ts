/**
 * The white paper of a large wave (LARGE_WAVE_RESPONSES) is built by a job: the first download asks for it
 * and answers 503 with Retry-After and a page saying it is being prepared; however many readers and nodes
 * ask, one job builds it once, whichever of two workers (each on its own connection, as two nodes) takes
 * it; then every link serves the stored bytes. On each test database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { JOB_HANDLERS } from '../../src/server/jobs/job-handlers.js';
import { createJobWorker } from '../../src/server/jobs/job-worker.js';
import { enqueueWhitePaper } from '../../src/server/jobs/white-paper-job.js';
import { whitePaperBuilds } from '../../src/server/stored-white-paper.js';
import { createDatabase, type Store, type Wave } from '../../src/store/index.js';
import { cookieHeader, csrfOf, keepCookies, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { TEST_DATABASES } from '../helpers/databases.js';

const STUDY = 'social-media-barometer';
const FORM = `/livre-blanc/${STUDY}`;
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded' };

for (const database of TEST_DATABASES) {
  describe(`white papers of large waves as jobs [${database.name}]`, () => {
    let t: AdminTestApp;
    let other: Store;
    let wave: Wave;
    let address = 0;

    async function downloadLink(): Promise<string> {
      const remoteAddress = `10.2.0.${++address}`;
      const jar = new Map<string, string>();
      const page = await t.app.inject({ url: FORM, remoteAddress });
      keepCookies(jar, page);
      const size = /<option value="([^"]+)">/.exec(page.body.slice(page.body.indexOf('id="lead-field_size_band"')))![1];
      const response = await t.app.inject({
        method: 'POST',
        url: FORM,
        remoteAddress,
        headers: { ...FORM_HEADERS, cookie: cookieHeader(jar) },
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), name: `Reader ${address}`, email: `r${address}@example.org`, field_size_band: size }).toString(),
      });
      assert.equal(response.statusCode, 200);
      return /class="button" id="white-paper-download" href="([^"]+)"/.exec(response.body)![1]!;
    }

    before(async () => {
      t = await startAdminApp(database, { HOST: '127.0.0.1', LARGE_WAVE_RESPONSES: '10' });
      other = createDatabase(t.store.options);
      await generateDemo(t.store, { waves: [2015], n: 80, seed: 5 });
      wave = (await t.store.waves.getByCode(STUDY, '2015'))!;
      assert.equal(wave.status, 'published');
    });
    after(async () => {
      await other?.close();
      await t?.close();
    });

    it('answers 503 with Retry-After while one job builds the paper once for every reader and both workers', async () => {
      const first = await t.app.inject({ url: await downloadLink() });
      assert.equal(first.statusCode, 503);
      assert.equal(first.headers['retry-after'], '10');
      assert.match(first.body, /Le livre blanc est en préparation/);
      const second = await t.app.inject({ url: await downloadLink() });
      assert.equal(second.statusCode, 503);
      // a node publishing at the same moment asks too, on its own connection
      await Promise.all([enqueueWhitePaper(other, wave, 'fr', new Date()), enqueueWhitePaper(t.store, wave, 'fr', new Date())]);
      const queued = await t.store.jobs.listByWave(wave.id, { kinds: ['white-paper'] });
      assert.equal(queued.length, 1, 'one job for the wave and language');

      const before = whitePaperBuilds(t.store) + whitePaperBuilds(other);
      const one = createJobWorker({ store: t.store, config: t.config, handlers: JOB_HANDLERS, owner: 'one' });
      const two = createJobWorker({ store: other, config: t.config, handlers: JOB_HANDLERS, owner: 'two' });
      const ran = (await Promise.all([one.drainForTests(), two.drainForTests()])).flat();
      assert.deepEqual(
        ran.map((j) => [j.kind, j.status]),
        [['white-paper', 'done']],
      );
      assert.equal(whitePaperBuilds(t.store) + whitePaperBuilds(other) - before, 1, 'built once');

      const link = await downloadLink();
      const ready = await t.app.inject({ url: link });
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.headers['content-type'], 'application/pdf');
      // asked again once the paper is current: no new job
      assert.equal((await t.store.jobs.listByWave(wave.id, { kinds: ['white-paper'] })).length, 1);
      assert.equal(whitePaperBuilds(t.store) + whitePaperBuilds(other) - before, 1);
    });

    it('says in words, never with a 5xx, that a wave without results has no paper', async () => {
      for (const r of await t.store.responses.list(wave.id)) await t.store.responses.setExclusion(r.id, true, 'test');
      await t.store.waves.bumpDataVersion(wave.id, new Date());
      const link = await downloadLink();
      assert.equal((await t.app.inject({ url: link })).statusCode, 503);
      const [ran] = await t.app.jobs.drainForTests();
      assert.deepEqual([ran?.kind, ran?.status, (ran?.result as { empty?: boolean })?.empty], ['white-paper', 'done', true]);
      const page = await t.app.inject({ url: link });
      assert.equal(page.statusCode, 409);
    });
  });
}
