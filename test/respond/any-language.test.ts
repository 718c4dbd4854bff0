import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { validateStudy, type Study } from '../../src/study/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { invite } from './fieldwork.js';
import { InjectClient } from './inject-client.js';

/** A study in German and Italian only: Italian has no interface catalogue. */
const STUDY: Study = (() => {
  const L = (de: string, it: string) => ({ de, it });
  const result = validateStudy({
    id: 'haushalte',
    version: 1,
    languages: ['de', 'it'],
    title: L('Haushaltsbarometer', 'Barometro delle famiglie'),
    description: L('Wie Haushalte sparen.', 'Come risparmiano le famiglie.'),
    unit: { de: { one: 'Haushalt', other: 'Haushalte' }, it: { one: 'famiglia', other: 'famiglie' } },
    estimatedMinutes: 5,
    privacyNotice: L('Ihre Antworten bleiben vertraulich.', 'Le vostre risposte restano riservate.'),
    pages: [
      { id: 'start', title: L('Einverständnis', 'Consenso'), questions: [{ name: 'consent', kind: 'consent', text: L('Ich bin einverstanden.', 'Sono d’accordo.') }] },
      {
        id: 'saving',
        title: L('Sparen', 'Risparmio'),
        questions: [
          {
            name: 'saves',
            kind: 'single',
            text: L('Spart Ihr Haushalt?', 'La vostra famiglia risparmia?'),
            options: [
              { code: 1, label: L('Ja', 'Sì') },
              { code: 2, label: L('Nein', 'No') },
            ],
          },
        ],
      },
    ],
  });
  if (!result.ok) throw new Error(`invalid test study: ${JSON.stringify(result)}`);
  return result.study;
})();

for (const database of TEST_DATABASES) {
  describe(`the questionnaire in any of the study's languages [${database.name}]`, () => {
    let server: TestServer;
    let wave: Wave;

    before(async () => {
      server = await startTestServer({ database, listen: false });
      const { studyVersion } = await server.store.studies.saveVersion(STUDY.id, STUDY as never);
      wave = await server.store.waves.create({ studyId: STUDY.id, code: '2026', studyVersionId: studyVersion.id, title: '2026', status: 'fieldwork' });
    });
    after(() => server.close());

    it('renders an Italian questionnaire with English interface words, and stores the language', async () => {
      const token = await invite(server.store, wave, server.config.secretKey);
      const client = new InjectClient(server.app);
      const start = await client.get(`/s/haushalte/2026?t=${token}&lang=it`);
      assert.equal(start.status, 200, start.body.slice(0, 400));
      assert.match(start.body, /<html lang="it">/);
      assert.match(start.body, /Barometro delle famiglie/);
      assert.match(start.body, /Sono d’accordo/);
      assert.match(start.body, />Start</, 'interface words in English');
      assert.doesNotMatch(start.body, /Einverständnis|Commencer/);
      assert.match(start.body, /hreflang="de"[^>]*>Deutsch</, 'the switch offers the other study language');
      const next = await client.submit(start, [['consent', 'yes']]);
      assert.equal(next.status, 200, next.body.slice(0, 400));
      assert.match(next.body, /La vostra famiglia risparmia\?/);
      assert.match(next.body, />Next</);
      const responses = await server.store.responses.list(wave.id);
      assert.deepEqual(
        responses.map((r) => r.language),
        ['it'],
      );
    });

    it('renders the German questionnaire with German interface words by default', async () => {
      const token = await invite(server.store, wave, server.config.secretKey);
      const page = await new InjectClient(server.app).get(`/s/haushalte/2026?t=${token}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /<html lang="de">/);
      assert.match(page.body, /Haushaltsbarometer/);
      assert.match(page.body, /hreflang="it"[^>]*>Italiano</);
    });

    it('gives an answer error in the interface language of the questionnaire', async () => {
      const token = await invite(server.store, wave, server.config.secretKey);
      const client = new InjectClient(server.app);
      const start = await client.get(`/s/haushalte/2026?t=${token}&lang=it`);
      const page = await client.submit(start, [['consent', 'yes']]);
      const error = await client.submit(page, [['saves', '7']]);
      assert.equal(error.posted?.status, 303, 'the refused page is shown again by its GET');
      assert.match(error.posted!.location, /&lang=it&p=1$/, 'in the same language');
      assert.equal(error.status, 200, error.body.slice(0, 300));
      assert.match(error.body, /is not a choice of this question/);
      assert.match(error.body, /<html lang="it">/);
    });
  });
}
