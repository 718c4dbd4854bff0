/**
 * The workspace response import: an upload is previewed (how its columns are read, the lines, the rejects)
 * and stored only as an import waiting for confirmation; the confirmation imports it, at once for a small
 * file, through the job queue for a large one (LARGE_IMPORT_BYTES), whatever its kind (RESPONSE_SOURCES);
 * a published wave needs an explicit box; an unknown, foreign or expired pending import is refused; every
 * import is in the audit log. On each test database.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateDemo } from '../../src/demo/index.js';
import { importLss, RESPONSE_SOURCES, RESPONSE_SOURCES_WITH_MAPPING } from '../../src/exchange/index.js';
import { sourceName } from '../../src/server/views/admin/import-view.js';
import { PAST_WAVE_CSV, PAST_WAVE_MAPPING, pastWaveStudy } from '../exchange/fixtures/past-wave-study.js';
import { exportFileSpec, writeExportFile, ZExportQuery } from '../../src/server/export-file.js';
import { runImportJob } from '../../src/server/jobs/import-job.js';
import { IMPORT_CONFIRM_MS } from '../../src/server/routes/admin/response-import-routes.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const BOUNDARY = '----barometre-import-test';

/** A multipart body: text fields, then files (field name → file name and content). */
function multipart(fields: Record<string, string>, files: Record<string, { name: string; text: string }>): string {
  const parts = Object.entries(fields).map(([name, value]) => `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  for (const [field, file] of Object.entries(files))
    parts.push(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${field}"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n${file.text}\r\n`);
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

// A LimeSurvey response export of the survey digital-uses.lss (its codes A1, Y, SQ001; its bookkeeping columns)
const LSS = readFileSync(new URL('../fixtures/exchange/digital-uses.lss', import.meta.url), 'utf8');
const LIME_HEADER =
  'id,submitdate,lastpage,startlanguage,seed,startdate,datestamp,ipaddr,SIZE,SECTOR,FOUNDED,USES,NETWORKS[SQ001],NETWORKS[SQ002],NETWORKS[SQ003],NETWORKS[other],AGREE[SQ001],AGREE[SQ002],SATISF,STARTDATE,COMMENTS,JOB,interviewtime';
const limeRow = (id: number) =>
  `${id},2024-03-01 09:07:30,3,fr,123,2024-03-01 09:00:00,2024-03-01 09:07:30,192.0.2.1,A1,2,1998,Y,Y,Y,,,3,4,5,2019-05-01 00:00:00,"Très bien, merci",Directrice,450`;
const limeExport = (rows: number) => [LIME_HEADER, ...Array.from({ length: rows }, (_, k) => limeRow(k + 1))].join('\r\n');

const pendingOf = (body: string) => Number(/name="pending" value="(\d+)"/.exec(body)?.[1] ?? Number.NaN);

for (const database of TEST_DATABASES) {
  describe(`response imports: preview, then confirm [${database.name}]`, () => {
    let t: AdminTestApp;
    let source: Wave;
    let limeVersionId: number;
    let csv: string;
    let headers: Record<string, string>;
    let csrf: string;
    let other: { headers: Record<string, string>; csrf: string };
    let serial = 0;

    const newWave = async (status: 'fieldwork' | 'published' = 'fieldwork') =>
      t.store.waves.create({ studyId: source.studyId, code: `imp${++serial}`, studyVersionId: source.studyVersionId, title: `Import ${serial}`, status });
    const upload = (wave: Wave, text: string, fields: Record<string, string> = {}, extra: Record<string, { name: string; text: string }> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/en/admin/waves/${wave.id}/import`,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart({ _csrf: csrf, ...fields }, { file: { name: 'responses.csv', text }, ...extra }),
      });
    const confirm = (wave: Wave, pending: number, fields: Record<string, string> = {}, as = { headers, csrf }) =>
      t.app.inject({
        method: 'POST',
        url: `/en/admin/waves/${wave.id}/import/confirm`,
        headers: { ...as.headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: as.csrf, pending: String(pending), ...fields }).toString(),
      });
    const imports = async () => t.store.auditLog.list({ action: 'responses.import', limit: 100 });

    before(async () => {
      t = await startAdminApp(database, { LARGE_IMPORT_BYTES: '2000' });
      await addUser(t.store, 'analyst@example.org', 'analyst');
      await addUser(t.store, 'other@example.org', 'analyst');
      const demo = await generateDemo(t.store, { waves: [2017], n: 40, seed: 9, secretKey: t.config.secretKey });
      source = (await t.store.waves.get(demo.waves[0].waveId))!;
      const written = await writeExportFile(t.store, source, exportFileSpec(source, 'csv', ZExportQuery.parse({ responses: 'all' }))!);
      csv = await readFile(written.file, 'utf8');
      await written.remove();
      const lines = csv.trimEnd().split('\n');
      // two lines that cannot be read: one cell, then two, against the header's many
      csv = `${[...lines, 'x', 'y,z'].join('\n')}\n`;
      assert.ok(csv.length > 2000, 'a file above LARGE_IMPORT_BYTES');
      const imported = importLss(LSS, { studyId: 'digital-uses' });
      assert.ok(imported.study, JSON.stringify(imported.errors));
      limeVersionId = (await t.store.studies.saveVersion(imported.study.id, imported.study as never)).studyVersion.id;
      const analyst = await signIn(t.app, 'analyst@example.org');
      headers = { cookie: cookieHeader(analyst.jar) };
      csrf = analyst.csrf;
      const second = await signIn(t.app, 'other@example.org');
      other = { headers: { cookie: cookieHeader(second.jar) }, csrf: second.csrf };
    });
    after(async () => t?.close());

    it('offers every kind of file on the upload page, linked from the wave page', async () => {
      const wave = await newWave();
      const overview = await t.app.inject({ url: `/en/admin/waves/${wave.id}`, headers });
      assert.match(overview.body, new RegExp(`href="/en/admin/waves/${wave.id}/import" id="link-import"`));
      const form = await t.app.inject({ url: `/en/admin/waves/${wave.id}/import`, headers });
      assert.equal(form.statusCode, 200);
      // every kind of file, named in the interface's words
      assert.match(form.body, /<option value="csv" selected>CSV in the columns of our export<\/option>/);
      for (const source of RESPONSE_SOURCES) assert.ok(form.body.includes(`<option value="${source}"`) && form.body.includes(`>${sourceName('en', source)}</option>`), source);
      assert.match(form.body, /name="skipInvalid"/);
    });

    it('previews a small file without importing it, then imports it on confirmation, once, with its audit entry', async () => {
      const wave = await newWave();
      const small = csv.split('\n').slice(0, 3).join('\n');
      const preview = await upload(wave, small);
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(preview.body, /responses\.csv \(CSV in the columns of our export\): 2 line\(s\) read, 2 valid, 0 problem\(s\) found\./);
      assert.match(preview.body, /<tr><td><code>response_id<\/code><\/td><td><span class="hint">left out<\/span><\/td><\/tr>/);
      assert.match(preview.body, /<tr><td><code>status<\/code><\/td><td><code>status<\/code><\/td><\/tr>/);
      assert.match(preview.body, /2 response\(s\) will be imported when you confirm\./);
      const pending = pendingOf(preview.body);
      assert.ok(pending > 0);
      assert.equal(await t.store.responses.count(wave.id), 0, 'the preview imports nothing');
      assert.equal((await imports()).filter((e) => e.target === `wave:${wave.id}`).length, 0, 'nor audits an import');
      assert.equal((await t.store.jobs.get(pending))?.status, 'waiting-confirmation');
      assert.equal(await t.app.jobs.drainForTests().then((ran) => ran.length), 0, 'no worker takes an unconfirmed import');

      const done = await confirm(wave, pending);
      assert.equal(done.statusCode, 200, done.body);
      assert.match(done.body, /2 response\(s\) imported from 2 line\(s\); 0 problem\(s\) found\./);
      assert.equal(await t.store.responses.count(wave.id), 2);
      assert.equal((await t.store.jobs.get(pending))?.status, 'done');
      const [entry] = (await imports()).filter((e) => e.target === `wave:${wave.id}`);
      assert.equal(entry?.userId, (await t.store.users.getByEmail('analyst@example.org'))?.id);
      assert.deepEqual(entry?.details, { imported: 2, lines: 2, rejected: 0, job: pending, file: 'responses.csv', source: 'csv' });

      const again = await confirm(wave, pending);
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /This import has already been confirmed\./);
      assert.equal(await t.store.responses.count(wave.id), 2, 'never imported twice');
    });

    it('asks for the published-results box on a published wave, refuses a confirmation without it, imports with it', async () => {
      const wave = await newWave('published');
      const preview = await upload(wave, csv.split('\n').slice(0, 4).join('\n'));
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(preview.body, /id="import-published-warning">The results of this wave are published/);
      assert.match(preview.body, /name="published" value="1" required/);
      const pending = pendingOf(preview.body);

      const refused = await confirm(wave, pending);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /check “I understand this changes published results” to confirm the import/);
      assert.equal(pendingOf(refused.body), pending, 'the confirmation is asked again');
      assert.equal(await t.store.responses.count(wave.id), 0);
      assert.equal((await t.store.jobs.get(pending))?.status, 'waiting-confirmation');

      const done = await confirm(wave, pending, { published: '1' });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(await t.store.responses.count(wave.id), 3);
      const [entry] = (await imports()).filter((e) => e.target === `wave:${wave.id}`);
      assert.deepEqual(entry?.details, { imported: 3, lines: 3, rejected: 0, job: pending, file: 'responses.csv', source: 'csv', published: true });
    });

    it('refuses an unknown pending import, another user’s, and another wave’s', async () => {
      const wave = await newWave();
      const elsewhere = await newWave();
      const pending = pendingOf((await upload(wave, csv.split('\n').slice(0, 3).join('\n'))).body);
      for (const res of [await confirm(wave, 999_999), await confirm(wave, pending, {}, other), await confirm(elsewhere, pending)]) {
        assert.equal(res.statusCode, 404);
        assert.match(res.body, /No import of yours is waiting for confirmation on this wave under this number\./);
      }
      assert.equal(await t.store.responses.count(wave.id), 0);
      assert.equal(await t.store.responses.count(elsewhere.id), 0);
      assert.equal((await confirm(wave, pending)).statusCode, 200, 'its own user still confirms it');
    });

    it('says in words what is wrong with the form: no file, a mapping file for a kind that takes none, an unknown kind', async () => {
      const wave = await newWave();
      const none = await upload(wave, '');
      assert.equal(none.statusCode, 400);
      assert.match(none.body, /Choose a response file to import\./);
      const mapped = await upload(wave, csv.split('\n').slice(0, 3).join('\n'), {}, { mapping: { name: 'map.csv', text: 'a,b\n' } });
      assert.equal(mapped.statusCode, 400);
      assert.match(mapped.body, /This kind of file \(CSV in the columns of our export\) takes no mapping file: leave that field empty\./);
      // each source that is read with a mapping file refuses an upload without one
      for (const source of RESPONSE_SOURCES_WITH_MAPPING) {
        const missing = await upload(wave, 'a\n1\n', { source });
        assert.equal(missing.statusCode, 400);
        assert.ok(missing.body.includes(`This kind of file (${sourceName('en', source)}) is read with a mapping file: choose one.`), source);
      }
      const unknown = await upload(wave, 'a\n1\n', { source: 'spss-old' });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /Choose the kind of file among those listed\./);
      assert.equal((await t.store.jobs.listByWave(wave.id)).length, 0, 'nothing held');
    });

    it('holds nothing when no line would be imported, and says why', async () => {
      const wave = await newWave();
      const header = csv.split('\n')[0];
      const res = await upload(wave, `${header}\n${csv.split('\n')[1]}\nx\n`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /2 line\(s\) read, 1 valid, \d+ problem\(s\) found\./);
      assert.match(res.body, /Nothing can be imported as it stands/);
      assert.match(res.body, /<td>3<\/td><td><code><\/code><\/td><td>1 cells, the header has \d+<\/td>/);
      assert.ok(Number.isNaN(pendingOf(res.body)));
      assert.equal((await t.store.jobs.listByWave(wave.id)).length, 0);
    });

    it('previews a LimeSurvey export with the columns it leaves out, then imports it', async () => {
      const wave = await t.store.waves.create({ studyId: 'digital-uses', code: `lime${++serial}`, studyVersionId: limeVersionId, title: 'LimeSurvey', status: 'fieldwork' });
      const preview = await upload(wave, limeExport(2), { source: 'limesurvey' });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(preview.body, /responses\.csv \(LimeSurvey response export \(CSV\)\): 2 line\(s\) read, 2 valid, 0 problem\(s\) found\./);
      for (const column of ['id', 'lastpage', 'seed', 'ipaddr', 'interviewtime']) assert.ok(preview.body.includes(`<code>${column}</code>`), column);
      assert.match(preview.body, /left out/i);
      assert.doesNotMatch(preview.body, /192\.0\.2/, 'no IP address shown');
      const done = await confirm(wave, pendingOf(preview.body));
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(await t.store.responses.count(wave.id), 2);
      const [entry] = (await imports()).filter((e) => e.target === `wave:${wave.id}`);
      assert.equal((entry!.details as { source?: string }).source, 'limesurvey');
    });

    it('previews a CSV of other names and codes with its mapping file (each column and what it fills), then imports it', async () => {
      const study = pastWaveStudy();
      const versionId = (await t.store.studies.saveVersion(study.id, study as never)).studyVersion.id;
      const wave = await t.store.waves.create({ studyId: study.id, code: `map${++serial}`, studyVersionId: versionId, title: 'Mapped', status: 'fieldwork' });
      const map = { mapping: { name: 'map.json', text: JSON.stringify(PAST_WAVE_MAPPING) } };
      const preview = await upload(wave, PAST_WAVE_CSV, { source: 'mapped' }, map);
      assert.equal(preview.statusCode, 200, preview.body);
      const lines = PAST_WAVE_CSV.trimEnd().split(/\r?\n/).length - 1;
      assert.match(preview.body, new RegExp(`responses\\.csv \\(CSV or SPSS \\.sav with a mapping file\\): ${lines} line\\(s\\) read, ${lines} valid, 0 problem\\(s\\) found\\.`));
      // the mapping as read: a foreign column and the variable it fills, the ignored ones listed
      assert.ok(preview.body.includes('<code>SEXE</code>') && preview.body.includes('<code>gender</code>'), 'SEXE → gender shown');
      assert.ok(preview.body.includes('<code>RESPID</code>'));
      assert.doesNotMatch(preview.body, /192\.0\.2/, 'an ignored column shows no value');
      assert.equal(await t.store.responses.count(wave.id), 0, 'a preview stores nothing');
      const done = await confirm(wave, pendingOf(preview.body));
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(await t.store.responses.count(wave.id), lines);
      const [entry] = (await imports()).filter((e) => e.target === `wave:${wave.id}`);
      assert.equal((entry!.details as { source?: string }).source, 'mapped');
      // a mapping naming an option the study lacks is refused in words, by its path, and nothing is held
      const bad = structuredClone(PAST_WAVE_MAPPING) as { columns: Record<string, unknown> };
      bad.columns.CANAL_3 = { question: 'channels', option: 7 };
      const refused = await upload(wave, PAST_WAVE_CSV, { source: 'mapped' }, { mapping: { name: 'map.json', text: JSON.stringify(bad) } });
      assert.equal(refused.statusCode, 400, refused.body);
      assert.match(refused.body, /columns\.CANAL_3\.option/);
    });

    it('imports a large LimeSurvey export through a job that keeps its kind', async () => {
      const wave = await t.store.waves.create({ studyId: 'digital-uses', code: `lime${++serial}`, studyVersionId: limeVersionId, title: 'LimeSurvey large', status: 'fieldwork' });
      const text = limeExport(15);
      assert.ok(Buffer.byteLength(text) > 2000);
      const pending = pendingOf((await upload(wave, text, { source: 'limesurvey' })).body);
      const started = await confirm(wave, pending);
      assert.equal(started.statusCode, 303, started.body);
      assert.equal(started.headers.location, `/en/admin/waves/${wave.id}/jobs/${pending}`);
      const job = await t.store.jobs.get(pending);
      assert.deepEqual([job?.status, (job!.payload as { source?: string }).source], ['queued', 'limesurvey']);
      assert.equal(await t.store.responses.count(wave.id), 0, 'nothing imported before the job runs');
      const [ran] = await t.app.jobs.drainForTests();
      assert.deepEqual([ran?.id, ran?.status], [pending, 'done']);
      assert.equal(await t.store.responses.count(wave.id), 15);
    });

    it('imports a large CSV file through a job whose page lists the rows in and every reject with its reason', async () => {
      const wave = await newWave();
      const preview = await upload(wave, csv, { skipInvalid: '1' });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.match(preview.body, /42 line\(s\) read, 40 valid, \d+ problem\(s\) found\./);
      assert.match(preview.body, /40 response\(s\) will be imported when you confirm\. The lines with a problem will be left out\./);
      const pending = pendingOf(preview.body);
      const started = await confirm(wave, pending);
      assert.equal(started.statusCode, 303, started.body);
      const jobPage = String(started.headers.location);
      assert.equal((await t.store.jobFiles.info(pending, 'input'))?.size, Buffer.byteLength(csv));
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
      const [entry] = (await imports()).filter((e) => e.target === `wave:${wave.id}`);
      assert.deepEqual(entry?.details, { imported: 40, lines: 42, rejected: problems, job: pending, file: 'responses.csv', source: 'csv' });

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

    // last: it moves the app's clock
    it('refuses a preview past its time, and the worker cancels the unconfirmed imports whose file went', async () => {
      const wave = await newWave();
      const small = csv.split('\n').slice(0, 3).join('\n');
      const first = pendingOf((await upload(wave, small)).body);
      const second = pendingOf((await upload(wave, small)).body);
      t.clock.advance(IMPORT_CONFIRM_MS + 60_000);
      const late = await confirm(wave, first);
      assert.equal(late.statusCode, 410);
      assert.match(late.body, /This preview has expired and its file has been deleted: upload the file again\./);
      assert.equal((await t.store.jobs.get(first))?.status, 'cancelled');
      // the worker's hourly purge deletes the expired upload and cancels its import
      t.clock.advance(3_600_000);
      await t.app.jobs.drainForTests();
      assert.equal(await t.store.jobFiles.info(second, 'input'), undefined);
      assert.equal((await t.store.jobs.get(second))?.status, 'cancelled');
      assert.equal((await confirm(wave, second)).statusCode, 410);
      assert.equal(await t.store.responses.count(wave.id), 0);
    });
  });
}
