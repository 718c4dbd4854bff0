/**
 * Exports of large waves run as jobs (issue 19): the export link of a wave with at least LARGE_WAVE_RESPONSES
 * responses offers a job, the job's page shows its progress and then the file, stored in the database in
 * parts, and that file holds the same bytes as the direct export. On each test database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { writeExportFile, exportFileSpec, ZExportQuery } from '../../src/server/export-file.js';
import { readFile } from 'node:fs/promises';
import type { Wave } from '../../src/store/index.js';
import { JOB_FILE_PART_BYTES } from '../../src/store/repositories/job-files-repository.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const database of TEST_DATABASES) {
  describe(`exports as jobs [${database.name}]`, () => {
    let t: AdminTestApp;
    let wave: Wave;
    let headers: Record<string, string>;
    before(async () => {
      t = await startAdminApp(database, { LARGE_WAVE_RESPONSES: '100' });
      await addUser(t.store, 'analyst@example.org', 'analyst');
      const result = await generateDemo(t.store, { waves: [2017], n: 150, seed: 11, secretKey: t.config.secretKey });
      wave = (await t.store.waves.get(result.waves[0].waveId))!;
      const analyst = await signIn(t.app, 'analyst@example.org');
      headers = { cookie: cookieHeader(analyst.jar) };
    });
    after(async () => t?.close());

    const direct = async (format: string, query: Record<string, string>, now: Date) => {
      const spec = exportFileSpec(wave, format, ZExportQuery.parse(query))!;
      const { file, remove } = await writeExportFile(t.store, wave, spec, undefined, now);
      try {
        return await readFile(file);
      } finally {
        await remove();
      }
    };

    for (const [format, query] of [
      ['csv', { labels: '1', separator: ';' }],
      ['sav', {}],
      ['triple-s', {}],
      ['jsonl', { responses: 'all' }],
    ] as const) {
      it(`runs the ${format} export of a large wave as a job whose file equals the direct export`, async () => {
        const offer = await t.app.inject({ url: `/en/admin/waves/${wave.id}/export/${format}?${new URLSearchParams(query)}`, headers });
        assert.equal(offer.statusCode, 200);
        assert.match(offer.headers['content-type'] as string, /text\/html/);
        assert.match(offer.body, /This wave has 150 responses/);
        const form = offer.body.match(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/)!;
        const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
        const started = await t.app.inject({
          method: 'POST',
          url: form[1].replaceAll('&amp;', '&'),
          headers: { ...FORM, ...headers },
          payload: new URLSearchParams(fields).toString(),
        });
        assert.equal(started.statusCode, 303, started.body);
        const jobPage = String(started.headers.location);
        const waiting = await t.app.inject({ url: jobPage, headers });
        assert.match(waiting.body, /http-equiv="refresh"/);
        const [ran] = await t.app.jobs.drainForTests();
        assert.deepEqual([ran?.kind, ran?.status, ran?.progressDone, ran?.progressTotal], ['export', 'done', ran?.progressTotal, format === 'jsonl' ? 150 : ran?.progressTotal]);
        const page = await t.app.inject({ url: jobPage.replace(/^\/(fr|de|es)\//, '/en/'), headers });
        const link = page.body.match(/<a href="([^"]+)" id="job-file" download>Download ([^ ]+) \((\d+) bytes\)/);
        assert.ok(link, page.body);
        const file = await t.app.inject({ url: link[1], headers });
        assert.equal(file.statusCode, 200);
        assert.equal(file.headers['content-length'], link[3]);
        assert.match(String(file.headers['content-disposition']), new RegExp(link[2].replace('.', '\\.')));
        assert.ok(
          file.rawPayload.equals(await direct(format, query, new Date((ran!.payload as { requestedAt: string }).requestedAt))),
          `the ${format} job's file differs from the direct export`,
        );
        const actions = (await t.store.auditLog.list({ limit: 5 })).map((e) => e.action);
        assert.ok(actions.includes('export.job') && actions.includes('export'), actions.join());
      });
    }

    it('streams a small wave directly and refuses the file of another wave’s job', async () => {
      const small = await generateDemo(t.store, { waves: [2016], n: 40, seed: 3, secretKey: t.config.secretKey });
      const res = await t.app.inject({ url: `/admin/waves/${small.waves[0].waveId}/export/csv`, headers });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /text\/csv/);
      const [job] = await t.store.jobs.listByWave(wave.id, { kinds: ['export'], limit: 1 });
      assert.equal((await t.app.inject({ url: `/admin/waves/${small.waves[0].waveId}/jobs/${job.id}/file`, headers })).statusCode, 404);
    });

    it('stores a file of several parts and reads it back whole; expired files go', async () => {
      const job = await t.store.jobs.enqueue({ kind: 'export', waveId: wave.id });
      const bytes = Buffer.alloc(2 * JOB_FILE_PART_BYTES + 123, 7);
      bytes.write('end', bytes.length - 3);
      const now = new Date('2026-01-01T00:00:00Z');
      const size = await t.store.jobFiles.put({ jobId: job.id, role: 'output', name: 'x.csv', contentType: 'text/csv', bytes, expiresAt: new Date(now.getTime() + 1000) }, now);
      assert.equal(size, bytes.length);
      const parts: Buffer[] = [];
      for await (const part of t.store.jobFiles.read(job.id, 'output')) parts.push(part);
      assert.equal(parts.length, 3);
      assert.ok(Buffer.concat(parts).equals(bytes));
      assert.equal((await t.store.jobFiles.info(job.id, 'output'))?.size, bytes.length);
      assert.equal((await t.store.jobFiles.purgeExpired(new Date(now.getTime() + 2000))) >= 3, true);
      assert.equal(await t.store.jobFiles.info(job.id, 'output'), undefined);
    });
  });
}
