import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES } from '../../../../test/helpers/databases.js';
import { startTestServer, type TestServer } from '../../../../test/helpers/test-server.js';
import { STUDY } from '../../../../test/respond/fieldwork.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('the fieldwork window of a wave', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ database: TEST_DATABASES[0]!, listen: false });
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
    assert.deepEqual(await firstPage('w-inside', iso(Date.now() - DAY), iso(Date.now() + DAY)), { status: 200, questionnaire: true, closed: false });
    assert.deepEqual(await firstPage('w-open-end', iso(Date.now() - DAY), null), { status: 200, questionnaire: true, closed: false });
  });

  it('shows the closed page before the opening, after the closing, and outside fieldwork', async () => {
    assert.deepEqual(await firstPage('w-early', iso(Date.now() + DAY), null), { status: 200, questionnaire: false, closed: true });
    assert.deepEqual(await firstPage('w-late', null, iso(Date.now() - DAY)), { status: 200, questionnaire: false, closed: true });
    assert.deepEqual(await firstPage('w-draft', null, null, 'draft'), { status: 200, questionnaire: false, closed: true });
  });
});
