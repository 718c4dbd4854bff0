import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../helpers/databases.js';
import { marketSpanish } from '../exchange/xlsform/corpus.js';
import { writeXlsForm } from '../exchange/xlsform/write-xlsform.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const households = () => JSON.parse(readFileSync(new URL('../fixtures/studies/households.json', import.meta.url), 'utf8'));
const LSS = readFileSync(new URL('../fixtures/exchange/digital-uses.lss', import.meta.url), 'utf8');
type Session = Awaited<ReturnType<typeof signIn>>;

/** A multipart/form-data body as a browser sends it: text fields, then the file (possibly empty). */
function multipart(fields: Record<string, string>, file: { name: string; content: string | Buffer }) {
  const boundary = `----barometre${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(Buffer.from(file.content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The text of a page without its tags, white space collapsed (no-break spaces kept). */
const textOf = (body: string) =>
  body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\n]+/g, ' ');

for (const database of TEST_DATABASES) {
  describe(`workspace studies: upload, versions, diff, download [${database.name}]`, () => {
    let t: AdminTestApp;
    let analyst: Session;
    let viewer: Session;
    before(async () => {
      t = await startAdminApp(database);
      await addUser(t.store, 'analyst@example.org', 'analyst');
      await addUser(t.store, 'viewer@example.org', 'viewer');
      analyst = await signIn(t.app, 'analyst@example.org');
      viewer = await signIn(t.app, 'viewer@example.org');
    });
    after(() => t.close());

    const upload = (who: Session, url: string, file: { name: string; content: string | Buffer }, fields: Record<string, string> = {}, csrf = true) => {
      const body = multipart({ ...(csrf ? { _csrf: who.csrf } : {}), format: 'native', ...fields }, file);
      return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType, cookie: cookieHeader(who.jar) } });
    };
    const get = (who: Session, url: string) => t.app.inject({ url, headers: { cookie: cookieHeader(who.jar) } });
    const studyAudits = async () => (await t.store.auditLog.list({ limit: 1000 })).filter((e) => e.action.startsWith('study.'));

    it('lists studies for every role, and shows the upload form to analysts only', async () => {
      const page = await get(viewer, '/en/admin/studies');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Studies<\/h1>/);
      assert.match(page.body, /href="\/en\/admin\/studies" aria-current="page"/);
      assert.doesNotMatch(page.body, /enctype="multipart\/form-data"/);
      assert.match(textOf(page.body), /Your role can read studies/);
      const form = await get(analyst, '/admin/studies');
      assert.match(form.body, /<form method="post" action="\/admin\/studies" enctype="multipart\/form-data">/);
      assert.match(form.body, /name="_csrf"/);
      const refused = await upload(viewer, '/admin/studies', { name: 'h.json', content: JSON.stringify(households()) });
      assert.equal(refused.statusCode, 403);
      assert.deepEqual(await t.store.studies.list(), []);
    });

    it('refuses an upload without its CSRF token', async () => {
      const res = await upload(analyst, '/admin/studies', { name: 'h.json', content: JSON.stringify(households()) }, {}, false);
      assert.equal(res.statusCode, 403);
      assert.deepEqual(await t.store.studies.list(), []);
    });

    it('answers an invalid file with a 400 page listing each error with its path, and stores nothing', async () => {
      const doc = households();
      doc.pages[1].questions[0].options[2].code = 2;
      doc.cuts.push({ variable: 'comfort' });
      const res = await upload(analyst, '/en/admin/studies', { name: 'broken.json', content: JSON.stringify(doc) });
      assert.equal(res.statusCode, 400);
      const text = textOf(res.body);
      assert.match(text, /The file is not stored/);
      assert.match(text, /Errors to fix: 2\./);
      assert.match(res.body, /<li><code>pages\[1\]\.questions\[0\]\.options\[2\]\.code<\/code> duplicate code 2<\/li>/);
      assert.match(res.body, /<li><code>cuts\[2\]<\/code> &quot;comfort&quot; is not a single-choice question of the questionnaire<\/li>/);
      assert.match(res.body, /enctype="multipart\/form-data"/, 'the form is there to upload again');
      const french = await upload(analyst, '/admin/studies', { name: 'broken.json', content: JSON.stringify(doc) });
      assert.equal(french.statusCode, 400);
      assert.match(french.body, /<li><code>pages\[1\]\.questions\[0\]\.options\[2\]\.code<\/code> code 2 en double<\/li>/, 'the French workspace says it in French');
      assert.match(french.body, /<li><code>cuts\[2\]<\/code> «\u00A0comfort\u00A0» n’est pas une question à choix unique du questionnaire<\/li>/);
      const empty = await upload(analyst, '/en/admin/studies', { name: '', content: '' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /<code>file<\/code> no file chosen/);
      const notJson = await upload(analyst, '/en/admin/studies', { name: 'x.json', content: '{ nope' });
      assert.equal(notJson.statusCode, 400);
      assert.match(notJson.body, /<code>\(document\)<\/code> not valid JSON/);
      const frenchJson = await upload(analyst, '/admin/studies', { name: 'x.json', content: '{ nope' });
      assert.match(frenchJson.body, /<code>\(document\)<\/code> JSON non valide\u00A0: /);
      assert.deepEqual(await t.store.studies.list(), []);
      assert.deepEqual(await studyAudits(), []);
    });

    it('stores a fixed file as version 1, lists it, and refuses the same id again with 409', async () => {
      const res = await upload(analyst, '/admin/studies', { name: 'households.json', content: JSON.stringify(households()) });
      assert.equal(res.statusCode, 201);
      assert.match(textOf(res.body), /Version 1 de l’étude household-energy enregistrée\./);
      assert.match(res.body, /<h1>Baromètre de l’énergie des ménages <code>household-energy<\/code><\/h1>/);
      const [audit] = await studyAudits();
      assert.equal(audit.action, 'study.add');
      assert.equal(audit.userId, (await t.store.users.getByEmail('analyst@example.org'))!.id);
      assert.deepEqual(audit.details, { version: 1, format: 'native', mode: 'add', via: 'workspace' });

      const list = textOf((await get(viewer, '/en/admin/studies')).body);
      assert.match(list, /Household energy barometer household-energy 1 1 no wave/);

      const again = await upload(analyst, '/en/admin/studies', { name: 'households.json', content: JSON.stringify(households()) });
      assert.equal(again.statusCode, 409);
      assert.match(textOf(again.body), /Study household-energy is already stored \(version 1\)\. Upload the file on its page/);
      assert.equal((await t.store.studies.listVersions('household-energy')).length, 1);
    });

    it('stores a new version on the study page with its diff; the wave on version 1 keeps it; diff and download pages', async () => {
      const v1 = (await t.store.studies.getVersion('household-energy', 1))!;
      const wave = await t.store.waves.create({ studyId: 'household-energy', code: '2026', studyVersionId: v1.id, title: 'Vague 2026' });
      const doc = households();
      doc.pages[0].questions[1].text.en = 'In which region is your home?';
      doc.pages[1].questions[0].options.pop();
      doc.margins = ['region'];

      const wrongId = await upload(analyst, '/en/admin/studies/household-energy/versions', { name: 'h.json', content: JSON.stringify({ ...doc, id: 'other-study' }) });
      assert.equal(wrongId.statusCode, 400);
      assert.match(wrongId.body, /<code>id<\/code> the file is study &quot;other-study&quot;, not &quot;household-energy&quot;/);

      const res = await upload(analyst, '/en/admin/studies/household-energy/versions', { name: 'h.json', content: JSON.stringify(doc) });
      assert.equal(res.statusCode, 201);
      const text = textOf(res.body);
      assert.match(text, /Version 2 of study household-energy stored\./);
      assert.match(text, /Changes since version 1/);
      assert.match(res.body, /<li>question region: text reworded \(en\)<\/li>/);
      assert.match(res.body, /<li>question heat_source: options 3 removed \(Bois\)<\/li>/);
      assert.match(res.body, /<li>weighting margin household_size removed<\/li>/);
      assert.equal((await t.store.waves.get(wave.id))?.studyVersionId, v1.id);
      assert.deepEqual(await t.store.studies.getVersionById(v1.id), v1, 'the version a wave uses never changes');

      const same = await upload(analyst, '/en/admin/studies/household-energy/versions', { name: 'h.json', content: JSON.stringify(doc) });
      assert.equal(same.statusCode, 200);
      assert.match(textOf(same.body), /This file is identical to version 2: nothing is stored\./);

      const list = textOf((await get(viewer, '/en/admin/studies')).body);
      assert.match(list, /household-energy 2 2 2026 \(version 1\)/);

      const diff = await get(viewer, '/admin/studies/household-energy/diff?from=1&to=2');
      assert.equal(diff.statusCode, 200);
      assert.match(diff.body, /<li>question region\u00A0: text reformulé \(en\)<\/li>/);
      assert.equal((await get(viewer, '/admin/studies/household-energy/diff?from=1&to=9')).statusCode, 404);

      const download = await get(viewer, '/admin/studies/household-energy/versions/1/download');
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-disposition'], 'attachment; filename="household-energy-v1.json"');
      assert.match(String(download.headers['content-type']), /^application\/json/);
      assert.deepEqual(JSON.parse(download.body), v1.document);
      assert.equal((await get(viewer, '/admin/studies/household-energy/versions/3/download')).statusCode, 404);
      assert.equal((await get(viewer, '/admin/studies/no-such-study')).statusCode, 404);
    });

    it("imports a LimeSurvey questionnaire in one step, showing the importer's warnings", async () => {
      const res = await upload(analyst, '/en/admin/studies', { name: 'digital.lss', content: LSS }, { format: 'limesurvey', studyId: 'digital-uses' });
      assert.equal(res.statusCode, 201);
      assert.match(textOf(res.body), /Version 1 of study digital-uses stored\./);
      assert.match(textOf(res.body), /Import warnings/);
      const imports = await t.store.auditLog.list({ action: 'study.import' });
      assert.deepEqual(
        imports.map((e) => e.details),
        [{ version: 1, format: 'limesurvey', mode: 'add', via: 'workspace' }],
      );
    });

    it('refuses a LimeSurvey import whose losses change who sees what, unless "accept losses" is ticked', async () => {
      const filtered = readFileSync(new URL('../exchange/fixtures/lss/gesundheit.lss', import.meta.url), 'utf8');
      const refused = await upload(analyst, '/en/admin/studies', { name: 'health.lss', content: filtered }, { format: 'limesurvey', studyId: 'health' });
      assert.equal(refused.statusCode, 400);
      assert.match(textOf(refused.body), /OFT: array filter left out/);
      assert.match(
        textOf(refused.body),
        /\(check “Store the import even if some display logic cannot be kept” to store it anyway\)/,
        'the workspace names its checkbox, not the CLI flag',
      );
      assert.doesNotMatch(refused.body, /--accept-losses/);
      const french = await upload(analyst, '/admin/studies', { name: 'health.lss', content: filtered }, { format: 'limesurvey', studyId: 'health' });
      assert.match(textOf(french.body), /OFT\u00A0: array filter non repris\u00A0: .*\(cochez «\u00A0Enregistrer l’import/);
      assert.match(refused.body, /name="acceptLosses"/);
      assert.equal(await t.store.studies.latestVersion('health'), undefined);
      const accepted = await upload(analyst, '/en/admin/studies', { name: 'health.lss', content: filtered }, { format: 'limesurvey', studyId: 'health', acceptLosses: '1' });
      assert.equal(accepted.statusCode, 201);
      assert.match(textOf(accepted.body), /lost: array filter: OFT: every item is shown/);
    });

    it('imports an XLSForm workbook, refusing a loss of display logic until it is accepted', async () => {
      const form = Buffer.from(await writeXlsForm(marketSpanish));
      const refused = await upload(analyst, '/en/admin/studies', { name: 'mercado.xlsx', content: form }, { format: 'xlsform' });
      assert.equal(refused.statusCode, 400);
      assert.match(textOf(refused.body), /survey row 3 \("preferida"\): relevant left out: .*count-selected\(\) is not supported; the question is shown to everyone/);
      assert.equal(await t.store.studies.latestVersion('mercado-2026'), undefined, 'nothing stored');
      const res = await upload(analyst, '/en/admin/studies', { name: 'mercado.xlsx', content: form }, { format: 'xlsform', acceptLosses: '1' });
      assert.equal(res.statusCode, 201);
      assert.match(textOf(res.body), /Version 1 of study mercado-2026 stored\./);
      assert.match(textOf(res.body), /lost: read_only: survey row 5/);
      const stored = await t.store.studies.latestVersion('mercado-2026');
      assert.deepEqual((stored!.document as { languages: string[] }).languages, ['es', 'en']);
      const imports = await t.store.auditLog.list({ action: 'study.import' });
      assert.deepEqual(
        imports.filter((e) => (e.details as { format?: string }).format === 'xlsform').map((e) => e.details),
        [{ version: 1, format: 'xlsform', mode: 'add', via: 'workspace' }],
      );
    });

    it('refuses a file over the size limit with 413, storing nothing', async () => {
      const before = (await t.store.studies.list()).length;
      const res = await upload(analyst, '/admin/studies', { name: 'big.json', content: Buffer.alloc(5 * 1024 * 1024 + 1, 32) });
      assert.equal(res.statusCode, 413);
      assert.equal((await t.store.studies.list()).length, before);
    });
  });
}
