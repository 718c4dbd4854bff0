/**
 * Response imports of large files (LARGE_IMPORT_BYTES) run as jobs: the upload is stored as the job's input
 * file, the job's page shows the rows in and each reject with its reason, the audit log records it, and a
 * job retried after its rows committed does not import them twice. On each test database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { generateDemo } from '../../src/demo/index.js';
import { exportFileSpec, writeExportFile, ZExportQuery } from '../../src/server/export-file.js';
import { runImportJob } from '../../src/server/jobs/import-job.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const BOUNDARY = '----barometre-import-test';

function multipart(fields: Record<string, string>, file: string): string {
  const parts = Object.entries(fields).map(([name, value]) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="responses.csv"\r\ncontent-type: text/csv\r\n\r\n${file}\r\n`);
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

for (const database of TEST_DATABASES) {
  describe(`response imports as jobs [${database.name}]`, () => {
    let t: AdminTestApp;
    let source: Wave;
    let csv: string;
    let headers: Record<string, string>;
    let csrf: string;
    let serial = 0;

    const newWave = async () =>
      t.store.waves.create({ studyId: source.studyId, code: `imp${++serial}`, studyVersionId: source.studyVersionId, title: `Import ${serial}`, status: 'fieldwork' });
    const upload = (wave: Wave, file: string, fields: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/en/admin/waves/${wave.id}/import`,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart({ _csrf: csrf, ...fields }, file),
      });

    before(async () => {
      t = await startAdminApp(database, { LARGE_IMPORT_BYTES: '2000' });
      await addUser(t.store, 'analyst@example.org', 'analyst');
      const demo = await generateDemo(t.store, { waves: [2017], n: 40, seed: 9, secretKey: t.config.secretKey });
      source = (await t.store.waves.get(demo.waves[0].waveId))!;
      const written = await writeExportFile(t.store, source, exportFileSpec(source, 'csv', ZExportQuery.parse({ responses: 'all' }))!);
      csv = await readFile(written.file, 'utf8');
      await written.remove();
      const lines = csv.trimEnd().split('\n');
      // two lines that cannot be read: one cell, then two, against the header's many
      csv = `${[...lines, 'x', 'y,z'].join('\n')}\n`;
      assert.ok(csv.length > 2000, 'a file above LARGE_IMPORT_BYTES');
      const analyst = await signIn(t.app, 'analyst@example.org');
      headers = { cookie: cookieHeader(analyst.jar) };
      csrf = analyst.csrf;
    });
    after(async () => t?.close());

    it('imports a large file through a job whose page lists the rows in and every reject with its reason', async () => {
      const wave = await newWave();
      const started = await upload(wave, csv, { skipInvalid: '1' });
      assert.equal(started.statusCode, 303, started.body);
      const jobPage = String(started.headers.location);
      const [job] = await t.store.jobs.listByWave(wave.id, { kinds: ['import-responses'] });
      assert.equal((await t.store.jobFiles.info(job.id, 'input'))?.size, Buffer.byteLength(csv));
      assert.equal(await t.store.responses.count(wave.id), 0, 'nothing imported before the job runs');
      const [ran] = await t.app.jobs.drainForTests();
      assert.deepEqual([ran?.kind, ran?.status], ['import-responses', 'done']);
      assert.equal(await t.store.responses.count(wave.id), 40);
      const page = await t.app.inject({ url: jobPage, headers });
      const problems = (ran!.result as { rejectedCount: number }).rejectedCount;
      assert.ok(problems >= 2);
      assert.ok(page.body.includes(`40 response(s) imported from 42 line(s); ${problems} problem(s) found.`));
      assert.match(page.body, /<td>42<\/td><td><code><\/code><\/td><td>1 cells, the header has \d+<\/td>/);
      assert.match(page.body, /<td>43<\/td><td><code><\/code><\/td><td>2 cells, the header has \d+<\/td>/);
      const [entry] = await t.store.auditLog.list({ action: 'responses.import', limit: 1 });
      assert.deepEqual(entry.details, { imported: 40, lines: 42, rejected: problems, job: job.id, file: 'upload.csv' });

      // the same job run again after its rows and result committed (a worker that died before marking it done): no second import
      const context = {
        job: ran!,
        store: t.store,
        config: t.config,
        now: () => new Date(),
        siteUrl: () => '',
        progress: async () => {},
        stopping: () => false,
        mailSlot: async () => {},
      };
      assert.equal(await runImportJob(context), 'done');
      assert.equal(await t.store.responses.count(wave.id), 40);
    });

    it('reports the rejects and imports nothing when a line fails and valid lines are not to be kept', async () => {
      const wave = await newWave();
      assert.equal((await upload(wave, csv)).statusCode, 303);
      const [ran] = await t.app.jobs.drainForTests();
      assert.deepEqual([ran?.status, (ran!.result as { imported: number }).imported, (ran!.result as { rejectedCount: number }).rejectedCount > 0], ['done', 0, true]);
      assert.equal(await t.store.responses.count(wave.id), 0);
      const page = await t.app.inject({ url: `/en/admin/waves/${wave.id}/jobs/${ran!.id}`, headers });
      assert.match(page.body, /Nothing was imported/);
    });

    it('imports a small file at once and shows its result', async () => {
      const wave = await newWave();
      const small = csv.split('\n').slice(0, 3).join('\n');
      const res = await upload(wave, small);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(res.body, /2 response\(s\) imported from 2 line\(s\); 0 problem\(s\) found\./);
      assert.equal(await t.store.responses.count(wave.id), 2);
      assert.equal((await t.store.jobs.listByWave(wave.id)).length, 0);
    });
  });
}
