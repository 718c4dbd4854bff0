import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = new URL('../fixtures/studies/households.json', import.meta.url);
const LSS = new URL('../fixtures/exchange/digital-uses.lss', import.meta.url);
const SURVEYJS = new URL('../fixtures/exchange/customer-survey.surveyjs.json', import.meta.url);
const households = () => JSON.parse(readFileSync(FIXTURE, 'utf8'));

for (const database of TEST_DATABASES) {
  describe(`studies stored from files by the command line [${database.name}]`, () => {
    let store: TestStore;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const run = (...argv: string[]) => runCli(argv, env);
    const write = (name: string, doc: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
      return file;
    };
    const auditCount = async () => (await store.auditLog.list({ limit: 1000 })).length;

    before(async () => {
      store = await openTestStore(database);
      dir = mkdtempSync(join(tmpdir(), 'barometre-stored-studies-'));
      env = { DATA_DIR: store.options.dataDir, DATABASE_URL: store.options.databaseUrl ?? '' };
    });
    after(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('adds a study as version 1, numbered by the store whatever the file says, with an audit entry', async () => {
      const doc = households();
      doc.version = 7;
      const result = await run('study', 'add', write('v1.json', doc));
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, 'stored household-energy version 1\n');
      const stored = await store.studies.getVersion('household-energy', 1);
      assert.equal((stored!.document as { version: number }).version, 1);
      const [entry] = await store.auditLog.list({ action: 'study.add' });
      assert.equal(entry.target, 'study:household-energy');
      assert.deepEqual(entry.details, { version: 1, format: 'native', mode: 'add', via: 'cli' });
      assert.equal(entry.userId, null);
    });

    it('refuses to add a study id that is stored, pointing at update, and stores nothing', async () => {
      const doc = households();
      doc.title.en = 'Another title';
      const before = await auditCount();
      const result = await run('study', 'add', write('again.json', doc));
      assert.equal(result.code, 2);
      assert.match(result.stderr, /study household-energy is already stored \(version 1\); use `barometre study update /);
      assert.equal((await store.studies.listVersions('household-energy')).length, 1);
      assert.equal(await auditCount(), before);
    });

    it('refuses to update a study that is not stored', async () => {
      const doc = households();
      doc.id = 'not-stored-yet';
      const result = await run('study', 'update', write('unknown.json', doc));
      assert.equal(result.code, 2);
      assert.match(result.stderr, /study not-stored-yet is not stored; use `barometre study add /);
      assert.equal(await store.studies.latestVersion('not-stored-yet'), undefined);
    });

    it('prints every error of an invalid file with its path, exits 2 and stores nothing', async () => {
      const doc = households();
      doc.pages[1].questions[0].options[2].code = 2; // a duplicate code
      delete doc.pages[0].questions[1].text.en; // a missing English text
      doc.margins.push('comfort'); // not a single-choice question
      const before = await auditCount();
      const result = await run('study', 'update', write('broken.json', doc));
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^pages\[1\]\.questions\[0\]\.options\[2\]\.code: duplicate code 2$/m);
      assert.match(result.stderr, /^pages\[0\]\.questions\[1\]\.text\.en: missing en text$/m);
      assert.match(result.stderr, /^margins\[2\]: "comfort" is not a single-choice question of the questionnaire$/m);
      assert.match(result.stderr, /broken\.json: 3 errors; nothing stored$/m);
      assert.equal((await store.studies.listVersions('household-energy')).length, 1);
      assert.equal(await auditCount(), before);
    });

    it('updates to version 2, lists what changed, and the wave on version 1 keeps it unchanged', async () => {
      const v1 = await store.studies.getVersion('household-energy', 1);
      const wave = await store.waves.create({ studyId: 'household-energy', code: '2026', studyVersionId: v1!.id, title: 'Vague 2026' });
      const doc = households();
      doc.pages[0].questions[0].text.fr = 'Combien de personnes vivent chez vous ?';
      doc.pages[1].questions[0].options.push({ code: 4, label: { fr: 'Pompe à chaleur', en: 'Heat pump' } });
      doc.pages[1].questions.reverse();
      doc.margins = ['household_size'];
      const result = await run('study', 'update', write('v2.json', doc));
      assert.equal(result.code, 0, result.stderr);
      assert.equal(
        result.stdout,
        [
          'stored household-energy version 2',
          'changes since version 1:',
          '  question household_size: text reworded (fr)',
          '  question heat_source moved from page heating (position 1) to page heating (position 2)',
          '  question heat_source: options 4 added (Pompe à chaleur)',
          '  margin region removed',
          '',
        ].join('\n'),
      );
      const kept = await store.waves.get(wave.id);
      assert.equal(kept?.studyVersionId, v1!.id);
      assert.deepEqual(await store.studies.getVersionById(v1!.id), v1, 'the version a wave uses never changes');
      assert.equal(((await store.studies.getVersion('household-energy', 2))!.document as { version: number }).version, 2);
      const [entry] = await store.auditLog.list({ action: 'study.update' });
      assert.deepEqual(entry.details, { version: 2, format: 'native', mode: 'update', via: 'cli', previousVersion: 1 });

      const diff = await run('study', 'diff', 'household-energy', '1', '2');
      assert.equal(diff.code, 0, diff.stderr);
      assert.equal(
        diff.stdout,
        result.stdout
          .split('\n')
          .slice(2)
          .map((l) => l.trim())
          .join('\n'),
      );
      const versions = await run('study', 'versions', 'household-energy', '--json');
      assert.deepEqual(
        JSON.parse(versions.stdout).versions.map((v: { version: number; waves: string[] }) => [v.version, v.waves]),
        [
          [1, ['2026']],
          [2, []],
        ],
      );
    });

    it('stores nothing for the same document again and says "unchanged"', async () => {
      const before = await auditCount();
      const doc = households();
      doc.pages[0].questions[0].text.fr = 'Combien de personnes vivent chez vous ?';
      doc.pages[1].questions[0].options.push({ code: 4, label: { fr: 'Pompe à chaleur', en: 'Heat pump' } });
      doc.pages[1].questions.reverse();
      doc.margins = ['household_size'];
      doc.version = 1; // the file's number plays no part
      doc.title = { en: doc.title.en, fr: doc.title.fr }; // nor does the order of a label's languages
      const result = await run('study', 'update', write('v2-again.json', doc));
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, 'unchanged: household-energy version 2 is the same document; nothing stored\n');
      assert.equal((await store.studies.listVersions('household-energy')).length, 2);
      assert.equal(await auditCount(), before);
    });

    it('exports a stored version, the latest by default', async () => {
      const latest = await run('study', 'export', 'household-energy');
      assert.equal(JSON.parse(latest.stdout).version, 2);
      const first = await run('study', 'export', 'household-energy', '--version', '1');
      assert.deepEqual(JSON.parse(first.stdout), (await store.studies.getVersion('household-energy', 1))!.document);
      const missing = await run('study', 'export', 'household-energy', '--version', '9');
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /study household-energy has no version 9/);
    });

    it("imports a LimeSurvey and a SurveyJS questionnaire in one step, printing the importers' warnings", async () => {
      const lss = await run('study', 'add', LSS.pathname, '--from', 'limesurvey', '--id', 'digital-uses');
      assert.equal(lss.code, 0, lss.stderr);
      assert.equal(lss.stdout, 'stored digital-uses version 1 (imported from limesurvey)\n');
      assert.match(lss.stderr, /^warning: privacy notice: /m);
      const surveyjs = await run('study', 'add', SURVEYJS.pathname, '--from', 'surveyjs');
      assert.equal(surveyjs.code, 0, surveyjs.stderr);
      const id = /^stored (\S+) version 1 \(imported from surveyjs\)$/m.exec(surveyjs.stdout)?.[1];
      assert.ok(id && (await store.studies.latestVersion(id)));
      const imports = await store.auditLog.list({ action: 'study.import' });
      assert.deepEqual(
        imports.map((e) => [e.target, (e.details as { format: string }).format]),
        [
          [`study:${id}`, 'surveyjs'],
          ['study:digital-uses', 'limesurvey'],
        ],
      );
      // the same questionnaire again is an update with nothing new
      const again = await run('study', 'update', LSS.pathname, '--from', 'limesurvey', '--id', 'digital-uses');
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /^unchanged: digital-uses version 1/);
    });

    it('exits 2 on a file the importer cannot read, with nothing stored', async () => {
      const result = await run('study', 'add', write('not.lss', '<nothing/>'), '--from', 'limesurvey');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^\(document\): not a LimeSurvey \.lss file: /m);
      const bad = await run('study', 'add', write('x.json', '{}'), '--from', 'excel');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--from must be one of native, limesurvey, surveyjs/);
    });
  });
}

describe('study command help', () => {
  it('has --help on add, update, versions, diff and export', async () => {
    for (const name of ['add', 'update', 'versions', 'diff', 'export']) {
      const help = await runCli(['study', name, '--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`^Usage: barometre study ${name} `));
    }
  });
});
