import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeHtml } from '../../src/server/views/html.js';
import { findQuestion, labelIn, type Answers, type SingleQuestion } from '../../src/study/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { seedExchangeWave, type SeededWave } from '../exchange/fixtures/seed-exchange-wave.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** Page text with no-break spaces as plain ones (French typography puts them before : ; ! ?). */
const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

for (const database of TEST_DATABASES) {
  describe(`workspace cleaning: response viewer, bulk decisions, duplicate rule [${database.name}]`, () => {
    let t: AdminTestApp;
    let seeded: SeededWave;
    let analyst: Awaited<ReturnType<typeof signIn>>;
    let viewer: Awaited<ReturnType<typeof signIn>>;
    let waveUrl: string;
    let original: number;
    let copy: number;

    before(async () => {
      t = await startAdminApp(database);
      seeded = await seedExchangeWave(t.store, 40);
      const responses = await t.store.responses.list(seeded.wave.id);
      const first = responses.find((r) => r.status === 'complete' && !r.excluded)!;
      original = first.id;
      // a respondent who sent the same questionnaire twice, quickly: identical answers, timed pages
      await t.store.responses.insertMany([
        {
          waveId: seeded.wave.id,
          status: 'complete',
          answers: first.answers,
          packed: first.packed,
          startedAt: '2015-03-02T08:00:00.000Z',
          completedAt: '2015-03-02T08:00:30.000Z',
          durationMs: 30_000,
          pageDurations: { '0': 12_000, '1': 18_000 },
          source: 'demo',
        },
      ]);
      copy = (await t.store.responses.list(seeded.wave.id)).at(-1)!.id;
      await addUser(t.store, 'analyst@example.org', 'analyst');
      await addUser(t.store, 'viewer@example.org', 'viewer');
      analyst = await signIn(t.app, 'analyst@example.org');
      viewer = await signIn(t.app, 'viewer@example.org');
      waveUrl = `/admin/waves/${seeded.wave.id}`;
    });
    after(() => t.close());

    const get = (url: string, session = analyst) => t.app.inject({ url, headers: { cookie: cookieHeader(session.jar) } });
    const post = (path: string, fields: Record<string, string | string[]>, session = analyst, csrf = true) => {
      const body = new URLSearchParams(csrf ? { _csrf: session.csrf } : {});
      for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
      return t.app.inject({ method: 'POST', url: `${waveUrl}${path}`, headers: { ...FORM, cookie: cookieHeader(session.jar) }, payload: body.toString() });
    };

    it('shows a response in full: answers in the study’s words, times per page, flags, previous and next', async () => {
      const page = await get(`${waveUrl}/responses/${copy}`);
      assert.equal(page.statusCode, 200, page.body);
      const body = plain(page.body);
      const size = findQuestion(seeded.study, 'company_size') as SingleQuestion;
      const code = (seeded.answers.get(original) as Answers).company_size;
      const option = size.options.find((o) => o.code === code)!;
      assert.ok(body.includes(plain(escapeHtml(labelIn(size.text, 'fr')))), 'the question’s wording');
      assert.ok(body.includes(plain(escapeHtml(labelIn(option.label, 'fr')))), 'the option’s label');
      assert.match(body, /<table id="timings">[\s\S]*12 s[\s\S]*18 s/);
      assert.match(body, new RegExp(`<ul id="flags"><li>Réponses identiques à #${original} sur \\d+ réponses`));
      assert.match(body, /<dd id="decision">Conservée\.<\/dd>/);
      // in the English workspace the study's words stay in its default language, marked as such
      const english = plain((await get(`/en${waveUrl}/responses/${copy}`)).body);
      assert.ok(english.includes(`<th scope="row" lang="fr">${plain(escapeHtml(labelIn(size.text, 'fr')))}</th>`));
      assert.match(english, /<dd id="decision">Kept\.<\/dd>/);
      // the copy is the last of the flagged or excluded responses: a previous one, no next one
      assert.match(body, /rel="prev"/);
      assert.doesNotMatch(body, /rel="next"/);
      const first = await get(`${waveUrl}/responses/${original}`);
      assert.match(first.body, /href="[^"]*\/responses\/\d+" rel="(prev|next)"/);
    });

    it('opens the viewer from the cleaning list and from the monitor, for analysts only', async () => {
      const cleaning = await get(`${waveUrl}/cleaning`);
      assert.match(cleaning.body, new RegExp(`href="${waveUrl}/responses/${copy}"`));
      const monitor = await get(`${waveUrl}/monitor`);
      assert.match(monitor.body, new RegExp(`<form method="get" action="${waveUrl}/cleaning"`));
      const lookup = await get(`${waveUrl}/cleaning?response=${copy}`);
      assert.equal(lookup.statusCode, 303);
      assert.equal(lookup.headers.location, `${waveUrl}/responses/${copy}`);
      assert.equal((await get(`${waveUrl}/cleaning?response=abc`)).statusCode, 400);
      assert.equal((await get(`${waveUrl}/responses/999999`)).statusCode, 404);
      assert.equal((await get(`${waveUrl}/responses/${copy}`, viewer)).statusCode, 403);
      assert.doesNotMatch((await get(`${waveUrl}/monitor`, viewer)).body, /id="response-id"/);
    });

    it('excludes ticked responses with one reason, logs each decision, and restores them', async () => {
      const before = (await t.store.waves.get(seeded.wave.id))!.dataVersion;
      const excluded = await post('/responses/exclusions', { action: 'exclude', reason: 'sent twice', response: [String(original), String(copy)] });
      assert.equal(excluded.statusCode, 303, excluded.body);
      const pair = [original, copy].sort((a, b) => a - b);
      assert.equal(excluded.headers.location, `${waveUrl}/cleaning?done=bulk-exclude&undo=${pair.join(',')}`);
      for (const id of [original, copy]) {
        const r = (await t.store.responses.getById(id))!;
        assert.equal(r.excluded, true);
        assert.equal(r.exclusionReason, 'sent twice');
      }
      assert.ok((await t.store.waves.get(seeded.wave.id))!.dataVersion > before);
      const [logged] = await t.store.auditLog.list({ action: 'response.exclude' });
      assert.deepEqual(logged!.details, { waveId: seeded.wave.id, count: 2, responseIds: pair, reason: 'sent twice' });
      const notice = plain((await get(String(excluded.headers.location))).body);
      assert.match(notice, /Les réponses sélectionnées sont exclues/);
      // the notice offers to undo: a restore of exactly those responses, with a reason of its own
      const undo = /<form [^>]*id="undo">([\s\S]*?)<\/form>/.exec(notice)![1]!;
      assert.match(undo, /name="action" value="restore"/);
      assert.deepEqual(
        [...undo.matchAll(/name="response" value="(\d+)"/g)].map((m) => Number(m[1])),
        pair,
      );
      assert.match(undo, /Annuler : réintégrer les réponses qui viennent d’être exclues/);
      assert.equal((await get(`${waveUrl}/cleaning?done=bulk-exclude&undo=1,x`)).statusCode, 400);

      const restored = await post('/responses/exclusions', { action: 'restore', reason: 'same company, two sites', response: pair.map(String) });
      assert.equal(restored.statusCode, 303);
      for (const id of [original, copy]) {
        const r = (await t.store.responses.getById(id))!;
        assert.equal(r.excluded, false);
        assert.equal(r.exclusionReason, null);
      }
      const [undone] = await t.store.auditLog.list({ action: 'response.restore' });
      assert.deepEqual(
        (undone!.details as { responseIds: number[] }).responseIds,
        [original, copy].sort((a, b) => a - b),
      );

      // a row's own button decides for that response alone, with the same reason field
      const one = await post('/responses/exclusions', { one: `exclude:${copy}`, reason: 'copy', response: String(original) });
      assert.equal(one.statusCode, 303);
      assert.equal((await t.store.responses.getById(copy))!.excluded, true);
      assert.equal((await t.store.responses.getById(original))!.excluded, false);
      // from the viewer, back to the viewer
      const back = await post('/responses/exclusions', { action: 'restore', reason: 'checked', response: String(copy), back: 'response' });
      assert.equal(back.headers.location, `${waveUrl}/responses/${copy}?done=restore`);
      assert.equal((await t.store.responses.getById(copy))!.excluded, false);
    });

    it('refuses a decision without a reason, a selection, a response of the wave or a CSRF token, and for viewers', async () => {
      const noReason = await post('/responses/exclusions', { action: 'exclude', reason: ' ', response: String(copy) });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /reason/);
      const noSelection = await post('/responses/exclusions', { action: 'exclude', reason: 'x' });
      assert.equal(noSelection.statusCode, 400);
      assert.match(noSelection.body, /response/);
      const elsewhere = await post('/responses/exclusions', { action: 'exclude', reason: 'x', response: [String(copy), '999999'] });
      assert.equal(elsewhere.statusCode, 400);
      assert.match(elsewhere.body, /response: #999999/);
      const badAction = await post('/responses/exclusions', { action: 'delete', reason: 'x', response: String(copy) });
      assert.equal(badAction.statusCode, 400);
      assert.match(badAction.body, /action/);
      assert.equal((await post('/responses/exclusions', { action: 'exclude', reason: 'x', response: String(copy) }, analyst, false)).statusCode, 403);
      assert.equal((await post('/responses/exclusions', { action: 'exclude', reason: 'x', response: String(copy) }, viewer)).statusCode, 403);
      assert.equal((await t.store.responses.getById(copy))!.excluded, false, 'nothing changed');
    });

    it('saves the duplicate rule per wave and flags by it', async () => {
      const flagged = () => get(`${waveUrl}/cleaning`).then((r) => plain(r.body).includes(`Réponses identiques à #${original}`));
      assert.equal(await flagged(), true);
      const strict = await post('/cleaning/settings', { identical_answers: 'on', duplicate_min_answers: '5000', duplicate_max_probability: '0,01' });
      assert.equal(strict.statusCode, 303, strict.body);
      const stored = (await t.store.waves.get(seeded.wave.id))!.settings as { cleaning: Record<string, unknown> };
      assert.deepEqual(stored.cleaning, { identicalAnswers: true, duplicateMinAnswers: 5000, duplicateMaxProbability: 0.01, speederFraction: 1 / 3, straightLinerMinItems: 5 });
      assert.equal(await flagged(), false);
      const [logged] = await t.store.auditLog.list({ action: 'wave.cleaningSettings' });
      assert.deepEqual(logged!.details, stored.cleaning);

      assert.equal((await post('/cleaning/settings', { duplicate_min_answers: '10', duplicate_max_probability: '0,001' })).statusCode, 303);
      assert.equal(await flagged(), false, 'the rule turned off');
      assert.equal((await post('/cleaning/settings', { identical_answers: 'on', duplicate_min_answers: '10', duplicate_max_probability: '0,001' })).statusCode, 303);
      assert.equal(await flagged(), true);

      for (const [field, fields] of [
        ['duplicate_max_probability', { duplicate_min_answers: '10', duplicate_max_probability: '2' }],
        ['duplicate_max_probability', { duplicate_min_answers: '10', duplicate_max_probability: 'abc' }],
        ['duplicate_max_probability', { duplicate_min_answers: '10', duplicate_max_probability: '0' }],
        ['duplicate_min_answers', { duplicate_min_answers: '0', duplicate_max_probability: '0,001' }],
        ['duplicate_min_answers', { duplicate_min_answers: '2.5', duplicate_max_probability: '0,001' }],
        ['speeder_percent', { duplicate_min_answers: '10', duplicate_max_probability: '0,001', speeder_percent: '100' }],
        ['speeder_percent', { duplicate_min_answers: '10', duplicate_max_probability: '0,001', speeder_percent: 'vite' }],
        ['straight_liner_min_items', { duplicate_min_answers: '10', duplicate_max_probability: '0,001', straight_liner_min_items: '1' }],
      ] as const) {
        const res = await post('/cleaning/settings', fields);
        assert.equal(res.statusCode, 400, `${JSON.stringify(fields)}: ${res.statusCode}`);
        assert.match(res.body, new RegExp(field));
      }
      assert.equal((await post('/cleaning/settings', { duplicate_min_answers: '10', duplicate_max_probability: '0,001' }, viewer)).statusCode, 403);
    });

    it('saves the speeder and straight-liner thresholds per wave and flags by them', async () => {
      const speeders = async () => (plain((await get(`${waveUrl}/cleaning`)).body).match(/Trop rapide : /g) ?? []).length;
      // timed responses: with the copy's 30 s, durations 30 s, 9 min 40 s, 9 min 50 s, 10 min (median 9 min 45 s)
      const first = (await t.store.responses.getById(original))!;
      await t.store.responses.insertMany(
        [580_000, 590_000, 600_000].map((durationMs, i) => ({
          waveId: seeded.wave.id,
          status: 'complete' as const,
          answers: { ...first.answers },
          packed: first.packed,
          startedAt: `2015-03-0${3 + i}T08:00:00.000Z`,
          completedAt: new Date(Date.parse(`2015-03-0${3 + i}T08:00:00.000Z`) + durationMs).toISOString(),
          durationMs,
          source: 'demo' as const,
        })),
      );
      const before = await speeders();
      assert.equal(before, 1, 'under a third of the median: the copy alone');
      const saved = await post('/cleaning/settings', {
        identical_answers: 'on',
        duplicate_min_answers: '10',
        duplicate_max_probability: '0,001',
        speeder_percent: '99,5',
        straight_liner_min_items: '3',
      });
      assert.equal(saved.statusCode, 303, saved.body);
      const stored = (await t.store.waves.get(seeded.wave.id))!.settings as { cleaning: Record<string, unknown> };
      assert.deepEqual([stored.cleaning.speederFraction, stored.cleaning.straightLinerMinItems], [0.995, 3]);
      const page = (await get(`${waveUrl}/cleaning`)).body;
      assert.match(page, /id="speeder_percent" name="speeder_percent" required value="99,5"/);
      assert.match(page, /id="straight_liner_min_items" name="straight_liner_min_items" min="2" max="100" step="1" required value="3"/);
      // under 99.5 % of the median: the copy and the response of 9 min 40 s
      assert.equal(await speeders(), 2);
      assert.match(plain(page), /moins de 99,5 % de la médiane/);
    });
  });
}
