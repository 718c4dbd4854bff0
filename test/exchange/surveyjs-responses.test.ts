import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/app-error.js';
import { csvRecordsSync } from '../../src/analysis/read-csv.js';
import { convertResponses, exportWave, importResponsesCsv, importSurveyJs, surveyJsResponses } from '../../src/exchange/index.js';
import { openStore, type Wave } from '../../src/store/index.js';
import type { Study } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { collector } from './fixtures/collect.js';

// A SurveyJS survey written for these tests: string choice values, a checkbox with "other" and "none", a
// matrix whose rows and columns are words, a ranking, a numeric and a text multipletext, a boolean with its
// own values, a date; names with capitals and dashes, as SurveyJS users write them.
const SURVEY = {
  title: 'Team habits',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'Role', isRequired: true, choices: ['manager|Manager', 'engineer|Engineer', 'sales|Sales'] },
        {
          type: 'checkbox',
          name: 'tools-used',
          choices: [
            { value: 'slack', text: 'Slack' },
            { value: 'teams', text: 'Teams' },
            { value: 'mail', text: 'E-mail' },
          ],
          showOtherItem: true,
          showNoneItem: true,
        },
        {
          type: 'matrix',
          name: 'rating',
          columns: [
            { value: 'poor', text: 'Poor' },
            { value: 'fair', text: 'Fair' },
            { value: 'good', text: 'Good' },
          ],
          rows: [
            { value: 'Meetings', text: 'Meetings' },
            { value: 'Docs', text: 'Documentation' },
          ],
        },
        { type: 'ranking', name: 'priorities', choices: ['speed', 'quality', 'cost'] },
      ],
    },
    {
      name: 'p2',
      elements: [
        {
          type: 'multipletext',
          name: 'hours',
          items: [
            { name: 'Office', inputType: 'number' },
            { name: 'Remote', inputType: 'number' },
          ],
        },
        { type: 'multipletext', name: 'contacts', items: [{ name: 'First' }, { name: 'Second' }] },
        { type: 'boolean', name: 'remote_ok', valueTrue: 'Yes', valueFalse: 'No' },
        { type: 'text', name: 'start_day', inputType: 'date' },
        { type: 'comment', name: 'remarks' },
      ],
    },
  ],
};

/** Results as SurveyJS users store them: bare `survey.data`, a wrapper with dates and locale, "other" text in place. */
const RESULTS = [
  {
    Role: 'engineer',
    'tools-used': ['slack', 'other'],
    'tools-used-Comment': 'Mattermost',
    rating: { Meetings: 'fair', Docs: 'good' },
    priorities: ['quality', 'speed', 'cost'],
    hours: { Office: 24, Remote: '16' },
    contacts: { First: 'Ana', Second: 'Ben' },
    remote_ok: 'Yes',
    start_day: '2019-09-02',
    remarks: '=not a formula, "quoted"\nand on two lines',
  },
  {
    data: { Role: 'manager', 'tools-used': ['none'], rating: { Meetings: 'poor' }, priorities: ['cost', 'quality', 'speed'], remote_ok: 'No' },
    startedAt: '2025-03-01T09:00:00Z',
    completedAt: '2025-03-01T09:12:30Z',
    locale: 'fr',
    postId: 'b1f0',
    clientId: 'ana@example.org',
  },
  // a survey that stores "other" texts in place (storeOthersAsComment: false), saved with its locale and a creation time
  { Role: 'sales', 'tools-used': ['teams', 'Signal'], locale: 'en', createdAt: '2025-03-02 14:00:00' },
  { data: { Role: 'sales' }, isPartialCompleted: true, startedAt: 1740999600000 },
];

const importedStudy = (): Study => {
  const imported = importSurveyJs(SURVEY, { studyId: 'team-habits' });
  assert.ok(imported.study, JSON.stringify(imported.errors));
  return imported.study;
};

describe('SurveyJS results converted to our CSV', () => {
  const study = importedStudy();

  it('reads every key of the results, listing the variables each fills and the bookkeeping keys left out', () => {
    const converted = surveyJsResponses(study, JSON.stringify(RESULTS));
    assert.equal(converted.records, 4);
    assert.deepEqual(converted.unknown, []);
    assert.deepEqual(converted.leftOut, ['postId', 'clientId']);
    const fills = Object.fromEntries(converted.columns.map((c) => [c.source, c.variables]));
    assert.deepEqual(fills.Role, ['role']);
    assert.deepEqual(fills['tools-used'], ['tools_used_1', 'tools_used_2', 'tools_used_3', 'tools_used_5', 'tools_used_4', 'tools_used_other']);
    assert.deepEqual(fills['tools-used-Comment'], ['tools_used_other']);
    assert.deepEqual(fills.rating, ['rating_meetings', 'rating_docs']);
    assert.deepEqual(fills.hours, ['hours_office', 'hours_remote']);
    assert.deepEqual(fills.contacts, ['contacts_first_text', 'contacts_second_text']);
    assert.deepEqual(fills.createdAt, ['completed_at']);
    assert.deepEqual(fills.locale, ['language']);
    assert.deepEqual(fills.postId, []);
    assert.doesNotMatch(converted.csv, /ana@example\.org|b1f0/, 'the respondent and post ids are not carried');
  });

  it('reads newline-delimited JSON and a root object holding the array the same way', () => {
    const array = surveyJsResponses(study, JSON.stringify(RESULTS)).csv;
    assert.equal(surveyJsResponses(study, RESULTS.map((r) => JSON.stringify(r)).join('\n') + '\n').csv, array);
    assert.equal(surveyJsResponses(study, JSON.stringify({ data: RESULTS })).csv, array);
    assert.equal(surveyJsResponses(study, JSON.stringify({ surveyResult: JSON.stringify(RESULTS[0]) })).csv, surveyJsResponses(study, JSON.stringify([RESULTS[0]])).csv);
  });

  it('refuses a record that is not a result, and values that are not of their question, naming the record and the key', () => {
    const refusal = (records: unknown, pattern: RegExp) =>
      assert.throws(
        () => surveyJsResponses(study, typeof records === 'string' ? records : JSON.stringify(records)),
        (error: unknown) => error instanceof AppError && error.code === 'INVALID_INPUT' && pattern.test(error.message),
      );
    refusal([RESULTS[0], ['engineer']], /record 1: a result is a JSON object/);
    refusal([RESULTS[0], { Role: 'ceo' }], /record 1, key "Role": "ceo" is not a choice of role \(manager, engineer, sales\)/);
    refusal([{ 'tools-used': 'slack' }], /record 0, key "tools-used": an answer here is a list of choice values/);
    refusal([{ rating: { Lunch: 'good' } }], /record 0, key "rating": "Lunch" is not a row of rating \(Meetings, Docs\)/);
    refusal([{ rating: { Docs: 'excellent' } }], /record 0, key "rating": row "Docs": "excellent" is not a column of rating \(poor, fair, good\)/);
    refusal([{ hours: { Office: 'many' } }], /record 0, key "hours": item "Office": "many" is not a number/);
    refusal([{ priorities: ['speed', 'speed'] }], /record 0, key "priorities": "speed" is ranked twice/);
    refusal([{ Role: 'sales', completedAt: 'yesterday' }], /record 0, key "completedAt": "yesterday" is not a date and time/);
    refusal(`${JSON.stringify(RESULTS[0])}\n{"Role": `, /line 2 is not JSON/);
    refusal('"engineer"', /neither an array of results nor a result object/);
  });

  it('keeps a key that names no question as an unknown column, even one named like our own columns', () => {
    const converted = surveyJsResponses(study, JSON.stringify([{ Role: 'sales', mood: 'good', weight: 2 }]));
    assert.deepEqual(converted.unknown, ['mood', 'weight']);
    const [header] = csvRecordsSync(converted.csv, ',').map((r) => r.cells);
    assert.ok(header!.includes('mood') && header!.includes('weight (SurveyJS key)'), header!.join());
  });
});

for (const database of TEST_DATABASES) {
  describe(`SurveyJS results into a wave of the imported survey [${database.name}]`, () => {
    let store: TestStore;
    let study: Study;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      study = importedStudy();
      const saved = await store.studies.saveVersion(study.id, study as never);
      wave = await store.waves.create({ studyId: study.id, code: '2025', studyVersionId: saved.studyVersion.id, title: '2025' });
    });
    after(() => store.close());

    it('refuses the results by key when one names no question, importing nothing', async () => {
      const converted = (await convertResponses('surveyjs', study, Buffer.from(JSON.stringify([...RESULTS, { Role: 'sales', mood: 'good' }]))))!;
      const result = await importResponsesCsv(store, wave, [converted.csv]);
      assert.equal(result.imported, 0);
      assert.deepEqual(
        result.rejected.map((r) => [r.column, r.code]),
        [['mood', 'unknown_column']],
      );
      assert.equal((await store.responses.list(wave.id)).length, 0);
    });

    it('gets every result in, with its status, dates, language and answers, and exports the source codes back', async () => {
      const converted = (await convertResponses('surveyjs', study, Buffer.from(JSON.stringify(RESULTS))))!;
      const result = await importResponsesCsv(store, wave, [converted.csv], { now: new Date('2025-04-01T00:00:00Z') });
      assert.deepEqual(result.rejected, []);
      assert.equal(result.imported, 4);
      const stored = await store.responses.list(wave.id);
      assert.deepEqual(
        stored.map((r) => [r.status, r.startedAt, r.completedAt, r.language]),
        [
          ['complete', '2025-04-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z', 'en'],
          ['complete', '2025-03-01T09:00:00.000Z', '2025-03-01T09:12:30.000Z', 'fr'],
          ['complete', '2025-03-02T14:00:00.000Z', '2025-03-02T14:00:00.000Z', 'en'],
          ['partial', '2025-03-03T11:00:00.000Z', null, 'en'],
        ],
      );
      const [first, second, third] = stored.map((r) => r.answers);
      assert.deepEqual(first!.tools_used, [1, 4]);
      assert.equal(first!.tools_used_other, 'Mattermost');
      assert.deepEqual([first!.priorities_1, first!.priorities_2, first!.priorities_3], [2, 1, 3]);
      assert.deepEqual([first!.hours_office, first!.hours_remote], [24, 16]);
      assert.equal(first!.contacts_second_text, 'Ben');
      assert.equal(first!.start_day, '2019-09-02');
      assert.equal(first!.remarks, '=not a formula, "quoted"\nand on two lines');
      assert.deepEqual(second!.tools_used, [5]);
      assert.deepEqual(third!.tools_used, [2, 4]);
      assert.equal(third!.tools_used_other, 'Signal');

      const c = collector();
      await exportWave(store, wave, 'csv', { out: c.stream }, { codes: 'source', responses: 'all' });
      const [header, ...rows] = csvRecordsSync(c.text(), ',').map((r) => r.cells);
      const cell = (row: number, name: string) => rows[row]![header!.indexOf(name)];
      assert.deepEqual(
        [0, 1, 2].map((k) => [cell(k, 'role'), cell(k, 'rating_meetings'), cell(k, 'rating_docs'), cell(k, 'remote_ok'), cell(k, 'tools_used_1'), cell(k, 'tools_used_other')]),
        [
          ['engineer', 'fair', 'good', 'Yes', '1', 'Mattermost'],
          ['manager', 'poor', '', 'No', '0', ''],
          ['sales', '', '', '', '0', 'Signal'],
        ],
      );
    });
  });
}

describe('barometre import responses --from surveyjs', () => {
  it('imports the results (exit 0), refuses an unknown key by name (exit 1) and a record of the wrong shape with its index (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barometre-sjs-responses-'));
    try {
      const store = await openStore({ dataDir: dir });
      const study = importedStudy();
      const saved = await store.studies.saveVersion(study.id, study as never);
      await store.waves.create({ studyId: study.id, code: '2025', studyVersionId: saved.studyVersion.id, title: '2025' });
      await store.close();
      const file = join(dir, 'results.json');
      const run = () => runCli(['import', 'responses', '--study', 'team-habits', '--wave', '2025', '--from', 'surveyjs', file], { DATA_DIR: dir });
      writeFileSync(file, JSON.stringify([...RESULTS, { Role: 'sales', mood: 'good' }]));
      const unknown = await run();
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /column mood: unknown_column/);
      writeFileSync(file, JSON.stringify([RESULTS[0], { Role: 'ceo' }]));
      const shape = await run();
      assert.equal(shape.code, 2);
      assert.match(shape.stderr, /record 1, key "Role": "ceo" is not a choice of role/);
      writeFileSync(file, JSON.stringify(RESULTS));
      const ok = await run();
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, /^4 of 4 responses imported into team-habits 2025/);
      assert.match(ok.stderr, /left out \(SurveyJS bookkeeping\): postId, clientId/);
      const help = await runCli(['import', 'responses', '--help']);
      assert.match(help.stdout, /--from surveyjs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
