import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { MIGRATIONS } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { rawDatabase } from '../helpers/raw-database.js';

const TABLES = [
  'audit_log',
  'contacts',
  'instance_settings',
  'invitation_tokens',
  'invitations',
  'job_files',
  'jobs',
  'leads',
  'login_attempts',
  'rate_counters',
  'responses',
  'results_cache',
  'sessions',
  'study_versions',
  'submissions',
  'users',
  'waves',
  'white_papers',
];

async function tableNames(store: TestStore): Promise<string[]> {
  const tables = await rawDatabase(store).introspection.getTables();
  return tables
    .map((t) => t.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
}

for (const database of TEST_DATABASES) {
  describe(`migrations [${database.name}]`, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(database, { migrate: false });
    });
    after(() => store.close());

    it('starts from an empty database', async () => {
      assert.deepEqual(await tableNames(store), []);
    });

    it('applies every migration in order on an empty database', async () => {
      const report = await store.migrate();
      assert.deepEqual(report.applied, Object.keys(MIGRATIONS));
      assert.deepEqual(await tableNames(store), TABLES);
    });

    it('does nothing the second time', async () => {
      const report = await store.migrate();
      assert.deepEqual(report.applied, []);
      assert.deepEqual(await tableNames(store), TABLES);
    });

    it('enforces foreign keys', async () => {
      await assert.rejects(
        sql`insert into waves (study_id, code, study_version_id, status, title, created_at, updated_at)
            values ('s', '2015', 999, 'draft', 't', 'x', 'x')`.execute(rawDatabase(store)),
      );
    });

    it('rejects a status outside its list', async () => {
      const { studyVersion } = await store.studies.saveVersion('s', {});
      await assert.rejects(store.waves.create({ studyId: 's', code: 'x', studyVersionId: studyVersion.id, title: 't', status: 'open' as never }));
    });
  });
}
