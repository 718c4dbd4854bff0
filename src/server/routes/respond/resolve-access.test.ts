import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../../../../test/helpers/databases.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/test-server.js';
import { STUDY } from '../../../../test/respond/fieldwork.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('the fieldwork window of a wave, on the app’s clock', () => {
  let server: TestServer;
  // the app's clock, far from the real time: a window read on the real clock would give the other answer
  let now = Date.parse('2041-06-15T12:00:00.000Z');
  before(async () => {
    server = await startTestServer({ database: TEST_DATABASES[0]!, listen: false, clock: () => new Date(now) });
  });
  after(() => server.close());

  /** Opens a wave with these dates and returns the status and body of its first page (`?p=0`: the bare link redirects there). */
  async function firstPage(code: string, opensAt: string | null, closesAt: string | null, status: 'fieldwork' | 'draft' = 'fieldwork') {
    const { studyVersion } = await server.store.studies.saveVersion(STUDY.id, STUDY as never);
    await server.store.waves.create({ studyId: STUDY.id, code, studyVersionId: studyVersion.id, title: `Édition ${code}`, status, opensAt, closesAt });
    const reply = await server.app.inject({ method: 'GET', url: `/s/${STUDY.id}/${code}?p=0` });
    return { status: reply.statusCode, questionnaire: reply.body.includes('name="_sid"'), closed: reply.body.includes('Le questionnaire est fermé') };
  }

  it('shows the questionnaire in fieldwork without dates, and inside its window', async () => {
    assert.deepEqual(await firstPage('w-none', null, null), { status: 200, questionnaire: true, closed: false });
    assert.deepEqual(await firstPage('w-inside', iso(now - DAY), iso(now + DAY)), { status: 200, questionnaire: true, closed: false });
    assert.deepEqual(await firstPage('w-open-end', iso(now - DAY), null), { status: 200, questionnaire: true, closed: false });
  });

  it('shows the closed page before the opening, after the closing, and outside fieldwork', async () => {
    assert.deepEqual(await firstPage('w-early', iso(now + DAY), null), { status: 200, questionnaire: false, closed: true });
    assert.deepEqual(await firstPage('w-late', null, iso(now - DAY)), { status: 200, questionnaire: false, closed: true });
    assert.deepEqual(await firstPage('w-draft', null, null, 'draft'), { status: 200, questionnaire: false, closed: true });
  });

  it('opens the questionnaire when the app’s clock reaches the opening time', async () => {
    const opening = now + DAY;
    assert.deepEqual(await firstPage('w-later', iso(opening), null), { status: 200, questionnaire: false, closed: true });
    now = opening + 1;
    const reply = await server.app.inject({ method: 'GET', url: `/s/${STUDY.id}/w-later?p=0` });
    assert.ok(reply.body.includes('name="_sid"'), 'open once the clock passed the opening time');
  });
});
