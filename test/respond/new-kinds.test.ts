import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import type { Study } from '../../src/study/index.js';
import { bilingualStudy, L, validStudy } from '../fixtures/bilingual-study.js';
import { withNewKinds } from '../fixtures/new-kinds-study.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { invite } from './fieldwork.js';
import { InjectClient } from './inject-client.js';

/**
 * Consent, then the fixture's page of new kinds (a date, a budget split adding up to 100 over three items and a
 * grid of texts), then a question shown on a date comparison.
 */
const STUDY: Study = (() => {
  const kinds = withNewKinds(
    bilingualStudy({
      id: 'kinds',
      title: L('Baromètre des types', 'Kinds barometer'),
      description: L('Des dates, des nombres et des textes.', 'Dates, numbers and texts.'),
      estimatedMinutes: 3,
      pages: [{ id: 'start', title: L('Accord', 'Consent'), questions: [{ name: 'consent', kind: 'consent', text: L('J’accepte.', 'I agree.') }] }],
    }),
  );
  return validStudy({
    ...kinds,
    pages: [
      ...kinds.pages,
      {
        id: 'after',
        title: L('Pour finir', 'To finish'),
        questions: [
          {
            kind: 'text',
            name: 'why_recent',
            required: false,
            text: L('Qu’avez-vous pensé de cette création récente ?', 'What do you make of this recent founding?'),
            condition: { op: 'compare', question: 'founded_on', comparator: '>=', value: '2025-01-01' },
          },
        ],
      },
    ],
  });
})();

for (const database of TEST_DATABASES) {
  describe(`a questionnaire with a date, a multiple numeric and a grid of texts, without JavaScript [${database.name}]`, () => {
    let server: TestServer;
    let wave: Wave;

    before(async () => {
      server = await startTestServer({ database, listen: false });
      const { studyVersion } = await server.store.studies.saveVersion(STUDY.id, STUDY as never);
      wave = await server.store.waves.create({ studyId: STUDY.id, code: '2026', studyVersionId: studyVersion.id, title: '2026', status: 'fieldwork' });
    });
    after(() => server.close());

    it('renders the fields, refuses an impossible date, a total that does not add up and a too-long cell, then stores the answers', async () => {
      const token = await invite(server.store, wave, server.config.secretKey);
      const client = new InjectClient(server.app);
      const start = await client.get(`/s/kinds/2026?t=${token}&lang=fr`);
      assert.equal(start.status, 200, start.body.slice(0, 400));
      const kinds = await client.submit(start, [['consent', 'yes']]);
      assert.equal(kinds.status, 200, kinds.body.slice(0, 400));
      assert.match(kinds.body, /<input type="date" id="f-founded_on" name="founded_on" value="" min="1900-01-01" max="2026-12-31"/);
      assert.match(kinds.body, /Année-mois-jour, par exemple 2026-03-31\./);
      assert.match(kinds.body, /<label for="f-budget_ads">Publicité<\/label>/);
      assert.match(kinds.body, /Le total doit être égal à 100\./);
      assert.match(kinds.body, /role="group" aria-labelledby="lbl-brands_2"/);
      assert.match(kinds.body, /<label for="f-brands_2_country">Pays<\/label>/);
      assert.match(kinds.body, /name="brands_1_name" value="" maxlength="60"/);

      const refused = await client.submit(kinds, [
        ['founded_on', '2026-02-30'],
        ['budget_ads', '50'],
        ['budget_content', '30'],
        ['budget_tools', '0'],
        ['brands_1_name', 'Une marque bien trop longue pour tenir dans les soixante caractères permis'],
      ]);
      assert.equal(refused.posted?.status, 303, 'post/redirect/get');
      assert.match(refused.body, /Indiquez une date qui existe, écrite année-mois-jour/);
      assert.match(refused.body, /Le total doit être égal à 100\u202F; il est de 80\./);
      assert.match(refused.body, /Votre réponse dépasse 60\u00A0caractères\./);
      assert.match(refused.body, /href="#f-founded_on"/);
      assert.match(refused.body, /href="#f-budget_ads">Répartissez votre budget \(en %\) — Le total/, 'the total error links to the first item');
      assert.match(refused.body, /Citez deux marques et leur pays — Première — Marque — /);
      assert.match(refused.body, /name="budget_content" value="30"/, 'what was typed is shown again');

      const outOfBounds = await client.submit(refused, [
        ['founded_on', '1899-12-31'],
        ['budget_ads', '60'],
        ['budget_content', '40'],
        ['budget_tools', '0'],
      ]);
      assert.match(outOfBounds.body, /Indiquez une date égale ou postérieure au 1 janvier 1900\./);

      const last = await client.submit(outOfBounds, [
        ['founded_on', '2025-03-31'],
        ['budget_ads', '60'],
        ['budget_content', '40'],
        ['budget_tools', '0'],
        ['brands_1_name', 'Acme'],
        ['brands_1_country', 'FR'],
      ]);
      assert.equal(last.status, 200, last.body.slice(0, 400));
      assert.match(last.body, /Qu’avez-vous pensé de cette création récente/);
      assert.doesNotMatch(last.body, /id="q-why_recent"[^>]*hidden/, 'a founding in 2025 shows the question');
      const review = await client.submit(last, [['why_recent', 'Très bien']]);
      assert.match(review.body, /31 mars 2025/);
      assert.match(review.body, /Répartissez votre budget \(en %\) — Publicité<\/dt><dd>60[ \u00A0]%<\/dd>/);
      assert.match(review.body, /Citez deux marques et leur pays — Première — Pays<\/dt><dd>FR<\/dd>/);
      const thanks = await client.submit(review, [], 'finish');
      assert.equal(thanks.status, 200);
      const [response] = (await server.store.responses.list(wave.id)).filter((r) => r.status === 'complete');
      assert.deepEqual(response.answers, {
        consent: true,
        founded_on: '2025-03-31',
        budget_ads: 60,
        budget_content: 40,
        budget_tools: 0,
        brands_1_name: 'Acme',
        brands_1_country: 'FR',
        why_recent: 'Très bien',
      });
    });
  });
}
