import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { csvRecordsSync } from '../../src/analysis/read-csv.js';
import { exportWave, importLss, importResponsesCsv, limeSurveyResponses } from '../../src/exchange/index.js';
import type { Wave } from '../../src/store/index.js';
import type { Study } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { collector } from './fixtures/collect.js';

// A LimeSurvey response export of the survey a study was imported from (its codes A1, Y, SQ001, its
// bookkeeping columns), written here as LimeSurvey writes one: every row comes in, and the CSV export gives
// the source codes back.
const LSS = readFileSync(new URL('../fixtures/exchange/digital-uses.lss', import.meta.url), 'utf8');
const EXPORT = [
  'id,submitdate,lastpage,startlanguage,seed,startdate,datestamp,ipaddr,SIZE,SECTOR,FOUNDED,USES,NETWORKS[SQ001],NETWORKS[SQ002],NETWORKS[SQ003],NETWORKS[other],AGREE[SQ001],AGREE[SQ002],SATISF,STARTDATE,COMMENTS,JOB,interviewtime',
  '1,2024-03-01 09:07:30,3,fr,123,2024-03-01 09:00:00,2024-03-01 09:07:30,192.0.2.1,A1,2,1998,Y,Y,Y,,,3,4,5,2019-05-01 00:00:00,"Très bien, merci",Directrice,450',
  '2,2024-03-02 10:04:00,3,en,456,2024-03-02 10:00:00,2024-03-02 10:04:00,192.0.2.2,A3,1,,Y,,,Y,Forums,2,2,,,,,240',
  '5,,2,fr,789,2024-03-03 11:00:00,2024-03-03 11:02:00,192.0.2.3,A2,3,2010,N,,,,,,,,,,,120',
].join('\r\n');

for (const database of TEST_DATABASES) {
  describe(`a LimeSurvey response export into a wave of the imported survey [${database.name}]`, () => {
    let store: TestStore;
    let study: Study;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      const imported = importLss(LSS, { studyId: 'digital-uses' });
      assert.ok(imported.study, JSON.stringify(imported.errors));
      study = imported.study;
      const saved = await store.studies.saveVersion(study.id, study as never);
      wave = await store.waves.create({ studyId: study.id, code: '2024', studyVersionId: saved.studyVersion.id, title: '2024' });
    });
    after(() => store.close());

    it('maps its columns to the study, leaving out and listing the bookkeeping ones', () => {
      const converted = limeSurveyResponses(study, EXPORT);
      assert.deepEqual(converted.leftOut, ['id', 'lastpage', 'seed', 'ipaddr', 'interviewtime']);
      assert.deepEqual(converted.unknown, []);
      assert.doesNotMatch(converted.csv, /192\.0\.2/, 'no IP address comes through');
    });

    it('says which variables of our CSV each column fills', () => {
      const fills = Object.fromEntries(limeSurveyResponses(study, EXPORT).columns.map((c) => [c.source, c.variables]));
      assert.deepEqual(fills.submitdate, ['completed_at', 'status']);
      assert.deepEqual(fills.startlanguage, ['language']);
      assert.deepEqual(fills.ipaddr, []);
      assert.deepEqual(fills['NETWORKS[SQ002]'], ['networks_2']);
      assert.deepEqual(fills['NETWORKS[other]'], ['networks_other', 'networks_4']);
      assert.deepEqual(fills['AGREE[SQ001]'], ['agree_sq001']);
      assert.deepEqual(fills.SIZE, ['size']);
      assert.equal(limeSurveyResponses(study, EXPORT).columns.length, EXPORT.split('\r\n')[0]!.split(',').length);
    });

    it('keeps an unknown column named like one of our own columns apart, so that the import refuses it', () => {
      const converted = limeSurveyResponses(study, EXPORT.replace('interviewtime', 'weight'));
      assert.deepEqual(converted.unknown, ['weight']);
      assert.ok(csvRecordsSync(converted.csv, ',')[0]!.cells.includes('weight (LimeSurvey column)'));
    });

    it('gets every row in, with its status, dates, language and source codes, and exports the source codes back', async () => {
      const result = await importResponsesCsv(store, wave, [limeSurveyResponses(study, EXPORT).csv]);
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, 3);
      const stored = await store.responses.list(wave.id);
      assert.deepEqual(
        stored.map((r) => [r.status, r.startedAt, r.completedAt, r.language]),
        [
          ['complete', '2024-03-01T09:00:00.000Z', '2024-03-01T09:07:30.000Z', 'fr'],
          ['complete', '2024-03-02T10:00:00.000Z', '2024-03-02T10:04:00.000Z', 'en'],
          ['partial', '2024-03-03T11:00:00.000Z', null, 'fr'],
        ],
      );
      assert.deepEqual(stored[0]!.answers.networks, [1, 2]);
      assert.deepEqual(stored[1]!.answers.networks, [3, 4]);
      assert.equal(stored[1]!.answers.networks_other, 'Forums');
      assert.equal(stored[0]!.answers.startdate, '2019-05-01');
      const c = collector();
      await exportWave(store, wave, 'csv', { out: c.stream }, { codes: 'source', responses: 'all' });
      const [header, ...rows] = csvRecordsSync(c.text(), ',').map((r) => r.cells);
      const cell = (row: number, name: string) => rows[row]![header!.indexOf(name)];
      assert.deepEqual(
        [0, 1, 2].map((k) => [cell(k, 'size'), cell(k, 'uses'), cell(k, 'networks_1'), cell(k, 'agree_sq001')]),
        [
          ['A1', 'Y', '1', '3'],
          ['A3', 'Y', '0', '2'],
          ['A2', 'N', '', ''],
        ],
      );
    });
  });
}

describe('barometre import responses --from limesurvey', () => {
  it('imports the export into a wave, lists the columns left out, and refuses a column no question has (exit 1)', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openStore } = await import('../../src/store/index.js');
    const { runCli } = await import('../helpers/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'barometre-ls-responses-'));
    try {
      const store = await openStore({ dataDir: dir });
      const study = importLss(LSS, { studyId: 'digital-uses' }).study!;
      const saved = await store.studies.saveVersion(study.id, study as never);
      await store.waves.create({ studyId: study.id, code: '2024', studyVersionId: saved.studyVersion.id, title: '2024' });
      await store.close();
      const file = join(dir, 'responses.csv');
      writeFileSync(file, EXPORT);
      const ok = await runCli(['import', 'responses', '--study', 'digital-uses', '--wave', '2024', '--from', 'limesurvey', file], { DATA_DIR: dir });
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^3 of 3 responses imported into digital-uses 2024/);
      assert.match(ok.stderr, /left out \(LimeSurvey bookkeeping\): id, lastpage, seed, ipaddr, interviewtime/);
      writeFileSync(file, EXPORT.replace('SATISF,', 'SATISFACTION,'));
      const bad = await runCli(['import', 'responses', '--study', 'digital-uses', '--wave', '2024', '--from', 'limesurvey', file], { DATA_DIR: dir });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /column SATISFACTION: unknown_column/);
      assert.equal((await runCli(['import', 'responses', '--study', 'digital-uses', '--wave', '2024', '--from', 'qualtrics', file], { DATA_DIR: dir })).code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
