import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { logicStudy } from '../../src/study/logic-study.test-helper.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { invite } from './fieldwork.js';
import { InjectClient, type Page } from './inject-client.js';

const STUDY = logicStudy();
const SURVEY = `/s/${STUDY.id}/2026`;

/** The values of a field's inputs on a page (radio buttons, check boxes), in order. */
const choices = (page: Page, field: string) =>
  [...page.body.matchAll(new RegExp(`<input type="(?:radio|checkbox)" id="f-${field}-\\d+" name="${field}" value="(\\d+)"`, 'g'))].map((m) => Number(m[1]));
const title = (page: Page) => /<h1>([^<]*)<\/h1>/.exec(page.body)?.[1];

describe('page conditions and carry forward in the questionnaire, without a script', () => {
  let server: TestServer;
  let wave: Wave;

  before(async () => {
    server = await startTestServer({ listen: false });
    const { studyVersion } = await server.store.studies.saveVersion(STUDY.id, STUDY as never);
    wave = await server.store.waves.create({ studyId: STUDY.id, code: '2026', studyVersionId: studyVersion.id, title: 'Logic 2026', status: 'fieldwork' });
  });
  after(() => server.close());

  it('skips the page a comparison hides, shows only the carried options and items, and refuses the others', async () => {
    const client = new InjectClient(server.app);
    const token = await invite(server.store, wave, server.config.secretKey);
    let page = await client.get(`${SURVEY}?t=${token}`);
    assert.match(page.body, /Page 1 sur 5</, 'the adult page may still come');
    page = await client.submit(page, [
      ['age', '12'],
      ['brands', '1'],
      ['brands', '3'],
    ]);
    assert.equal(title(page), 'Vos marques', 'age 12: the adult page is skipped');
    assert.match(page.body, /Page 2 sur 4</, 'the count drops the page the answer closed');
    assert.deepEqual(choices(page, 'favourite'), [1, 3]);
    assert.deepEqual(choices(page, 'others'), [2]);
    assert.match(page.body, /name="rating_alpha"/);
    assert.doesNotMatch(page.body, /name="rating_beta"/);
    assert.match(page.body, /name="rating_gamma"/);

    const refused = await client.submit(page, [
      ['favourite', '2'],
      ['rating_alpha', '1'],
      ['rating_beta', '1'],
      ['rating_gamma', '2'],
    ]);
    assert.equal(title(refused), 'Vos marques', 'shown again with its errors');
    assert.match(refused.body, /error-summary/);
    assert.equal((await server.store.responses.list(wave.id, {}))[0]!.answers.favourite, undefined, 'nothing of the page is stored');

    page = await client.submit(refused, [
      ['favourite', '3'],
      ['rating_alpha', '1'],
      ['rating_gamma', '2'],
    ]);
    assert.equal(title(page), 'Fin');
    assert.match(page.body, /id="q-comment"(?![^>]*hidden)/, 'member unanswered: != Yes holds, the comment is asked');
    page = await client.submit(page, [['comment', 'rien']]);
    assert.equal(title(page), 'Vérifiez vos réponses');
    assert.doesNotMatch(page.body, /Adultes/, 'the review leaves the skipped page out');
    const done = await client.submit(page, [], 'finish');
    assert.equal(done.posted?.status, 303);
    const [response] = await server.store.responses.list(wave.id, { status: 'complete' });
    assert.deepEqual(response!.answers, { age: 12, brands: [1, 3], favourite: 3, rating_alpha: 1, rating_gamma: 2, comment: 'rien' });
  });

  it('hides a question a carry forward leaves empty, and the page of an adult asks its question', async () => {
    const client = new InjectClient(server.app);
    const token = await invite(server.store, wave, server.config.secretKey);
    let page = await client.get(`${SURVEY}?t=${token}`);
    page = await client.submit(page, [
      ['age', '40'],
      ['brands', '1'],
      ['brands', '2'],
      ['brands', '3'],
      ['member', '1'],
    ]);
    assert.equal(title(page), 'Adultes');
    page = await client.submit(page, [['income', '2000']]);
    assert.equal(title(page), 'Vos marques');
    assert.deepEqual(choices(page, 'others'), [], 'every brand chosen: nothing left to try, the question is not on the page');
    assert.doesNotMatch(page.body, /id="q-others"/);
    page = await client.submit(page, [
      ['favourite', '2'],
      ['rating_alpha', '1'],
      ['rating_beta', '1'],
      ['rating_gamma', '1'],
    ]);
    assert.doesNotMatch(page.body, /<h1>Fin<\/h1>/, 'member is Yes: the end page has nothing to ask');
  });

  it('drops the answers of a page the respondent closed by going back and changing an earlier answer', async () => {
    const client = new InjectClient(server.app);
    const token = await invite(server.store, wave, server.config.secretKey);
    const about: [string, string][] = [
      ['brands', '1'],
      ['member', '2'],
    ];
    let page = await client.get(`${SURVEY}?t=${token}`);
    page = await client.submit(page, [['age', '30'], ...about]);
    page = await client.submit(page, [['income', '1000']]);
    assert.equal(title(page), 'Vos marques');
    page = await client.submit(page, [], 'previous');
    page = await client.submit(page, [['income', '1000']], 'previous');
    assert.equal(title(page), 'Logique', 'back on the first page');
    page = await client.submit(page, [['age', '12'], ...about]);
    assert.equal(title(page), 'Vos marques', 'the adult page is now skipped');
    page = await client.submit(page, [
      ['favourite', '1'],
      ['rating_alpha', '2'],
    ]);
    page = await client.submit(page, []);
    assert.equal(title(page), 'Vérifiez vos réponses');
    assert.doesNotMatch(page.body, /Revenu/, 'the stale answer is not reviewed');
    const done = await client.submit(page, [], 'finish');
    assert.equal(done.posted?.status, 303);
    const responses = await server.store.responses.list(wave.id, { status: 'complete' });
    const mine = responses.find((r) => r.answers.age === 12 && r.answers.favourite === 1)!;
    assert.deepEqual(mine.answers, { age: 12, brands: [1], member: 2, favourite: 1, rating_alpha: 2 });
  });
});
