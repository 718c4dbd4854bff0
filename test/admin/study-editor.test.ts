import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../helpers/databases.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const households = () => JSON.parse(readFileSync(new URL('../fixtures/studies/households.json', import.meta.url), 'utf8'));
type Session = Awaited<ReturnType<typeof signIn>>;

/** The configuration the editor page hands its script (`data-config`, HTML-escaped). */
function configOf(body: string): Record<string, any> {
  const match = /data-config="([^"]*)"/.exec(body);
  assert.ok(match, 'the page carries the editor configuration');
  const text = match[1]
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return JSON.parse(text);
}

for (const database of TEST_DATABASES) {
  describe(`questionnaire editor: page, validation and saving endpoints [${database.name}]`, () => {
    let t: AdminTestApp;
    let owner: Session;
    let viewer: Session;
    before(async () => {
      t = await startAdminApp(database);
      await addUser(t.store, 'owner@example.org', 'owner');
      await addUser(t.store, 'viewer@example.org', 'viewer');
      owner = await signIn(t.app, 'owner@example.org');
      viewer = await signIn(t.app, 'viewer@example.org');
    });
    after(() => t.close());

    const get = (who: Session, url: string) => t.app.inject({ url, headers: { cookie: cookieHeader(who.jar) } });
    const postJson = (who: Session, url: string, body: unknown, csrf = true) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: JSON.stringify(body),
        headers: { cookie: cookieHeader(who.jar), 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': who.csrf } : {}) },
      });

    it('offers the editor to owners and analysts only, with a message and the upload link without JavaScript', async () => {
      const page = await get(owner, '/en/admin/studies/new');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<script src="\/admin\/study-editor\.js" nonce="[^"]+" defer><\/script>/);
      assert.match(page.body, /The questionnaire editor needs JavaScript.*<a href="\/en\/admin\/studies#upload">Upload a study file instead\.<\/a>/s);
      const config = configOf(page.body);
      assert.equal(config.baseVersion, null);
      assert.equal(config.urls.validate, '/en/admin/studies/editor/validate');
      assert.equal(config.messages['kind.matrix'], 'Matrix (items on one scale)');
      assert.deepEqual(config.document.languages, ['en']);
      assert.equal((await get(viewer, '/en/admin/studies/new')).statusCode, 403);
      const script = await get(owner, '/admin/study-editor.js');
      assert.equal(script.statusCode, 200);
      assert.match(script.headers['content-type'] as string, /^text\/javascript/);
      assert.match(script.body, /study-editor/);
      assert.doesNotMatch(script.body, /^import /m, 'one classic script, bundled');
      const list = await get(owner, '/en/admin/studies');
      assert.match(list.body, /href="\/en\/admin\/studies\/new">Create a study in the editor</);
      assert.doesNotMatch((await get(viewer, '/en/admin/studies')).body, /admin\/studies\/new/);
    });

    it('validates a document with the same checks as study validate, each error with its path; CSRF required', async () => {
      const doc = households();
      doc.pages[1].questions[0].options[2].code = 2;
      delete doc.pages[0].title.en;
      const noToken = await postJson(owner, '/admin/studies/editor/validate', { document: doc }, false);
      assert.equal(noToken.statusCode, 403);
      const res = await postJson(owner, '/admin/studies/editor/validate', { document: doc });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.ok, false);
      assert.deepEqual(
        body.errors.map((e: { path: string }) => e.path),
        ['pages[0].title.en', 'pages[1].questions[0].options[2].code'],
      );
      const good = await postJson(owner, '/admin/studies/editor/validate', { document: households() });
      assert.deepEqual(good.json(), { ok: true, errors: [], warnings: [] });
      const viewerRes = await postJson(viewer, '/admin/studies/editor/validate', { document: households() });
      assert.equal(viewerRes.statusCode, 403);
      const badBody = await postJson(owner, '/admin/studies/editor/validate', { doc: 1 });
      assert.equal(badBody.statusCode, 400);
    });

    it('answers each error in the language of the request: a check of the study and a missing field, in French (no prefix) and English at /en/', async () => {
      const doc = households();
      doc.pages[1].questions[0].options[2].code = 2;
      delete doc.estimatedMinutes;
      const errorsAt = async (prefix: string) => {
        const res = await postJson(owner, `${prefix}/admin/studies/editor/validate`, { document: doc });
        assert.equal(res.statusCode, 200);
        return Object.fromEntries(res.json().errors.map((e: { path: string; message: string }) => [e.path, e.message]));
      };
      const french = await errorsAt('');
      assert.equal(french['pages[1].questions[0].options[2].code'], 'code 2 en double');
      assert.equal(french.estimatedMinutes, 'obligatoire');
      const english = await errorsAt('/en');
      assert.equal(english['pages[1].questions[0].options[2].code'], 'duplicate code 2');
      assert.equal(english.estimatedMinutes, 'required');
      const german = await errorsAt('/de');
      assert.equal(german['pages[1].questions[0].options[2].code'], 'doppelter Code 2');

      const saved = await postJson(owner, '/admin/studies/editor/save', { document: { ...households(), id: 'Mauvais Id' }, baseVersion: null });
      assert.equal(saved.statusCode, 400);
      assert.deepEqual(saved.json().errors, [{ path: 'id', message: 'un identifiant d’étude s’écrit en minuscules, chiffres et -' }]);
    });

    it('saves a new study as version 1, refuses a taken id, a bad document (400 with paths) and a viewer (403), storing nothing', async () => {
      const bad = households();
      bad.pages[1].questions[1].kind = 'slider';
      const refused = await postJson(owner, '/admin/studies/editor/save', { document: bad, baseVersion: null });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(
        refused.json().errors.map((e: { path: string }) => e.path),
        ['pages[1].questions[1].kind'],
      );
      assert.equal((await postJson(viewer, '/admin/studies/editor/save', { document: households(), baseVersion: null })).statusCode, 403);
      assert.equal((await postJson(owner, '/admin/studies/editor/save', { document: households(), baseVersion: null }, false)).statusCode, 403);
      assert.equal((await postJson(owner, '/admin/studies/editor/save', { document: households() })).statusCode, 400, 'baseVersion is required');
      const reserved = households();
      reserved.id = 'new';
      const refusedId = await postJson(owner, '/en/admin/studies/editor/save', { document: reserved, baseVersion: null });
      assert.equal(refusedId.statusCode, 400);
      assert.deepEqual(refusedId.json().errors, [{ path: 'id', message: 'the id new names the page of a new study: choose another' }]);
      assert.deepEqual(await t.store.studies.list(), []);

      const created = await postJson(owner, '/en/admin/studies/editor/save', { document: households(), baseVersion: null });
      assert.equal(created.statusCode, 201);
      const body = created.json();
      assert.equal(body.version, 1);
      assert.equal(body.studyId, 'household-energy');
      assert.equal(body.urls.edit, '/en/admin/studies/household-energy/edit');
      assert.equal(body.urls.preview, '/en/admin/studies/household-energy/preview?version=1', 'the saved version, previewed');
      const audit = (await t.store.auditLog.list({ limit: 100 })).filter((e) => e.action.startsWith('study.'));
      assert.deepEqual(
        audit.map((e) => e.action),
        ['study.add'],
      );

      const again = await postJson(owner, '/en/admin/studies/editor/save', { document: households(), baseVersion: null });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().errors[0].path, 'id');
      assert.equal((await t.store.studies.listVersions('household-energy')).length, 1);
    });

    it('edits a version a wave with responses uses: the next version is stored with its diff, the wave and its version unchanged', async () => {
      const v1 = (await t.store.studies.getVersion('household-energy', 1))!;
      const wave = await t.store.waves.create({ studyId: 'household-energy', code: 'T1-2026', studyVersionId: v1.id, title: 'T1 2026' });
      await t.store.responses.createPartial({ waveId: wave.id, answers: { household_size: 2 } });

      const page = await get(owner, '/en/admin/studies/household-energy/edit');
      assert.equal(page.statusCode, 200);
      const config = configOf(page.body);
      assert.equal(config.baseVersion, 1);
      assert.deepEqual(config.usedBy, ['T1-2026']);
      assert.equal(config.urls.preview, '/en/admin/studies/household-energy/preview');
      assert.match(page.body, /href="\/en\/admin\/studies\/household-energy\/preview">Preview</);
      const studyPage = await get(owner, '/en/admin/studies/household-energy');
      assert.match(studyPage.body, /href="\/en\/admin\/studies\/household-energy\/edit">Edit in the editor</);

      const doc = config.document;
      doc.pages[0].questions[1].text.en = 'In which region do you live?';
      doc.pages[1].questions[1].condition = { op: 'in', question: 'household_size', values: [2, 3] };
      const saved = await postJson(owner, '/en/admin/studies/editor/save', { document: doc, baseVersion: 1 });
      assert.equal(saved.statusCode, 201, saved.body);
      const body = saved.json();
      assert.equal(body.version, 2);
      assert.equal(body.previousVersion, 1);
      assert.deepEqual(body.keptBy, ['T1-2026']);
      assert.deepEqual(body.changes, [
        'question region: text reworded (en)',
        'question comfort: condition changed from (none) to {"op":"in","question":"household_size","values":[2,3]}',
      ]);

      const after = (await t.store.waves.get(wave.id))!;
      assert.equal(after.studyVersionId, v1.id, 'the wave keeps version 1');
      assert.deepEqual((await t.store.studies.getVersion('household-energy', 1))!.document, v1.document, 'version 1 is unchanged');
      assert.equal(((await t.store.studies.getVersion('household-energy', 2))!.document as { version: number }).version, 2);

      // an editor still on version 1 cannot overwrite version 2 unseen
      const stale = await postJson(owner, '/en/admin/studies/editor/save', { document: households(), baseVersion: 1 });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.json().errors[0].message, /version 2 was stored after version 1/);
      // the same document again stores nothing
      const same = await postJson(owner, '/en/admin/studies/editor/save', { document: body.document, baseVersion: 2 });
      assert.equal(same.statusCode, 200);
      assert.equal(same.json().kind, 'unchanged');
      assert.equal((await t.store.studies.listVersions('household-energy')).length, 2);
      assert.equal((await get(owner, '/admin/studies/nope/edit')).statusCode, 404);
    });
  });
}
