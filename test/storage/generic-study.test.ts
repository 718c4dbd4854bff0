/**
 * A study that is not the built-in one, on every database: waves placed in time by opening date or by
 * series order (never by code), default indicators when the study defines none, identifying answers read
 * from the study (erasure, retention, exports), no benchmark when the study has none.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { latestPublishedWave, loadBenchmark } from '../../src/analysis/benchmark.js';
import { eraseEmail } from '../../src/analysis/erasure.js';
import { getWaveResults } from '../../src/analysis/results-cache.js';
import { purgeExpired } from '../../src/analysis/retention.js';
import { exportWave, type ExportOptions } from '../../src/exchange/index.js';
import { compareWaves, type Wave } from '../../src/store/index.js';
import { HOUSEHOLD_STUDY_ID, seedHouseholdWave } from '../fixtures/household-study.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { rawDatabase } from '../helpers/raw-database.js';

async function exportText(store: TestStore, wave: Wave, format: 'csv' | 'codebook' | 'jsonl', options: ExportOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await exportWave(store, wave, format, { out }, options);
  return Buffer.concat(chunks).toString('utf8');
}

for (const database of TEST_DATABASES) {
  describe(`a study of households [${database.name}]`, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(database);
    });
    after(() => store.close());

    it('places waves by opening date, not by code: trends, history and the latest edition follow time', async () => {
      // created in a scrambled order: T2-2026, T4-2025, T1-2026
      const t2 = await seedHouseholdWave(store, { code: 'T2-2026', n: 300, seed: 3, opensAt: '2026-04-01T00:00:00.000Z', shift: 0.6 });
      const t4 = await seedHouseholdWave(store, { code: 'T4-2025', n: 300, seed: 1, opensAt: '2025-10-01T00:00:00.000Z' });
      const t1 = await seedHouseholdWave(store, { code: 'T1-2026', n: 300, seed: 2, opensAt: '2026-01-01T00:00:00.000Z', shift: 0.3 });
      assert.deepEqual(
        (await store.waves.list(HOUSEHOLD_STUDY_ID)).map((w) => w.code),
        ['T4-2025', 'T1-2026', 'T2-2026'],
      );
      assert.deepEqual(
        (await store.waves.listPublished(HOUSEHOLD_STUDY_ID)).map((w) => w.code),
        ['T4-2025', 'T1-2026', 'T2-2026'],
      );
      assert.equal((await latestPublishedWave(store, HOUSEHOLD_STUDY_ID))?.code, 'T2-2026');
      assert.ok(compareWaves(t4, t1) < 0 && compareWaves(t1, t2) < 0);

      const results = await getWaveResults(store, t2);
      assert.deepEqual(
        results.earlierWaves.map((w) => w.code),
        ['T4-2025', 'T1-2026'],
      );
      assert.equal(results.previousWave?.code, 'T1-2026');
      const indicator = results.indicators.find((i) => i.history.length === 2)!;
      assert.deepEqual(
        indicator.history.map((h) => h.wave),
        ['T4-2025', 'T1-2026'],
      );
      assert.equal(indicator.trend?.previousWave, 'T1-2026');
      // the middle wave's history holds the oldest only
      assert.deepEqual(
        (await getWaveResults(store, t1)).earlierWaves.map((w) => w.code),
        ['T4-2025'],
      );
    });

    it('gives a study without indicators the default ones, its pages as themes', async () => {
      const wave = (await store.waves.getByCode(HOUSEHOLD_STUDY_ID, 'T1-2026'))!;
      const results = await getWaveResults(store, wave);
      assert.deepEqual(
        results.themes.map((t) => t.id),
        ['home', 'travel'],
      );
      const ids = results.indicators.map((i) => i.id);
      for (const id of ['tenure_1', 'heating_2', 'has_car_1', 'car_type_3', 'satisfaction_top']) assert.ok(ids.includes(id), id);
      assert.ok(!results.indicators.some((i) => i.variable === 'household_contact'));
      assert.ok(results.indicators.every((i) => i.estimate !== null && i.n > 0));
      assert.equal(results.indicators.find((i) => i.id === 'car_type_1')?.filtered, true);
      assert.deepEqual(results.study.unit?.en, { one: 'household', other: 'households' });
    });

    it('orders waves without dates by their place in the series', async () => {
      const study = 'household-energy';
      for (const [code, order] of [
        ['vague 3', 3],
        ['vague 1', 1],
        ['vague 2', 2],
      ] as const) {
        await seedHouseholdWave(store, { code, n: 120, seed: order + 10, opensAt: null, seriesOrder: order });
      }
      const ordered = (await store.waves.list(study)).filter((w) => w.seriesOrder !== null).map((w) => w.code);
      assert.deepEqual(ordered, ['vague 1', 'vague 2', 'vague 3']);
      // a set order comes before dates: these waves are placed first
      assert.equal((await store.waves.list(study))[0].code, 'vague 1');
      const third = (await store.waves.getByCode(study, 'vague 3'))!;
      const results = await getWaveResults(store, third);
      assert.deepEqual(
        results.earlierWaves.map((w) => w.code),
        ['vague 1', 'vague 2'],
      );
      // a later series order moves a wave: vague 1 after vague 3
      const first = (await store.waves.getByCode(study, 'vague 1'))!;
      await store.waves.update(first.id, { seriesOrder: 4 });
      assert.deepEqual(
        (await store.waves.list(study)).slice(0, 3).map((w) => w.code),
        ['vague 2', 'vague 3', 'vague 1'],
      );
      assert.deepEqual(
        (await getWaveResults(store, third)).earlierWaves.map((w) => w.code),
        ['vague 2'],
      );
    });

    it('leaves identifying answers out of exports unless asked, and says so in the codebook', async () => {
      const wave = (await store.waves.getByCode(HOUSEHOLD_STUDY_ID, 'T1-2026'))!;
      const csv = await exportText(store, wave, 'csv');
      const header = csv.split('\r\n')[0].split(',');
      assert.ok(header.includes('tenure') && !header.includes('household_contact'), header.join(','));
      assert.doesNotMatch(csv, /Famille n°/);
      assert.doesNotMatch(await exportText(store, wave, 'jsonl'), /household_contact|Famille/);
      const full = await exportText(store, wave, 'csv', { includeIdentifying: true });
      assert.ok(full.split('\r\n')[0].split(',').includes('household_contact'));
      assert.match(full, /Famille n°0/);
      const codebook = await exportText(store, wave, 'codebook');
      assert.match(codebook, /^household_contact,text,.*,no: identifying\r$/m);
      assert.match(await exportText(store, wave, 'codebook', { codebookFormat: 'markdown' }), /## Left out: identifying questions[\s\S]*- household_contact/);
    });

    it("erases a person's identifying answers and purges them with their contact, leaving other respondents' answers", async () => {
      const wave = await seedHouseholdWave(store, {
        code: 'gdpr',
        n: 3,
        seed: 40,
        emails: ['ann@example.org', 'bob@example.org', 'cat@example.org'],
        opensAt: '2024-01-01T00:00:00.000Z',
      });
      const [ann, bob, cat] = await store.responses.list(wave.id);
      assert.equal(ann.answers.household_contact, 'Famille n°0');
      await eraseEmail(store, 'ANN@example.org');
      const erased = (await store.responses.getByPublicId(ann.publicId))!;
      assert.equal(erased.answers.household_contact, undefined);
      assert.equal(erased.email, null);
      assert.ok('tenure' in erased.answers, 'the statistics stay');
      assert.equal((await store.responses.getByPublicId(bob.publicId))!.answers.household_contact, 'Famille n°1');

      // Bob was invited long ago: the retention rule purges his contact and his identifying answer
      const old = new Date('2020-01-01T00:00:00.000Z');
      const contact = await store.contacts.create({ waveId: wave.id, email: 'bob@example.org' }, old);
      const invitation = await store.invitations.create({ waveId: wave.id, contactId: contact.id, tokenHash: 'b'.repeat(64) }, old);
      await rawDatabase(store).updateTable('responses').set({ invitationId: invitation.id }).where('id', '=', bob.id).execute();
      const outcome = await purgeExpired(store, 12, { now: new Date('2026-06-01T00:00:00.000Z') });
      assert.equal(outcome.responsesAnonymised, 1);
      const purged = (await store.responses.getByPublicId(bob.publicId))!;
      assert.equal(purged.answers.household_contact, undefined);
      assert.ok('tenure' in purged.answers);
      assert.equal((await store.responses.getByPublicId(cat.publicId))!.answers.household_contact, 'Famille n°2');
    });

    it('offers no benchmark when the study has none', async () => {
      const wave = (await store.waves.getByCode(HOUSEHOLD_STUDY_ID, 'T2-2026'))!;
      const [response] = await store.responses.list(wave.id);
      assert.equal((await loadBenchmark(store, response)).kind, 'none');
    });
  });
}
