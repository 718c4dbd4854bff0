import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { responseWeights } from '../../src/analysis/wave-weights.js';
import { columnLayout, marginQuestions, packAnswers, questionCodes } from '../../src/study/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { seedExchangeWave, type SeededWave } from '../exchange/fixtures/seed-exchange-wave.js';
import { addUser, cookieHeader, signIn, startAdminApp, type AdminTestApp } from './admin-app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const database of TEST_DATABASES) {
  describe(`workspace weighting: bounded raking and respondents without an answer [${database.name}]`, () => {
    let t: AdminTestApp;
    let seeded: SeededWave;
    let session: Awaited<ReturnType<typeof signIn>>;
    let url: string;
    let size: string;
    let codes: number[];
    before(async () => {
      t = await startAdminApp(database);
      seeded = await seedExchangeWave(t.store, 120);
      await addUser(t.store, 'analyst@example.org', 'analyst');
      session = await signIn(t.app, 'analyst@example.org');
      url = `/admin/waves/${seeded.wave.id}/weighting`;
      const margin = marginQuestions(seeded.study)[0];
      size = margin.name;
      codes = questionCodes(margin);
    });
    after(() => t.close());

    const post = (path: string, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `${url}${path}`,
        headers: { ...FORM, cookie: cookieHeader(session.jar) },
        payload: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
      });
    /** Saves targets on the first margin (equal counts per code) with the given bounds, runs the weighting, returns the redirect and the page. */
    const run = async (lower: string, upper: string, extra: Record<string, string> = {}) => {
      const fields: Record<string, string> = { [`use_${size}`]: 'on', trim_lower: lower, trim_upper: upper, source: 'test', ...extra };
      for (const code of codes) fields[`pop_${size}_${code}`] = '1000';
      const saved = await post('/targets', fields);
      assert.equal(saved.statusCode, 303, saved.body);
      const ran = await post('/run', {});
      assert.equal(ran.statusCode, 303, ran.body);
      const page = await t.app.inject({ url: String(ran.headers.location), headers: { cookie: cookieHeader(session.jar) } });
      assert.equal(page.statusCode, 200);
      return { location: String(ran.headers.location), body: page.body };
    };

    it('keeps the weights within bounds that can be met, every margin met', async () => {
      const { location, body } = await run('0,2', '5');
      assert.match(location, /done=run/);
      assert.doesNotMatch(body, /id="weighting-bounds"/);
      assert.match(body, /toutes les marges atteintes/);
      const { weights, weighting } = await responseWeights(t.store, (await t.store.waves.get(seeded.wave.id))!);
      const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
      for (const w of weights) assert.ok(w >= 0.2 * mean - 1e-9 && w <= 5 * mean + 1e-9);
      for (const level of weighting.margins[0].levels) assert.ok(Math.abs(level.achievedShare - level.targetShare) < 1e-9);
    });

    it('names the margin level that bounds cannot meet, and does not claim them', async () => {
      const { location, body } = await run('0,99', '1,01');
      assert.match(location, /done=bounds/);
      assert.match(body, /id="weighting-bounds" role="alert">Les bornes de 0,990 à 1,010 fois le poids moyen/);
      assert.match(body, new RegExp(`marge ${size}, modalité`));
      assert.doesNotMatch(body, /toutes les marges atteintes/);
      const stored = (await t.store.waves.get(seeded.wave.id))!.weighting as { boundsFailure: { variable: string } | null };
      assert.equal(stored.boundsFailure?.variable, size);
    });

    it('refuses bounds that are not lower < 1 < upper, naming the fields', async () => {
      const res = await post('/targets', { [`use_${size}`]: 'on', [`pop_${size}_${codes[0]}`]: '10', trim_lower: '1,2', trim_upper: '3' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /trim_lower, trim_upper/);
    });

    it('weighs a wave where a respondent did not answer a margin variable, the class at its sample share', async () => {
      const layout = columnLayout(seeded.study);
      const [first] = [...seeded.answers.values()];
      const answers = { ...first };
      delete (answers as Record<string, unknown>)[size];
      await t.store.responses.insertMany([
        {
          waveId: seeded.wave.id,
          status: 'complete',
          answers: answers as never,
          packed: packAnswers(layout, answers),
          startedAt: '2015-03-01T08:00:00.000Z',
          completedAt: '2015-03-01T08:10:00.000Z',
          excluded: false,
          source: 'import',
        },
      ]);
      const { body } = await run('0,2', '5');
      assert.match(body, /id="weighting-status">Pondération calculée/);
      assert.match(body, new RegExp(`data-policy="impute">1 répondant\\(s\\) n’ont pas répondu à ${size}\u00A0: règle imputation selon la distribution de l’échantillon`));
      const { weights, weighting } = await responseWeights(t.store, (await t.store.waves.get(seeded.wave.id))!);
      assert.equal(weighting.status, 'weighted');
      assert.equal(weighting.missing[0]?.n, 1);
      const share = weights[weights.length - 1] / weights.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(share - 1 / weights.length) < 1e-9, `the class keeps its sample share (${share})`);
    });
    it('stores the « not stated » policy chosen in the form with its target, and weighs the category to it', async () => {
      const n = (await responseWeights(t.store, (await t.store.waves.get(seeded.wave.id))!)).weights.length;
      const { body } = await run('', '', { [`missing_${size}`]: 'notStated', [`notstated_${size}`]: String(codes.length * 100) });
      const stored = (await t.store.waves.get(seeded.wave.id))!.populationTargets as { margins: { missing?: string; notStated?: number }[] };
      assert.deepEqual([stored.margins[0].missing, stored.margins[0].notStated], ['notStated', codes.length * 100]);
      assert.match(body, new RegExp(`data-policy="notStated">1 répondant\\(s\\) n’ont pas répondu à ${size}\u00A0: règle «\u00A0non renseigné\u00A0»`));
      assert.match(body, new RegExp(`id="missing_${size}_notStated" name="missing_${size}" value="notStated" checked`), 'the form shows the stored choice');
      const { weights, weighting } = await responseWeights(t.store, (await t.store.waves.get(seeded.wave.id))!);
      assert.equal(weights.length, n);
      const total = weights.reduce((a, b) => a + b, 0);
      // the stated levels (1000 each) and the category (100 per level) add up to 1100 per level
      assert.ok(Math.abs(total - codes.length * 1100) < 1e-6 * total, `sum of the weights ${total}`);
      assert.ok(Math.abs(weights[n - 1] - codes.length * 100) < 1e-6 * total, `the category reaches its target (${weights[n - 1]})`);
      assert.equal(weighting.missing[0]?.policy, 'notStated');
    });

    it('keeps the respondent without an answer at the mean weight with the « weight 1 » policy', async () => {
      const { body } = await run('', '', { [`missing_${size}`]: 'unweighted' });
      assert.match(body, new RegExp(`data-policy="unweighted">1 répondant\\(s\\) n’ont pas répondu à ${size}\u00A0: règle poids 1`));
      const { weights, weighting } = await responseWeights(t.store, (await t.store.waves.get(seeded.wave.id))!);
      const total = weights.reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(total - codes.length * 1000) < 1e-6 * total);
      assert.ok(Math.abs(weights[weights.length - 1] - total / weights.length) < 1e-9 * total, 'the mean weight');
      for (const level of weighting.margins[0].levels) assert.ok(Math.abs(level.achievedShare - level.targetShare) < 1e-9);
      const stored = (await t.store.waves.get(seeded.wave.id))!.weighting as { missing: { policy: string; n: number }[] };
      assert.deepEqual(
        stored.missing.map((m) => [m.policy, m.n]),
        [['unweighted', 1]],
      );
    });

    it('refuses the « not stated » policy without its count, or an unknown policy, naming the field, and keeps the targets', async () => {
      const before = (await t.store.waves.get(seeded.wave.id))!.populationTargets;
      const missingCount = await post('/targets', { [`use_${size}`]: 'on', [`pop_${size}_${codes[0]}`]: '10', [`missing_${size}`]: 'notStated' });
      assert.equal(missingCount.statusCode, 400);
      assert.match(missingCount.body, new RegExp(`notstated_${size}`));
      const unknown = await post('/targets', { [`use_${size}`]: 'on', [`pop_${size}_${codes[0]}`]: '10', [`missing_${size}`]: 'drop' });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, new RegExp(`missing_${size}`));
      assert.deepEqual((await t.store.waves.get(seeded.wave.id))!.populationTargets, before);
    });
  });
}
