import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { backgroundSettled } from '../../src/server/background.js';
import { whitePaperBuilds } from '../../src/server/stored-white-paper.js';
import type { Wave } from '../../src/store/index.js';
import { addUser, cookieHeader, csrfOf, keepCookies, signIn, startAdminApp, type AdminTestApp } from '../admin/admin-app.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { qpdfCheck } from './pdf-tools.js';

const STUDY = 'social-media-barometer';
const FORM = `/livre-blanc/${STUDY}`;
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded' };

for (const database of TEST_DATABASES) {
  describe(`the stored white paper [${database.name}]`, () => {
    let t: AdminTestApp;
    let wave: Wave;
    let address = 0;

    /** A download link of a new lead (each from its own address, below the form's rate limit). */
    async function downloadLink(lang: '' | '/en' = ''): Promise<string> {
      const remoteAddress = `10.1.0.${++address}`;
      const jar = new Map<string, string>();
      const form = lang ? `/en/white-paper/${STUDY}` : FORM;
      const page = await t.app.inject({ url: form, remoteAddress });
      keepCookies(jar, page);
      const size = /<option value="([^"]+)">/.exec(page.body.slice(page.body.indexOf('id="lead-field_size_band"')))![1];
      const response = await t.app.inject({
        method: 'POST',
        url: form,
        remoteAddress,
        headers: { ...FORM_HEADERS, cookie: cookieHeader(jar) },
        payload: new URLSearchParams({ _csrf: csrfOf(page.body), name: `Reader ${address}`, email: `r${address}@example.org`, field_size_band: size }).toString(),
      });
      assert.equal(response.statusCode, 200);
      return /class="button" id="white-paper-download" href="([^"]+)"/.exec(response.body)![1]!;
    }

    before(async () => {
      t = await startAdminApp(database, { HOST: '127.0.0.1' });
      await generateDemo(t.store, { waves: [2015] });
      wave = (await t.store.waves.getByCode(STUDY, '2015'))!;
      await addUser(t.store, 'analyst@example.org', 'analyst');
    });
    after(() => t?.close());

    it('builds the paper on the first download, then serves the stored bytes with their ETag, and 304 to a client that has them', async () => {
      const link = await downloadLink();
      const builds = whitePaperBuilds(t.store);
      const first = await t.app.inject({ url: link });
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['content-type'], 'application/pdf');
      assert.equal(qpdfCheck(first.rawPayload).status, 0);
      assert.equal(whitePaperBuilds(t.store), builds + 1, 'one build');
      const etag = String(first.headers.etag);
      assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/, 'the SHA-256 of the bytes');
      assert.equal(first.headers['cache-control'], 'no-store', 'a private link');

      // another reader, another link: the same stored bytes, no build
      const second = await t.app.inject({ url: await downloadLink() });
      assert.equal(second.statusCode, 200);
      assert.equal(whitePaperBuilds(t.store), builds + 1, 'served from storage');
      assert.equal(second.headers.etag, etag);
      assert.ok(second.rawPayload.equals(first.rawPayload));
      assert.deepEqual(
        (await t.store.whitePapers.list(wave.id)).map((p) => p.lang),
        ['fr'],
      );

      const again = await t.app.inject({ url: link, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.rawPayload.length, 0);
    });

    it('carries no reader’s name: the stored copy is the same for everyone', async () => {
      const pdf = await t.app.inject({ url: await downloadLink() });
      assert.ok(!pdf.rawPayload.toString('latin1').includes('Reader'), 'no personal data in the shared file');
    });

    it('shares one build between concurrent first downloads of a language', async () => {
      const links = await Promise.all([downloadLink('/en'), downloadLink('/en'), downloadLink('/en')]);
      const builds = whitePaperBuilds(t.store);
      const responses = await Promise.all(links.map((url) => t.app.inject({ url })));
      assert.deepEqual(
        responses.map((r) => r.statusCode),
        [200, 200, 200],
      );
      assert.equal(whitePaperBuilds(t.store), builds + 1, 'one build for three requests');
      assert.equal(new Set(responses.map((r) => r.headers.etag)).size, 1);
    });

    it('rebuilds the paper once its results change (an exclusion in cleaning), and drops it on unpublication', async () => {
      const link = await downloadLink();
      const before = (await t.store.whitePapers.list(wave.id)).find((p) => p.lang === 'fr')!;
      const [response] = await t.store.responses.list(wave.id, { status: 'complete', limit: 1 });
      await t.store.responses.setExclusion(response!.id, true, 'speeder');
      const builds = whitePaperBuilds(t.store);
      const rebuilt = await t.app.inject({ url: link });
      assert.equal(rebuilt.statusCode, 200);
      assert.equal(whitePaperBuilds(t.store), builds + 1, 'rebuilt');
      const after = (await t.store.whitePapers.list(wave.id)).find((p) => p.lang === 'fr')!;
      assert.notEqual(after.cacheKey, before.cacheKey);
      assert.equal(rebuilt.headers.etag, `"${after.etag}"`);

      const session = await signIn(t.app, 'analyst@example.org');
      const unpublished = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${wave.id}/status`,
        headers: { ...FORM_HEADERS, cookie: cookieHeader(session.jar) },
        payload: new URLSearchParams({ _csrf: session.csrf, action: 'unpublish', confirm: 'yes' }).toString(),
      });
      assert.equal(unpublished.statusCode, 303);
      assert.deepEqual(await t.store.whitePapers.list(wave.id), [], 'no paper of an unpublished wave');
      assert.equal((await t.app.inject({ url: link })).statusCode, 404, 'the link of an unpublished wave leads nowhere');
    });
  });

  describe(`publication warms the wave [${database.name}]`, () => {
    let t: AdminTestApp;
    before(async () => {
      t = await startAdminApp(database, { HOST: '127.0.0.1' }, { warm: true });
      await generateDemo(t.store, { waves: [2015] });
      await addUser(t.store, 'analyst@example.org', 'analyst');
    });
    after(() => t?.close());

    it('computes the results and stores the white paper in each language of the study in the background, so the first reader waits for neither', async () => {
      const wave = (await t.store.waves.getByCode(STUDY, '2015'))!;
      await t.store.waves.setStatus(wave.id, 'closed');
      const session = await signIn(t.app, 'analyst@example.org');
      const published = await t.app.inject({
        method: 'POST',
        url: `/admin/waves/${wave.id}/status`,
        headers: { ...FORM_HEADERS, cookie: cookieHeader(session.jar) },
        payload: new URLSearchParams({ _csrf: session.csrf, action: 'publish', confirm: 'yes' }).toString(),
      });
      assert.equal(published.statusCode, 303, 'the publication does not wait for the warm-up');
      await backgroundSettled(t.app);
      // the warm-up asked for the papers; a worker (here the app's own, drained) builds them
      assert.deepEqual(
        (await t.app.jobs.drainForTests()).map((j) => [j.kind, j.status]),
        [
          ['white-paper', 'done'],
          ['white-paper', 'done'],
        ],
      );
      const current = (await t.store.waves.get(wave.id))!;
      assert.deepEqual(
        (await t.store.whitePapers.list(wave.id)).map((p) => p.lang),
        ['en', 'fr'],
      );
      const { readWaveResults } = await import('../../src/analysis/results-cache.js');
      assert.equal((await readWaveResults(t.store, current)).source, 'cache', 'results computed ahead');
      const builds = whitePaperBuilds(t.store);
      const page = await t.app.inject({ url: `/resultats/${STUDY}` });
      assert.equal(page.statusCode, 200);
      assert.equal(whitePaperBuilds(t.store), builds);
    });
  });
}
