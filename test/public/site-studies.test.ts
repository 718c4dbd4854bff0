import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { seedSmallWave, smallStudy } from './fixtures/small-study.js';
import { seedSyntheticWave, STUDY_ID } from './fixtures/synthetic-wave.js';

const SMALL = 'household-panel';
/** A headline figure as the cards print it: a percentage, then its margin of error and base in brackets. */
const FIGURE =
  /<strong class="figure">\d+\u00A0%<\/strong>[^<]+<span class="figure-precision">\(marge d’erreur (±\u00A0\d+,\d|−\d+,\d\u00A0\/\u00A0\+\d+,\d)\u00A0pts, base n\u00A0=\u00A0\d+\)<\/span>/;

/** The cards of a page, one string each, by the text of their heading. */
function cards(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const card of body.split('<li class="card study-card">').slice(1)) {
    const title = /<h[23][^>]*>(?:<span[^>]*>)?([^<]+)/.exec(card)![1];
    out.set(title, card.slice(0, card.indexOf('\n</li>') + 6 || undefined));
  }
  return out;
}

for (const database of TEST_DATABASES) {
  describe(`a site of several studies [${database.name}]`, () => {
    let server: TestServer;
    let surveyId = 0;

    before(async () => {
      server = await startTestServer({ database, listen: false });
      await seedSyntheticWave(server.store, { code: '2015', n: 240, seed: 11 });
      // the second study is in fieldwork only: open now (its dates run from 2026 to 2036)
      surveyId = (await seedSmallWave(server.store, smallStudy(SMALL), { code: '2026', n: 0, seed: 1, status: 'fieldwork' })).wave.id;
    });
    after(() => server?.close());

    it('lists the published study with headline figures and the study in fieldwork with its questionnaire', async () => {
      const home = await server.app.inject({ url: '/' });
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<h1>Baromètre<\/h1>/, 'two studies: the product heads the page, not one of them');
      const [published, fieldwork] = home.body.split('id="home-survey"');
      const built = [...cards(published).entries()];
      assert.equal(built.length, 1, 'one published study');
      const [title, card] = built[0];
      assert.match(title, /réseaux sociaux/i);
      assert.match(card, /Dernière édition\u00A0: Baromètre 2015, 240 réponses/);
      assert.equal(card.match(new RegExp(FIGURE, 'g'))?.length, 3, card);
      assert.ok(card.includes(`href="/resultats/${STUDY_ID}"`));
      assert.ok(card.includes(`href="/livre-blanc/${STUDY_ID}"`));
      assert.ok(!published.includes(SMALL), 'the study in fieldwork has no results card');

      const survey = cards(fieldwork).get(`Panel des ménages ${SMALL}`);
      assert.ok(survey, fieldwork);
      assert.match(survey, /L’édition Vague 2026 est en cours de collecte\. Le questionnaire prend environ 4 minutes\./);
      assert.ok(survey.includes(`href="/survey/${surveyId}"`));
      assert.ok(!fieldwork.includes(`/resultats/${SMALL}`));

      const en = await server.app.inject({ url: '/en/' });
      assert.match(en.body, /margin of error (±\u00A0\d+\.\d|−\d+\.\d\u00A0\/\u00A0\+\d+\.\d)\u00A0pts, base n\u00A0=\u00A0\d+/);
      assert.ok(en.body.includes(`href="/en/results/${STUDY_ID}"`) && en.body.includes(`href="/en/survey/${surveyId}"`));
    });

    it('keeps /resultats and /livre-blanc on the one published study: the study in fieldwork takes nothing over', async () => {
      assert.equal((await server.app.inject({ url: '/resultats' })).headers.location, `/resultats/${STUDY_ID}`);
      assert.equal((await server.app.inject({ url: '/en/results' })).headers.location, `/en/results/${STUDY_ID}`);
      assert.equal((await server.app.inject({ url: '/livre-blanc' })).headers.location, `/livre-blanc/${STUDY_ID}`);
      assert.equal((await server.app.inject({ url: `/resultats/${SMALL}` })).statusCode, 404);
      assert.equal((await server.app.inject({ url: `/livre-blanc/${SMALL}` })).statusCode, 404);
      assert.equal((await server.app.inject({ url: `/api/v1/studies/${SMALL}/waves/2026/results` })).statusCode, 404);
      const index = await server.app.inject({ url: '/api/v1/studies' });
      assert.deepEqual(
        index.json().studies.map((s: { id: string }) => s.id),
        [STUDY_ID],
        'the API lists published studies only',
      );
    });

    it('with two published studies, lists both on the home page, /resultats and /livre-blanc, each on its own pages', async () => {
      await seedSmallWave(server.store, smallStudy(SMALL), { code: '2025', n: 150, seed: 7 });
      const home = await server.app.inject({ url: '/' });
      const published = cards(home.body.split('id="home-survey"')[0]);
      assert.equal(published.size, 2);
      const small = published.get(`Panel des ménages ${SMALL}`)!;
      assert.match(small, /Dernière édition\u00A0: Vague 2025, 150 réponses/);
      assert.match(small, /Possèdent un vélo/);
      assert.match(small, /Cuisinent chaque jour/, 'one figure per theme first');
      assert.equal(small.match(new RegExp(FIGURE, 'g'))?.length, 3);
      assert.ok(small.includes(`href="/resultats/${SMALL}"`) && small.includes(`href="/livre-blanc/${SMALL}"`));

      for (const [url, prefix] of [
        ['/resultats', '/resultats/'],
        ['/en/results', '/en/results/'],
        ['/livre-blanc', '/livre-blanc/'],
        ['/en/white-paper', '/en/white-paper/'],
      ]) {
        const page = await server.app.inject({ url });
        assert.equal(page.statusCode, 200, url);
        assert.ok(page.body.includes(`href="${prefix}${STUDY_ID}"`) && page.body.includes(`href="${prefix}${SMALL}"`), url);
        assert.equal(cards(page.body).size, 2, url);
      }

      const dashboard = await server.app.inject({ url: `/resultats/${SMALL}` });
      assert.equal(dashboard.statusCode, 200);
      assert.match(dashboard.body, /Possèdent un vélo/);
      assert.doesNotMatch(dashboard.body, /réseaux sociaux/i);
      const studies = (await server.app.inject({ url: '/en/api/v1/studies' })).json().studies as { id: string; title: string; latestWave: string; waves: string }[];
      assert.deepEqual(studies.map((s) => [s.id, s.latestWave]).sort(), [
        [SMALL, '2025'],
        [STUDY_ID, '2015'],
      ]);
      assert.equal(studies.find((s) => s.id === SMALL)!.title, `Household panel ${SMALL}`);
      assert.equal((await server.app.inject({ url: studies.find((s) => s.id === SMALL)!.waves })).json().waves[0].code, '2025');
      const api = await server.app.inject({ url: `/api/v1/studies/${SMALL}/waves/2025/results` });
      assert.equal(api.statusCode, 200);
      assert.equal(api.json().study.id, SMALL);
      assert.equal((await server.app.inject({ url: `/api/v1/studies/${SMALL}/waves/2015/results` })).statusCode, 404, 'another study’s wave code');
      const form = await server.app.inject({ url: `/livre-blanc/${SMALL}` });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Vague 2025/);
    });
  });
}
