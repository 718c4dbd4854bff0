import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { csvRecordsSync } from '../../src/analysis/read-csv.js';
import { importXlsFormSheets } from '../../src/exchange/import-xlsform.js';
import { exportWave, importResponsesCsv } from '../../src/exchange/index.js';
import { readXlsFormWorkbook } from '../../src/exchange/read-xlsform-workbook.js';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { collector } from './fixtures/collect.js';
import { householdEnergy } from './xlsform/corpus.js';
import { writeXlsForm } from './xlsform/write-xlsform.js';

// An imported questionnaire's own codes (`own`, `gas`) in and out: responses written with them come in, and
// a CSV export with `codes: 'source'` gives them back, where the default export writes the storage codes.

const CSV = [
  'tenure,heating,gas_bill,modes_1,modes_2,modes_3,modes_4,km_car,why_none,started_at,completed_at,language',
  'own,gas,120,1,0,1,0,35.5,,2024-03-01T09:00:00Z,2024-03-01T09:07:30Z,fr',
  'rent,heat_pump,,0,0,0,1,,Je marche,2024-03-02T10:00:00Z,2024-03-02T10:04:00Z,en',
].join('\n');

for (const database of TEST_DATABASES) {
  describe(`source codes in and out of an imported questionnaire [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      const imported = importXlsFormSheets(await readXlsFormWorkbook(await writeXlsForm(householdEnergy)));
      assert.ok(imported.study, JSON.stringify(imported.errors));
      const saved = await store.studies.saveVersion(imported.study.id, imported.study as never);
      wave = await store.waves.create({ studyId: imported.study.id, code: '2024', studyVersionId: saved.studyVersion.id, title: 'Vague 2024' });
    });
    after(() => store.close());

    const exported = async (codes?: 'storage' | 'source') => {
      const c = collector();
      await exportWave(store, wave, 'csv', { out: c.stream }, codes ? { codes } : {});
      const [header, ...rows] = csvRecordsSync(c.text(), ',').map((r) => r.cells);
      return rows.map((r) => Object.fromEntries(header!.map((name, k) => [name, r[k]])));
    };

    it('imports responses written with the source codes, keeping their dates and languages', async () => {
      const result = await importResponsesCsv(store, wave, [CSV]);
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, 2);
      const stored = await store.responses.list(wave.id);
      assert.deepEqual(
        stored.map((r) => [r.answers.tenure, r.answers.heating, r.startedAt, r.completedAt, r.durationMs, r.language]),
        [
          [1, 1, '2024-03-01T09:00:00.000Z', '2024-03-01T09:07:30.000Z', null, 'fr'],
          [2, 4, '2024-03-02T10:00:00.000Z', '2024-03-02T10:04:00.000Z', null, 'en'],
        ],
      );
    });

    it('exports the source codes when asked, the storage codes by default', async () => {
      const source = await exported('source');
      assert.deepEqual(
        source.map((r) => [r.tenure, r.heating, r.started_at, r.channel]),
        [
          ['own', 'gas', '2024-03-01T09:00:00.000Z', '3'],
          ['rent', 'heat_pump', '2024-03-02T10:00:00.000Z', '3'],
        ],
      );
      const storage = await exported();
      assert.deepEqual(
        storage.map((r) => [r.tenure, r.heating]),
        [
          ['1', '1'],
          ['2', '4'],
        ],
      );
      // what went out comes back in: the source-coded export imports into another wave unchanged
      const copy = await store.waves.create({ studyId: wave.studyId, code: 'copy', studyVersionId: wave.studyVersionId, title: 'Copie' });
      const c = collector();
      await exportWave(store, wave, 'csv', { out: c.stream }, { codes: 'source' });
      const again = await importResponsesCsv(store, copy, [c.text()]);
      assert.deepEqual(again.rejected, []);
      assert.deepEqual(
        (await store.responses.list(copy.id)).map((r) => r.answers),
        (await store.responses.list(wave.id)).map((r) => r.answers),
      );
    });
  });
}
