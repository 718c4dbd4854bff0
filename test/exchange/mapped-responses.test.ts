import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isAppError, type AppError } from '../../src/app-error.js';
import { csvRecordsSync } from '../../src/analysis/read-csv.js';
import { convertResponses, exportWave, importResponsesCsv, mappedResponses } from '../../src/exchange/index.js';
import { readSavTable } from '../../src/exchange/read-sav-table.js';
import type { Wave } from '../../src/store/index.js';
import type { Study } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { collector } from './fixtures/collect.js';
import { PAST_WAVE_CSV, PAST_WAVE_MAPPING, pastWaveStudy } from './fixtures/past-wave-study.js';

// A past wave brought as another tool wrote it (its column names and codes, semicolons, decimal commas,
// French dates; or an SPSS .sav, ours or PSPP's), with a mapping file saying how its columns map to the study.

const mapping = (change: (m: typeof PAST_WAVE_MAPPING & Record<string, unknown>) => void = () => {}) => {
  const copy = structuredClone(PAST_WAVE_MAPPING) as typeof PAST_WAVE_MAPPING & Record<string, unknown>;
  change(copy);
  return Buffer.from(JSON.stringify(copy));
};

/** The AppError a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAppError(error), String(error));
    assert.equal(error.code, 'INVALID_INPUT');
    return error;
  }
  assert.fail('expected an INVALID_INPUT error');
}

const exported = async (store: TestStore, wave: Wave) => {
  const c = collector();
  await exportWave(store, wave, 'csv', { out: c.stream }, { responses: 'all' });
  const [header, ...rows] = csvRecordsSync(c.text(), ',').map((r) => r.cells);
  return rows.map((row) => Object.fromEntries(header!.map((name, k) => [name, row[k]!])));
};

describe('a mapping file and the file it maps (no storage)', () => {
  const study = pastWaveStudy();

  it('turns foreign names and codes into our CSV columns, listing each column and the ignored ones', async () => {
    const converted = await mappedResponses(study, Buffer.from(PAST_WAVE_CSV), mapping());
    assert.deepEqual(converted.leftOut, ['RESPID', 'IP']);
    assert.deepEqual(
      converted.columns.filter((c) => c.source.startsWith('CANAL') || c.source === 'SEXE' || c.source === 'RESPID'),
      [
        { source: 'RESPID', variables: [] },
        { source: 'SEXE', variables: ['gender'] },
        { source: 'CANAL_1', variables: ['channels_1'] },
        { source: 'CANAL_2', variables: ['channels_2'] },
        { source: 'CANAL_3', variables: ['channels_3'] },
        // an "other" text ticks its option, which no column of the file gives
        { source: 'CANAL_AUTRE', variables: ['channels_other', 'channels_9'] },
      ],
    );
    assert.doesNotMatch(converted.csv, /192\.0\.2/, 'an ignored column never comes through');
  });

  it('refuses a column of the file neither mapped nor ignored, naming it', async () => {
    const error = await refusal(mappedResponses(study, Buffer.from(PAST_WAVE_CSV.replace('IP\r\n', 'IP;NOTE\r\n')), mapping()));
    assert.match(error.message, /column NOTE of the file is neither in "columns" nor in "ignore"/);
    const missing = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => m.ignore.pop()),
      ),
    );
    assert.match(missing.message, /column IP of the file is neither/);
    // a line with a cell more than the header: no cell is taken for another column's
    const extra = await refusal(mappedResponses(study, Buffer.from(PAST_WAVE_CSV.replace(';E;192.0.2.2', ';E;192.0.2.2;surplus')), mapping()));
    assert.match(extra.message, /line 3: 17 cells, the header has 16/);
  });

  it('refuses a mapping that is not valid, naming the field by its path and the reason', async () => {
    const wrongValue = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => ((m.columns.SATIS.values as Record<string, unknown>)['1'] = true)),
      ),
    );
    assert.match(wrongValue.message, /columns\.SATIS\.values\.1: a recoded value is a number, a text or null/);
    const wrongParadata = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => ((m.columns.FIN as Record<string, unknown>).paradata = 'finished')),
      ),
    );
    assert.match(wrongParadata.message, /columns\.FIN\.paradata: paradata is one of started_at, completed_at/);
    const wrongFormat = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => (m.columns.CREATION.format = 'DD/MM')),
      ),
    );
    assert.match(wrongFormat.message, /columns\.CREATION\.format: a date format holds YYYY, MM and DD/);
    const unknownKey = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => ((m.columns.QUAL as Record<string, unknown>).itme = 'quality')),
      ),
    );
    assert.match(unknownKey.message, /columns\.QUAL: .*itme/);
    const notJson = await refusal(mappedResponses(study, Buffer.from(PAST_WAVE_CSV), Buffer.from('{ "columns": ')));
    assert.match(notJson.message, /the mapping file is not JSON/);
  });

  it('refuses a question, option or item the study lacks, and a column the file lacks, naming them', async () => {
    const option = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => ((m.columns.CANAL_3 as Record<string, unknown>).option = 7)),
      ),
    );
    assert.match(option.message, /columns\.CANAL_3\.option: "channels" has no option 7 \(its options: 1, 2, WEB, 9\)/);
    const question = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => ((m.columns as Record<string, unknown>).BUDGET = 'turnover')),
      ),
    );
    assert.match(question.message, /columns\.BUDGET\.question: the study has no question or variable "turnover"/);
    const item = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => (m.columns.PRIX.item = 'cost')),
      ),
    );
    assert.match(item.message, /columns\.PRIX\.item: "agree" has no item "cost" \(its items: quality, price\)/);
    const noOption = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => ((m.columns as Record<string, unknown>).CANAL_2 = 'channels')),
      ),
    );
    assert.match(noOption.message, /columns\.CANAL_2\.option: "channels" is a multiple choice: say which option/);
    const absent = await refusal(
      mappedResponses(
        study,
        Buffer.from(PAST_WAVE_CSV),
        mapping((m) => ((m.columns as Record<string, unknown>).Q99 = 'comment')),
      ),
    );
    assert.match(absent.message, /columns\.Q99: the file has no column Q99/);
  });

  it('rejects a value with no recoding, or a date not in its format, naming the line, the column and the value', async () => {
    const csv = PAST_WAVE_CSV.replace('102;2;0;0;0;Salon;2;', '102;2;0;0;0;Salon;6;').replace('03/03/2024 11:00', '2024-03-03 11:00');
    const error = await refusal(mappedResponses(study, Buffer.from(csv), mapping()));
    assert.match(error.message, /^2 values of the file cannot be read with the mapping \(nothing imported\)/);
    assert.deepEqual(
      (error.details.rejected as { line: number; column: string; code: string }[]).map((r) => [r.line, r.column, r.code]),
      [
        [3, 'SATIS', 'no_recoding'],
        [4, 'DEBUT', 'not_a_date'],
      ],
    );
    assert.match(error.message, /line 3, column SATIS: value "6" has no recoding in the mapping \(columns\.SATIS\.values\)/);
    assert.match(error.message, /line 4, column DEBUT: "2024-03-03 11:00" is not a date in the format DD\/MM\/YYYY HH:mm/);
  });

  it('reads a windows-1252 file when the mapping says so, and refuses it as UTF-8, saying how to read it', async () => {
    const latin = Buffer.from(PAST_WAVE_CSV, 'latin1');
    const error = await refusal(mappedResponses(study, latin, mapping()));
    assert.match(error.message, /the file is not utf-8 text: say its encoding in the mapping \("encoding": "windows-1252"\)/);
    const converted = await mappedResponses(
      study,
      latin,
      mapping((m) => (m.encoding = 'windows-1252')),
    );
    assert.match(converted.csv, /,Très bien; merci,/);
  });

  it('refuses the mapped source without a mapping: --mapping is required', async () => {
    const error = await refusal(convertResponses('mapped', study, Buffer.from(PAST_WAVE_CSV)));
    assert.match(error.message, /--mapping is required/);
  });
});

for (const database of TEST_DATABASES) {
  describe(`past waves from a CSV or .sav with a mapping [${database.name}]`, () => {
    let store: TestStore;
    let study: Study;
    let versionId: number;
    let dir: string;
    let waves = 0;
    const newWave = () => store.waves.create({ studyId: study.id, code: `w${++waves}`, studyVersionId: versionId, title: `w${waves}` });
    before(async () => {
      store = await openTestStore(database);
      study = pastWaveStudy();
      versionId = (await store.studies.saveVersion(study.id, study as never)).studyVersion.id;
      dir = mkdtempSync(join(tmpdir(), 'barometre-mapped-'));
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await store.close();
    });

    it('imports every line of a CSV with foreign names and codes, and exports it back with the study’s codes, dates and languages', async () => {
      const wave = await newWave();
      const converted = await convertResponses('mapped', study, Buffer.from(PAST_WAVE_CSV), { mapping: mapping() });
      const result = await importResponsesCsv(store, wave, [converted!.csv]);
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, 3);
      const rows = await exported(store, wave);
      assert.deepEqual(
        rows.map((r) => [r.status, r.gender, r.channels_1, r.channels_2, r.channels_3, r.channels_9, r.channels_other, r.satisfaction, r.quality, r.price]),
        [
          ['1', '2', '1', '0', '1', '0', '', '5', '2', '3'],
          ['1', '1', '0', '0', '0', '1', 'Salon', '4', '1', '1'],
          ['2', '2', '1', '0', '0', '0', '', '9', '2', '2'],
        ],
      );
      assert.deepEqual(
        rows.map((r) => [r.budget, r.comment, r.founded, r.started_at, r.completed_at, r.language]),
        [
          ['1250.5', 'Très bien; merci', '1998-06-15', '2024-03-01T08:00:00.000Z', '2024-03-01T08:12:00.000Z', 'fr'],
          ['300', '', '2010-01-01', '2024-03-02T09:00:00.000Z', '2024-03-02T09:05:00.000Z', 'en'],
          ['', '', '', '2024-03-03T10:00:00.000Z', '', 'fr'],
        ],
      );
    });

    it('stores nothing when the mapping fails, or when a recoded value is not one the study allows (the import names the file’s line)', async () => {
      const wave = await newWave();
      await refusal(convertResponses('mapped', study, Buffer.from(PAST_WAVE_CSV), { mapping: mapping((m) => ((m.columns.CANAL_3 as Record<string, unknown>).option = 7)) }));
      // 7 is no point of the scale: the study refuses it, on the line of the source file
      const csv = PAST_WAVE_CSV.replace('1 250,5;"Très bien; merci"', '1 250,5;"Très bien;\nmerci"').replace('102;2;0;0;0;Salon;2;', '102;2;0;0;0;Salon;4;');
      const converted = await convertResponses('mapped', study, Buffer.from(csv), { mapping: mapping((m) => (m.columns.SATIS.values['4'] = 7)) });
      const result = await importResponsesCsv(store, wave, [converted!.csv]);
      assert.equal(result.imported, 0);
      assert.deepEqual(
        result.rejected.map((r) => [r.line, r.column, r.code]),
        [[4, 'satisfaction', 'unknown_code']],
      );
      assert.equal((await store.responses.list(wave.id)).length, 0);
    });

    it('imports a .sav written by our own export: the answers come back the same', async () => {
      const first = await newWave();
      await importResponsesCsv(store, first, [(await convertResponses('mapped', study, Buffer.from(PAST_WAVE_CSV), { mapping: mapping() }))!.csv]);
      const c = collector();
      await exportWave(store, first, 'sav', { out: c.stream }, { responses: 'all' });
      const sav = c.bytes();
      const { header } = await readSavTable(sav);
      const ignore = ['response_id', 'channel', 'weight', 'weight_population', 'duration_seconds'];
      const paradata = ['status', 'excluded', 'exclusion_reason', 'started_at', 'completed_at', 'language'];
      const columns = Object.fromEntries(
        header
          .filter((name) => !ignore.includes(name))
          .map((name) => [name, paradata.includes(name) ? { paradata: name } : name === 'gender' ? { question: 'gender', labels: true } : name]),
      );
      const second = await newWave();
      const converted = await convertResponses('mapped', study, sav, { mapping: Buffer.from(JSON.stringify({ format: 'sav', columns, ignore })) });
      assert.deepEqual(
        converted!.leftOut,
        header.filter((name) => ignore.includes(name)),
      );
      const result = await importResponsesCsv(store, second, [converted!.csv]);
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, 3);
      const [before, after] = [await store.responses.list(first.id), await store.responses.list(second.id)];
      assert.deepEqual(
        after.map((r) => [r.status, r.answers, r.startedAt, r.completedAt, r.language]),
        before.map((r) => [r.status, r.answers, r.startedAt, r.completedAt, r.language]),
      );
    });

    it('imports a .sav written by PSPP: value labels, user codes, system-missing values and SPSS dates', async () => {
      const syntax = join(dir, 'past.sps');
      const file = join(dir, 'past.sav');
      writeFileSync(
        syntax,
        [
          'DATA LIST LIST /ID (F4.0) SEXE (F1.0) C1 (F1.0) C2 (F1.0) C3 (F1.0) SATIS (F2.0) QUAL (F1.0) PRIX (F1.0) BUDGET (F8.2) COMMENT (A40) CREATION (EDATE10) FIN (DATETIME20) LANGUE (A2).',
          'BEGIN DATA',
          '1 1 1 0 1 1 2 3 1250.5 "Très bien" 15.06.1998 "01-MAR-2024 09:12:00" "fr"',
          '2 2 0 1 0 99 4 4 300 "" . "02-MAR-2024 10:05:00" "en"',
          'END DATA.',
          "VALUE LABELS SEXE 1 'Femme' 2 'Homme' /SATIS 1 'Pas du tout' 2 'Peu' 3 'Moyen' 4 'Assez' 5 'Tout à fait' 99 'NSP'.",
          'MISSING VALUES SATIS (99).',
          `SAVE OUTFILE='${file}'.`,
        ].join('\n'),
      );
      execFileSync('pspp', ['-o', join(dir, 'past.txt'), syntax]);
      const wave = await newWave();
      const map = {
        columns: {
          SEXE: { question: 'gender', labels: true },
          C1: { question: 'channels', option: 1 },
          C2: { question: 'channels', option: 2 },
          C3: { question: 'channels', option: 3 },
          SATIS: { question: 'satisfaction', values: { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '99': 9 } },
          QUAL: { question: 'agree', item: 'quality' },
          PRIX: { question: 'agree', item: 'price' },
          BUDGET: 'budget',
          COMMENT: 'comment',
          CREATION: 'founded',
          FIN: { paradata: 'completed_at' },
          LANGUE: { paradata: 'language' },
        },
        ignore: ['ID'],
        utcOffset: '+01:00',
      };
      const converted = await convertResponses('mapped', study, readFileSync(file), { mapping: Buffer.from(JSON.stringify(map)) });
      const result = await importResponsesCsv(store, wave, [converted!.csv]);
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, 2);
      const stored = await store.responses.list(wave.id);
      assert.deepEqual(
        stored.map((r) => [
          r.status,
          r.answers.gender,
          r.answers.channels,
          r.answers.satisfaction,
          r.answers.budget,
          r.answers.comment,
          r.answers.founded,
          r.completedAt,
          r.language,
        ]),
        [
          ['complete', 1, [1, 3], 1, 1250.5, 'Très bien', '1998-06-15', '2024-03-01T08:12:00.000Z', 'fr'],
          ['complete', 2, [2], 9, 300, undefined, undefined, '2024-03-02T09:05:00.000Z', 'en'],
        ],
      );
      // a value label the study does not have is refused by the import, naming the case's line
      const other = await newWave();
      const relabelled = await convertResponses('mapped', study, readFileSync(file), {
        mapping: Buffer.from(JSON.stringify({ ...map, columns: { ...map.columns, SATIS: { question: 'satisfaction', labels: true } } })),
      });
      const refused = await importResponsesCsv(store, other, [relabelled!.csv]);
      assert.deepEqual(
        refused.rejected.map((r) => [r.line, r.column, r.code]),
        [
          [2, 'satisfaction', 'unknown_code'],
          [3, 'satisfaction', 'unknown_code'],
        ],
      );
      assert.equal((await store.responses.list(other.id)).length, 0);
    });
  });
}

describe('barometre import responses --from mapped', () => {
  it('imports a CSV with its mapping, lists the ignored columns, and refuses bad mappings and usage', async () => {
    const { openStore } = await import('../../src/store/index.js');
    const { runCli } = await import('../helpers/run-cli.js');
    const dir = mkdtempSync(join(tmpdir(), 'barometre-mapped-cli-'));
    try {
      const store = await openStore({ dataDir: dir });
      const study = pastWaveStudy();
      const saved = await store.studies.saveVersion(study.id, study as never);
      await store.waves.create({ studyId: study.id, code: '2024', studyVersionId: saved.studyVersion.id, title: '2024' });
      await store.close();
      const file = join(dir, 'wave2024.csv');
      const map = join(dir, 'wave2024.json');
      writeFileSync(file, PAST_WAVE_CSV);
      writeFileSync(map, mapping());
      const args = ['import', 'responses', '--study', study.id, '--wave', '2024'];
      const env = { DATA_DIR: dir };
      const help = await runCli([...args.slice(0, 2), '--help'], env);
      assert.match(help.stdout, /--from mapped --mapping MAP\.json FILE\.csv\|FILE\.sav/);
      // a wrong mapping: the error names the path, exit 2, nothing stored
      writeFileSync(
        map,
        mapping((m) => ((m.columns.CANAL_3 as Record<string, unknown>).option = 7)),
      );
      const bad = await runCli([...args, '--from', 'mapped', '--mapping', map, file], env);
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /columns\.CANAL_3\.option: "channels" has no option 7/);
      // a value with no recoding: its line, column and value
      writeFileSync(map, mapping());
      writeFileSync(file, PAST_WAVE_CSV.replace(';F;192.0.2.1', ';D;192.0.2.1'));
      const unrecoded = await runCli([...args, '--from', 'mapped', '--mapping', map, file], env);
      assert.equal(unrecoded.code, 2, unrecoded.stderr);
      assert.match(unrecoded.stderr, /line 2, column LANGUE: value "D" has no recoding in the mapping \(columns\.LANGUE\.values\)/);
      writeFileSync(file, PAST_WAVE_CSV);
      const ok = await runCli([...args, '--from', 'mapped', '--mapping', map, file], env);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^3 of 3 responses imported into past-wave 2024/);
      assert.match(ok.stderr, /left out \(ignored by the mapping\): RESPID, IP/);
      // --mapping belongs to --from mapped, and --from mapped needs it
      assert.equal((await runCli([...args, '--mapping', map, file], env)).code, 2);
      const without = await runCli([...args, '--from', 'mapped', file], env);
      assert.equal(without.code, 2);
      assert.match(without.stderr, /--mapping is required/);
      // the mapping says its separator: --separator is refused rather than ignored
      const separator = await runCli([...args, '--from', 'mapped', '--mapping', map, '--separator', ';', file], env);
      assert.equal(separator.code, 2);
      assert.match(separator.stderr, /--separator goes with --from csv/);
      const after = await openStore({ dataDir: dir });
      try {
        const wave = await after.waves.getByCode(study.id, '2024');
        assert.equal((await after.responses.list(wave!.id)).length, 3, 'only the good import stored its lines');
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
