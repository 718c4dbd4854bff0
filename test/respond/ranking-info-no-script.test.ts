import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { columnLayout, drawOrder, unpackInto, type Answers, type RankingQuestion } from '../../src/study/index.js';
import { RANKING_STUDY, RANKING_STUDY_ID, rankingStudy } from '../fixtures/ranking-study.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { invite } from './fieldwork.js';
import { InjectClient, type Page } from './inject-client.js';

const study = rankingStudy();
const ranking = study.pages[0]!.questions.find((q) => q.name === 'priorities') as RankingQuestion;

/** The option codes in the order the page lists its rank selects. */
const rankOrder = (page: Page) => [...page.body.matchAll(/<select id="f-priorities_(\d+)"/g)].map((m) => m[1]!);
const matrixOrder = (page: Page) => [...page.body.matchAll(/<span id="lbl-(quality_\w+)">/g)].map((m) => m[1]!);

for (const database of TEST_DATABASES) {
  describe(`a ranking, information texts and randomised orders without JavaScript [${database.name}]`, () => {
    let server: TestServer;
    let wave: Wave;

    before(async () => {
      server = await startTestServer({ database, listen: false });
      const { studyVersion } = await server.store.studies.saveVersion(RANKING_STUDY_ID, RANKING_STUDY as never);
      wave = await server.store.waves.create({ studyId: RANKING_STUDY_ID, code: '2026', studyVersionId: studyVersion.id, title: '2026', status: 'fieldwork' });
    });
    after(() => server.close());

    it('shows an information text and a rank select per option, refuses duplicate ranks in words, and stores the ranks and the orders shown', async () => {
      const token = await invite(server.store, wave, server.config.secretKey);
      const client = new InjectClient(server.app);
      const url = `/s/${RANKING_STUDY_ID}/2026?t=${token}&lang=en`;
      const first = await client.get(url);
      assert.equal(first.status, 200);
      assert.match(first.body, /class="question info"[^>]*>\s*<p class="info-text">The next questions are about your city\.<\/p>/);
      assert.match(first.body, /Number from 1 to 3 options, 1 for your first choice\./);
      assert.match(first.body, /<label for="f-priorities_3">Safety<\/label>/);
      assert.deepEqual([...rankOrder(first)].sort(), ['1', '2', '3', '4']);
      // no field for the information text
      assert.doesNotMatch(first.body, /name="intro_info"/);

      const refused = await client.submit(first, [
        ['area', '1'],
        ['priorities_1', '1'],
        ['priorities_2', '1'],
      ]);
      assert.equal(refused.posted?.status, 303);
      assert.match(refused.body, /Rank 1 is given to more than one option: give each rank once\./);
      assert.match(refused.body, /<select id="f-priorities_1" name="priorities_1" class="rank-select" aria-invalid="true"/);
      // what was typed is shown again
      assert.match(refused.body, /<option value="1" selected>1<\/option>/);
      const shownOrder = rankOrder(refused);

      const gap = await client.submit(refused, [
        ['area', '1'],
        ['priorities_1', '1'],
        ['priorities_4', '3'],
      ]);
      assert.match(gap.body, /Rank 2 is missing: number your choices 1, 2, 3… without a gap\./);

      const second = await client.submit(gap, [
        ['area', '1'],
        ['priorities_4', '1'],
        ['priorities_1', '2'],
        ['priorities_2', ''],
      ]);
      assert.equal(second.posted?.status, 303);
      // the centre's information text shows (its condition holds), as text
      assert.match(second.body, /You live in the centre: think of the services near you\./);
      const response = (await server.store.responses.list(wave.id))[0]!;
      const answers = response.answers as Answers;
      assert.equal(answers.priorities_4, 1);
      assert.equal(answers.priorities_1, 2);
      assert.equal(answers.priorities_2, undefined);
      // the order recorded is the one the page showed, drawn from the response's public id
      assert.equal(answers.priorities_order, drawOrder(ranking, response.publicId).join(','));
      assert.deepEqual(String(answers.priorities_order).split(','), rankOrder(gap));
      assert.equal(shownOrder.length, 4);
      assert.match(String(answers.area_order), /^[123],[123],[123]$/);

      // a reload shows the same order; going back shows the ranks as stored, in the recorded order
      const again = await client.get(url);
      assert.deepEqual(matrixOrder(again), matrixOrder(second));
      const back = await client.submit(second, [], 'previous');
      assert.deepEqual(rankOrder(back), String(answers.priorities_order).split(','));
      assert.match(back.body, /<select id="f-priorities_4"[^>]*><option value="">–<\/option><option value="1" selected>1<\/option>/);

      const services = await client.submit(back, [
        ['area', '1'],
        ['priorities_4', '1'],
        ['priorities_1', '2'],
      ]);
      // the exclusive "none" stays at the end of the randomised multiple choice
      const serviceCodes = [...services.body.matchAll(/id="f-services-(\d+)"/g)].map((m) => m[1]);
      assert.equal(serviceCodes.at(-1), '5');
      const review = await client.submit(services, [
        ['services', '1'],
        ['quality_roads', '1'],
        ['quality_light', '2'],
        ['quality_clean', '3'],
      ]);
      assert.match(review.body, /Check your answers/);
      assert.match(review.body, /<dd>1\. Parks, 2\. Transport<\/dd>/);
      assert.doesNotMatch(review.body, /The next questions are about your city/);
      const thanks = await client.submit(review, [], 'finish');
      assert.equal(thanks.posted?.status, 303);

      const done = (await server.store.responses.list(wave.id))[0]!;
      assert.equal(done.status, 'complete');
      const stored = done.answers as Answers;
      assert.match(String(stored.quality_order), /^quality_\w+,quality_\w+,quality_\w+$/);
      assert.deepEqual(String(stored.quality_order).split(','), matrixOrder(second));
      // packed: rank, 0 for an option not ranked
      const layout = columnLayout(study);
      const categories = layout.categories.map(() => new Int16Array(1));
      unpackInto(
        layout,
        done.packed!,
        0,
        layout.numbers.map(() => new Float64Array(1)),
        categories,
      );
      const rank = (name: string) => categories[layout.categories.findIndex((c) => c.name === name)]![0];
      assert.deepEqual(['priorities_1', 'priorities_2', 'priorities_3', 'priorities_4'].map(rank), [2, 0, 0, 1]);
    });
  });
}
