import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { generateStudyDemo } from '../../src/demo/index.js';
import { importLss } from '../../src/exchange/import-lss.js';
import type { Store } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore } from '../helpers/databases.js';
import { checkStoredWave, seriesCodes } from './stored-wave-checks.js';

const lss = readFileSync(new URL('../fixtures/exchange/digital-uses.lss', import.meta.url), 'utf8');

for (const database of TEST_DATABASES) {
  describe(`synthetic waves of a study imported from LimeSurvey [${database.name}]`, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(database);
    });
    after(() => store.close());

    it('fills monthly waves of the imported study from its definition alone, following its display logic', async () => {
      const imported = importLss(lss);
      assert.ok(imported.ok && imported.study);
      const study = imported.study;
      await store.studies.saveVersion(study.id, JSON.parse(JSON.stringify(study)));
      const result = await generateStudyDemo(store, study.id, { waves: ['2026-02', '2026-01', '2025-12'], n: 300, secretKey: 'a-test-secret-of-at-least-32-bytes-0123456789' });
      assert.deepEqual(
        result.waves.map((w) => [w.code, w.status, w.weighted]),
        [
          ['2025-12', 'published', false],
          ['2026-01', 'published', false],
          ['2026-02', 'fieldwork', false],
        ],
      );
      assert.deepEqual(await seriesCodes(store, study.id), ['2025-12', '2026-01', '2026-02']);
      const rows = [];
      for (const w of result.waves) rows.push(...(await checkStoredWave(store, (await store.waves.get(w.waveId))!, study)));
      // every question kind of the import gets answers: the matrix's items, the number, the multiple choice with "other"
      const complete = rows.filter((r) => r.complete);
      assert.ok(complete.length > 700);
      assert.ok(complete.some((r) => typeof r.answers.agree_sq001 === 'number'));
      assert.ok(complete.some((r) => typeof r.answers.founded === 'number'));
      assert.ok(complete.some((r) => Array.isArray(r.answers.networks) && (r.answers.networks as number[]).length === 2));
      assert.ok(
        complete.every((r) => !Array.isArray(r.answers.networks) || (r.answers.networks as number[]).length <= 2),
        'at most 2 networks',
      );
      assert.ok(complete.some((r) => r.answers.uses === 2) && complete.some((r) => r.answers.uses === 1));
    });
  });
}
