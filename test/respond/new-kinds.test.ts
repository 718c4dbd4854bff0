import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { validateStudy, type Study } from '../../src/study/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { invite } from './fieldwork.js';
import { InjectClient } from './inject-client.js';

const L = (fr: string, en: string) => ({ fr, en });

/** Consent, then a date, a budget split adding up to 100 and a grid of texts, then a question shown on a date comparison. */
const STUDY: Study = (() => {
  const result = validateStudy({
    id: 'kinds',
    version: 1,
    languages: ['fr', 'en'],
    title: L('Baromètre des types', 'Kinds barometer'),
    description: L('Des dates, des nombres et des textes.', 'Dates, numbers and texts.'),
    estimatedMinutes: 3,
    privacyNotice: L('Vos réponses restent confidentielles.', 'Your answers stay confidential.'),
    pages: [
      { id: 'start', title: L('Accord', 'Consent'), questions: [{ name: 'consent', kind: 'consent', text: L('J’accepte.', 'I agree.') }] },
      {
        id: 'kinds',
        title: L('Dates et budgets', 'Dates and budgets'),
        questions: [
          { kind: 'date', name: 'visit', text: L('Date de votre dernière visite', 'Date of your last visit'), min: '2024-01-01', max: '2026-06-30' },
          {
            kind: 'numbers',
            name: 'budget',
            text: L('Répartissez votre budget', 'Split your budget'),
            items: [
              { name: 'ads', label: L('Publicité', 'Advertising') },
              { name: 'staff', label: L('Équipe', 'Staff') },
            ],
            min: 0,
            max: 100,
            total: 100,
            unit: L('%', '%'),
          },
          {
            kind: 'textgrid',
            name: 'brands',
            required: false,
            text: L('Citez des marques', 'Name some brands'),
            rows: [
              { name: '1', label: L('Première', 'First') },
              { name: '2', label: L('Deuxième', 'Second') },
            ],
            columns: [
              { name: 'name', label: L('Marque', 'Brand') },
              { name: 'country', label: L('Pays', 'Country') },
            ],
            maxLength: 10,
          },
        ],
      },
      {
        id: 'after',
        title: L('Pour finir', 'To finish'),
        questions: [
          {
            kind: 'text',
            name: 'why_recent',
            required: false,
            text: L('Qu’avez-vous pensé de cette visite récente ?', 'What did you think of this recent visit?'),
            condition: { op: 'compare', question: 'visit', comparator: '>=', value: '2025-01-01' },
          },
        ],
      },
    ],
  });
  if (!result.ok) throw new Error(`invalid test study: ${JSON.stringify(result.errors)}`);
  return result.study;
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
      assert.match(kinds.body, /<input type="date" id="f-visit" name="visit" value="" min="2024-01-01" max="2026-06-30"/);
      assert.match(kinds.body, /Année-mois-jour, par exemple 2026-03-31\./);
      assert.match(kinds.body, /<label for="f-budget_ads">Publicité<\/label>/);
      assert.match(kinds.body, /Le total doit être égal à 100\./);
      assert.match(kinds.body, /role="group" aria-labelledby="lbl-brands_2"/);
      assert.match(kinds.body, /<label for="f-brands_2_country">Pays<\/label>/);
      assert.match(kinds.body, /name="brands_1_name" value="" maxlength="10"/);

      const refused = await client.submit(kinds, [
        ['visit', '2026-02-30'],
        ['budget_ads', '50'],
        ['budget_staff', '30'],
        ['brands_1_name', 'Une marque bien trop longue'],
      ]);
      assert.equal(refused.posted?.status, 303, 'post/redirect/get');
      assert.match(refused.body, /Indiquez une date qui existe, écrite année-mois-jour/);
      assert.match(refused.body, /Le total doit être égal à 100\u202F; il est de 80\./);
      assert.match(refused.body, /Votre réponse dépasse 10\u00A0caractères\./);
      assert.match(refused.body, /href="#f-visit"/);
      assert.match(refused.body, /href="#f-budget_ads">Répartissez votre budget — Le total/, 'the total error links to the first item');
      assert.match(refused.body, /Citez des marques — Première — Marque — /);
      assert.match(refused.body, /name="budget_staff" value="30"/, 'what was typed is shown again');

      const outOfBounds = await client.submit(refused, [
        ['visit', '2023-12-31'],
        ['budget_ads', '60'],
        ['budget_staff', '40'],
      ]);
      assert.match(outOfBounds.body, /Indiquez une date égale ou postérieure au 1 janvier 2024\./);

      const last = await client.submit(outOfBounds, [
        ['visit', '2025-03-31'],
        ['budget_ads', '60'],
        ['budget_staff', '40'],
        ['brands_1_name', 'Acme'],
        ['brands_1_country', 'FR'],
      ]);
      assert.equal(last.status, 200, last.body.slice(0, 400));
      assert.match(last.body, /Qu’avez-vous pensé de cette visite récente/);
      assert.doesNotMatch(last.body, /id="q-why_recent"[^>]*hidden/, 'a visit in 2025 shows the question');
      const review = await client.submit(last, [['why_recent', 'Très bien']]);
      assert.match(review.body, /31 mars 2025/);
      assert.match(review.body, /Répartissez votre budget — Publicité<\/dt><dd>60[ \u00A0]%<\/dd>/);
      assert.match(review.body, /Citez des marques — Première — Pays<\/dt><dd>FR<\/dd>/);
      const thanks = await client.submit(review, [], 'finish');
      assert.equal(thanks.status, 200);
      const [response] = (await server.store.responses.list(wave.id)).filter((r) => r.status === 'complete');
      assert.deepEqual(response.answers, {
        consent: true,
        visit: '2025-03-31',
        budget_ads: 60,
        budget_staff: 40,
        brands_1_name: 'Acme',
        brands_1_country: 'FR',
        why_recent: 'Très bien',
      });
    });
  });
}
