import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { preparedQuery } from '../../src/store/prepared-query.js';
import type { Store } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore } from '../helpers/databases.js';
import { rawDatabase, storeDialect } from '../helpers/raw-database.js';

const studiesOf = preparedQuery(2, (db, _dialect, studyId: string, minVersion: number) =>
  db.selectFrom('studyVersions').select(['studyId', 'version', 'createdAt']).where('version', '>=', minVersion).where('studyId', '=', studyId).orderBy('version'),
);
const lockedOnPostgres = preparedQuery(1, (db, dialect, studyId: string) =>
  db
    .selectFrom('studyVersions')
    .select('version')
    .where('studyId', '=', studyId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .orderBy('version'),
);

for (const database of TEST_DATABASES) {
  describe(`preparedQuery [${database.name}]`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(database);
      for (const title of ['a', 'b', 'c']) await store.studies.saveVersion('s1', { title });
      await store.studies.saveVersion('s2', { title: 'x' });
    });
    after(() => store.close());

    it('gives what the same query built each time gives, for each set of values, camelCased', async () => {
      for (const [studyId, min] of [
        ['s1', 1],
        ['s1', 2],
        ['s2', 1],
        ['s1', 4],
        ['nope', 0],
      ] as const) {
        const built = await rawDatabase(store)
          .selectFrom('studyVersions')
          .select(['studyId', 'version', 'createdAt'])
          .where('version', '>=', min)
          .where('studyId', '=', studyId)
          .orderBy('version')
          .execute();
        const prepared = await studiesOf(rawDatabase(store), storeDialect(store), studyId, min);
        assert.deepEqual(prepared, built);
      }
      assert.deepEqual(
        (await studiesOf(rawDatabase(store), storeDialect(store), 's1', 2)).map((r) => r.version),
        [2, 3],
      );
      assert.ok('createdAt' in (await studiesOf(rawDatabase(store), storeDialect(store), 's2', 1))[0]!);
    });

    it('runs inside a transaction, and compiles per dialect (FOR UPDATE only on PostgreSQL)', async () => {
      const versions = await rawDatabase(store)
        .transaction()
        .execute((trx) => lockedOnPostgres(trx, storeDialect(store), 's1'));
      assert.deepEqual(
        versions.map((r) => r.version),
        [1, 2, 3],
      );
    });

    it('refuses a build that does not use each value exactly once', async () => {
      const unused = preparedQuery(2, (db, _dialect, studyId: string, _other: number) => db.selectFrom('studyVersions').select('version').where('studyId', '=', studyId));
      await assert.rejects(unused(rawDatabase(store), storeDialect(store), 's1', 1), /value 1 appears 0 times/);
      const twice = preparedQuery(1, (db, _dialect, studyId: string) =>
        db.selectFrom('studyVersions').select('version').where('studyId', '=', studyId).where('document', '=', studyId),
      );
      await assert.rejects(twice(rawDatabase(store), storeDialect(store), 's1'), /value 0 appears 2 times/);
    });
  });
}
