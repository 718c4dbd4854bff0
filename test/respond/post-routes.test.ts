import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { FULL_PAGES, invite, openWave } from './fieldwork.js';
import { InjectClient, type Page } from './inject-client.js';
import { rawDatabase } from '../helpers/raw-database.js';

const SURVEY = '/s/social-media-barometer/2026';

for (const database of TEST_DATABASES) {
  describe(`questionnaire POST routes [${database.name}]`, () => {
    let server: TestServer;
    let wave: Wave;

    /** Everything a rejected post must leave untouched: every response row and every submission id. */
    async function snapshot(): Promise<string> {
      const responses = await rawDatabase(server.store).selectFrom('responses').select(['id', 'answers', 'currentPage', 'status', 'pageDurations']).orderBy('id').execute();
      const submissions = await rawDatabase(server.store).selectFrom('submissions').select(['submissionId']).orderBy('submissionId').execute();
      return JSON.stringify({ responses, submissions });
    }

    /** A respondent invited to the wave who answered `pages` pages; returns the page now shown. */
    async function respondent(pages: number, w = wave): Promise<{ client: InjectClient; page: Page; token: string }> {
      const token = await invite(server.store, w, server.config.secretKey);
      const client = new InjectClient(server.app);
      let page = await client.get(`/s/social-media-barometer/${w.code}?t=${token}`);
      for (let p = 0; p < pages; p++) page = await client.submit(page, FULL_PAGES[p]!);
      assert.equal(page.status, 200);
      return { client, page, token };
    }

    async function assertRejected(page: Page, status: number, message: RegExp, snapshotBefore: string) {
      assert.equal(page.status, status, page.body.slice(0, 400));
      assert.match(page.body, message);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.equal(await snapshot(), snapshotBefore, 'nothing is stored');
    }

    /** A page not accepted: the post answers 303 to the GET of the same page, which shows the errors and what was typed. */
    async function assertShownAgain(page: Page, message: RegExp, snapshotBefore: string) {
      assert.equal(page.posted?.status, 303, 'post/redirect/get');
      assert.match(page.posted!.location, /\?t=[A-Za-z0-9_-]+&p=\d+$/);
      await assertRejected(page, 200, message, snapshotBefore);
    }

    before(async () => {
      server = await startTestServer({ database, listen: false });
      wave = await openWave(server.store, '2026');
    });
    after(() => server.close());

    it('saves a valid page and shows the next one, with no-store and no-referrer', async () => {
      const { page, token } = await respondent(2);
      assert.match(page.body, /Votre présence sur les réseaux sociaux/);
      assert.equal(page.headers['referrer-policy'], 'no-referrer');
      const invitation = await server.store.invitations.getByTokenHash(
        (await import('../../src/server/routes/respond/respond-secrets.js')).respondSecrets(server.config.secretKey).tokenHash(token),
      );
      const response = await server.store.responses.getByInvitation(invitation!.id);
      assert.equal(response?.currentPage, 2);
      assert.deepEqual(response?.answers, { consent: true, company_size: 2, sector: 3, region: 1, respondent_function: 2 });
      assert.ok(Object.keys(response!.pageDurations).length === 2, 'a duration per page');
    });

    it('answers a saved page with 303 to the GET of the next one; Back (the previous page’s GET) and reload show the stored answers and write nothing', async () => {
      const { client, page, token } = await respondent(1);
      const next = await client.submit(page, FULL_PAGES[1]!);
      assert.deepEqual(next.posted, { status: 303, location: `${SURVEY}?t=${token}&p=2` });
      assert.equal(next.status, 200);
      assert.match(next.body, /Votre présence sur les réseaux sociaux/);
      const s = await snapshot();
      const back = await client.get(`${SURVEY}?t=${token}&p=1`);
      assert.equal(back.status, 200);
      assert.match(back.body, /id="f-company_size-2"[^>]* checked/, 'the answers of the page are shown');
      assert.match(back.body, /<option value="3" selected>/);
      const reload = await client.get(next.url!);
      assert.match(reload.body, /Votre présence sur les réseaux sociaux/);
      assert.equal(await snapshot(), s, 'Back and reload store nothing');
      // posting the page again from Back saves it again (a new submission) and goes forward, still one response
      const again = await client.submit(back, FULL_PAGES[1]!);
      assert.equal(again.posted?.location, `${SURVEY}?t=${token}&p=2`);
    });

    it('refuses to jump ahead by editing the URL: 303 to the furthest page reached', async () => {
      const { client, token } = await respondent(2);
      const s = await snapshot();
      for (const asked of ['9', 'review', 'done', 'x']) {
        const jump = await client.app.inject({ method: 'GET', url: `${SURVEY}?t=${token}&p=${asked}` });
        assert.equal(jump.statusCode, 303, asked);
        assert.equal(jump.headers.location, `${SURVEY}?t=${token}&p=2`, asked);
      }
      assert.equal((await client.get(`${SURVEY}?t=${token}&p=2`)).status, 200, 'the furthest page itself is shown');
      assert.equal(await snapshot(), s);
    });

    it('keeps the language prefix and adds no secret to a URL: the open link’s first post redirects without its resume id', async () => {
      await openWave(server.store, '2031');
      const client = new InjectClient(server.app, '192.0.2.31');
      const start = await client.get('/en/s/social-media-barometer/2031');
      const first = await client.submit(start, FULL_PAGES[0]!);
      assert.deepEqual(first.posted, { status: 303, location: '/en/s/social-media-barometer/2031?p=1' });
      assert.match(first.body, /Your company/);
      const second = await client.submit(first, FULL_PAGES[1]!);
      assert.match(second.posted!.location, /^\/en\/s\/social-media-barometer\/2031\?r=[A-Za-z0-9_-]{22}&p=2$/, 'the form’s own URL carried the resume id');
    });

    it('sends the errors of a refused page to its GET once: a reload shows the stored answers without them', async () => {
      const { client, page, token } = await respondent(4);
      const fields = FULL_PAGES[4]!.map(([k, v]): [string, string] => [k, k === 'team_size' ? '900' : v]);
      const shown = await client.submit(page, fields);
      assert.equal(shown.posted?.location, `${SURVEY}?t=${token}&p=4`);
      assert.match(shown.body, /id="error-summary"/);
      const reload = await client.get(shown.url!);
      assert.equal(reload.status, 200);
      assert.doesNotMatch(reload.body, /id="error-summary"/);
      assert.doesNotMatch(reload.body, /value="900"/);
    });

    it('rejects an unknown option code', async () => {
      const { client, page } = await respondent(1);
      const s = await snapshot();
      const fields = FULL_PAGES[1]!.map(([k, v]): [string, string] => [k, k === 'company_size' ? '99' : v]);
      const rejected = await client.submit(page, fields);
      await assertShownAgain(rejected, /Le choix «\s99\s» n’existe pas pour cette question/, s);
      assert.match(rejected.body, /id="error-summary"[^>]*role="alert"/);
      assert.match(rejected.body, /href="#f-company_size-1"/, 'the summary links to the field');
      assert.match(rejected.body, /aria-describedby="err-company_size"/, 'the error is tied to its inputs');
      assert.match(rejected.body, /value="3" selected/, 'what was typed is shown again');
    });

    it('rejects a number out of bounds', async () => {
      const { client, page } = await respondent(4);
      const s = await snapshot();
      const fields = FULL_PAGES[4]!.map(([k, v]): [string, string] => [k, k === 'team_size' ? '900' : v]);
      const rejected = await client.submit(page, fields);
      await assertShownAgain(rejected, /inférieur ou égal à 500/, s);
      assert.match(rejected.body, /name="team_size" value="900"/);
    });

    it('rejects an answer to a question the logic hides', async () => {
      const { client, page } = await respondent(3);
      const s = await snapshot();
      const rejected = await client.submit(page, [...FULL_PAGES[3]!, ['no_use_reasons', '2']]);
      await assertShownAgain(rejected, /ne s’applique pas à vos réponses précédentes/, s);
    });

    it('without the script, shows the questions revealed by the page’s own answers instead of an error', async () => {
      const { client, page } = await respondent(7);
      assert.match(page.body, /id="q-kpis"[^>]* hidden/);
      const s = await snapshot();
      const shown = await client.submit(page, [['measures_results', '1']]);
      assert.equal(shown.status, 200);
      assert.match(shown.body, /De nouvelles questions s’affichent/);
      assert.doesNotMatch(shown.body, /id="q-kpis"[^>]* hidden/);
      assert.match(shown.body, /id="f-measures_results-1"[^>]* checked/);
      assert.equal(await snapshot(), s);
      const next = await client.submit(shown, FULL_PAGES[7]!);
      assert.match(next.body, /Vos enjeux/);
    });

    it('rejects a post without a page-submission id', async () => {
      const { client, page } = await respondent(1);
      const s = await snapshot();
      const { _sid, ...hidden } = page.hidden;
      assert.ok(_sid);
      const rejected = await client.post(page.action!, [...Object.entries(hidden), ...FULL_PAGES[1]!, ['_action', 'next']]);
      await assertRejected(rejected, 400, /identifiant d’envoi manquant/, s);
    });

    it('rejects a 10 MB body', async () => {
      const { client, page } = await respondent(1);
      const s = await snapshot();
      const rejected = await client.submit(page, [...FULL_PAGES[1]!, ['company_name', 'x'.repeat(10 * 1024 * 1024)]]);
      await assertRejected(rejected, 413, /dépassent la taille autorisée/, s);
    });

    it('rejects malformed bodies', async () => {
      const { client, page } = await respondent(1);
      const s = await snapshot();
      await assertRejected(await client.post(page.action!, { payload: '{"_sid": "x", "consent":', contentType: 'application/json' }), 400, /Requête invalide/, s);
      await assertRejected(
        await client.post(page.action!, { payload: '--x\r\nContent-Disposition: form-data; name="consent"\r\n\r\nyes\r\n--x--', contentType: 'multipart/form-data; boundary=x' }),
        415,
        /Format non pris en charge/,
        s,
      );
      await assertRejected(await client.post(page.action!, { payload: 'consent=yes', contentType: 'text/plain' }), 403, /Accès refusé/, s);
      await assertRejected(await client.submit(page, FULL_PAGES[1]!, 'next', [['_page', 'x%ZZ']]), 400, /pas accessible/, s);
      await assertRejected(await client.submit(page, FULL_PAGES[1]!, 'explode'), 400, /Action inconnue/, s);
    });

    it('rejects a filled honeypot', async () => {
      const { client, page } = await respondent(1);
      const s = await snapshot();
      await assertRejected(await client.submit(page, FULL_PAGES[1]!, 'next', [['hp-website', 'http://spam.example']]), 400, /n’a pas pu être accepté/, s);
    });

    it('rejects a token of another wave with the invalid-link page', async () => {
      const other = await openWave(server.store, '2027');
      const { client, page } = await respondent(1);
      const foreign = await invite(server.store, other, server.config.secretKey);
      const s = await snapshot();
      const rejected = await client.post(`${SURVEY}?t=${foreign}`, [...Object.entries(page.hidden), ...FULL_PAGES[1]!, ['_action', 'next']]);
      await assertRejected(rejected, 404, /Ce lien n’est pas valide/, s);
    });

    it('says « already answered » with the benchmark link on a used invitation, and refuses a new post on it', async () => {
      const { client, page, token } = await respondent(FULL_PAGES.length);
      assert.match(page.body, /Vérifiez vos réponses/);
      const thanks = await client.submit(page, [], 'finish');
      assert.equal(thanks.posted?.location, `${SURVEY}?t=${token}&p=done`);
      assert.match(thanks.body, /Merci pour votre participation/);
      const link = /id="benchmark-link" href="([^"]+)"/.exec(thanks.body)?.[1];
      assert.match(link ?? '', /^\/benchmark\/[A-Za-z0-9_-]{22}$/);
      assert.match(thanks.body, new RegExp(`id="benchmark-url" readonly value="http[^"]+${link}"`), 'the link to copy');
      const s = await snapshot();
      const again = await client.get(`${SURVEY}?t=${token}`);
      assert.equal(again.status, 200);
      assert.match(again.body, /Vous avez déjà répondu/);
      assert.match(again.body, /déjà été envoyé avec ce lien d’invitation/);
      assert.equal(/id="benchmark-link" href="([^"]+)"/.exec(again.body)?.[1], link, 'the same benchmark link again');
      const unknown = await client.get(`${SURVEY}?t=AAAAAAAAAAAAAAAAAAAAAA`);
      assert.equal(unknown.status, 404);
      assert.match(unknown.body, /Ce lien n’est pas valide/);
      const rejected = await client.submit(page, [], 'finish', [['_sid', 'aNewSubmissionIdAAAAAAA']]);
      await assertRejected(rejected, 409, /Vous avez déjà répondu/, s);
    });

    it('records one response when the same last page is posted twice at once', async () => {
      const { client, page } = await respondent(FULL_PAGES.length);
      const completeBefore = await server.store.responses.count(wave.id, { status: 'complete' });
      const [a, b] = await Promise.all([client.submit(page, [], 'finish'), client.submit(page, [], 'finish')]);
      for (const result of [a, b]) {
        assert.equal(result.status, 200);
        assert.match(result.body, /Merci pour votre participation/);
        assert.match(result.body, /id="benchmark-link" href="\/benchmark\/[A-Za-z0-9_-]{22}"/);
      }
      assert.equal(await server.store.responses.count(wave.id, { status: 'complete' }), completeBefore + 1);
      // the thanks page's benchmark link opens the respondent's benchmark (its own feature)
      const link = /id="benchmark-link" href="([^"]+)"/.exec(a.body)![1]!;
      assert.equal(link, /id="benchmark-link" href="([^"]+)"/.exec(b.body)![1]!, 'both posts show the same link');
      assert.equal((await client.get(link)).status, 200);
      const finals = await rawDatabase(server.store).selectFrom('submissions').select('submissionId').where('submissionId', '=', page.hidden._sid!).execute();
      assert.equal(finals.length, 1);
    });

    it('creates one open-link response for a double first post, and refuses a second complete one from the same browser', async () => {
      const open = await openWave(server.store, '2030');
      const client = new InjectClient(server.app, '192.0.2.30');
      const start = await client.get('/s/social-media-barometer/2030');
      const [a, b] = await Promise.all([client.submit(start, FULL_PAGES[0]!), client.submit(start, FULL_PAGES[0]!)]);
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.equal(await server.store.responses.count(open.id), 1);
      let page = a;
      for (let p = 1; p < FULL_PAGES.length; p++) page = await client.submit(page, FULL_PAGES[p]!);
      assert.match((await client.submit(page, [], 'finish')).body, /Merci pour votre participation/);
      const s = await snapshot();
      const again = await client.get('/s/social-media-barometer/2030');
      assert.match(again.body, /Vous avez déjà répondu/);
      assert.match(again.body, /id="benchmark-link"/);
      await assertRejected(await client.submit(start, FULL_PAGES[0]!, 'next', [['_sid', 'aFreshSubmissionId0000']]), 409, /Vous avez déjà répondu/, s);
    });

    it('shows a polite closed page for a wave not in fieldwork and refuses its posts', async () => {
      await openWave(server.store, '2025', 'closed');
      const client = new InjectClient(server.app);
      const page = await client.get('/s/social-media-barometer/2025');
      assert.equal(page.status, 200);
      assert.match(page.body, /Le questionnaire est fermé/);
      const s = await snapshot();
      const open = await client.get(SURVEY);
      await assertRejected(await client.post('/s/social-media-barometer/2025', [...Object.entries(open.hidden), ['consent', 'yes'], ['_action', 'next']]), 409, /fermé/, s);
    });

    it('answers 429 after a few invalid tokens from one address', async () => {
      const client = new InjectClient(server.app, '198.51.100.7');
      const statuses: number[] = [];
      for (let i = 0; i < 15; i++) statuses.push((await client.get(`${SURVEY}?t=guess${String(i).padStart(17, '0')}`)).status);
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(404));
      assert.deepEqual(statuses.slice(10), Array(5).fill(429));
      assert.equal((await new InjectClient(server.app, '198.51.100.8').get(SURVEY)).status, 200, 'another address is not affected');
    });

    it('answers 404 for an unknown study or wave', async () => {
      const client = new InjectClient(server.app);
      assert.equal((await client.get('/s/social-media-barometer/1999')).status, 404);
      assert.equal((await client.get('/s/nope/2026')).status, 404);
    });
  });
}
