import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { carriedSettings, createNextWave, suggestNextDates } from '../../src/analysis/fieldwork/next-wave.js';
import { storedStudy } from '../../src/analysis/stored-study.js';
import type { Wave } from '../../src/store/index.js';
import { BUILT_IN_STUDIES } from '../../src/study/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

const ENERGY = BUILT_IN_STUDIES.find((s) => s.id === 'energy-mobility-barometer')!;
/** Version 2 of the study: region is no longer a weighting margin. */
const ENERGY_V2 = { ...ENERGY, margins: ['age_band', 'sex'] };

const TARGETS = {
  source: 'census 2024',
  margins: [
    {
      variable: 'sex',
      targets: [
        { code: 1, population: 520 },
        { code: 2, population: 480 },
        { code: 9, population: 5 },
      ],
    },
    {
      variable: 'region',
      targets: [
        { code: 1, population: 300 },
        { code: 2, population: 700 },
      ],
    },
  ],
  trimming: { lower: 0.3, upper: 3 },
};
const QUOTAS = {
  segments: [
    { variable: 'sex', code: 1, target: 100 },
    { variable: 'region', code: 2, target: 50 },
    { variable: 'sex', code: 7, target: 10 },
    { variable: 'shoe_size', code: 1, target: 10 },
  ],
};

for (const database of TEST_DATABASES) {
  describe(`a new wave from an earlier one [${database.name}]`, () => {
    let store: TestStore;
    let source: Wave;
    let userId: number;
    let v1: number;
    let v2: number;
    before(async () => {
      store = await openTestStore(database);
      userId = (await store.users.create({ email: 'analyst@example.org', role: 'analyst', passwordHash: 'x' })).id;
      v1 = (await store.studies.saveVersion(ENERGY.id, ENERGY as never)).studyVersion.id;
      v2 = (await store.studies.saveVersion(ENERGY.id, ENERGY_V2 as never)).studyVersion.id;
      await store.waves.create({ studyId: ENERGY.id, code: 'T3-2026', studyVersionId: v1, title: 'T3', opensAt: '2026-07-01T00:00:00.000Z', seriesOrder: 3 });
      source = await store.waves.create({
        studyId: ENERGY.id,
        code: 'T4-2026',
        studyVersionId: v1,
        title: 'Quatrième trimestre 2026',
        status: 'published',
        opensAt: '2026-10-01T00:00:00.000Z',
        closesAt: '2026-10-31T00:00:00.000Z',
        seriesOrder: 4,
        populationTargets: TARGETS,
        quotas: QUOTAS,
        weighting: { ranAt: '2026-11-02T00:00:00.000Z', n: 300 },
        settings: { lowBase: 40, suppressBase: 12 },
      });
      // five contacts: two to copy, one unsubscribed, one bounced, one unsubscribed in another wave of the study
      await store.contacts.create({ waveId: source.id, email: 'ana@example.org', name: 'Ana', company: 'Acme', profile: { language: 'en', region: 2 } });
      const gone = await store.contacts.create({ waveId: source.id, email: 'gone@example.org' });
      await store.contacts.unsubscribe(gone.id);
      const bounced = await store.contacts.create({ waveId: source.id, email: 'bounce@example.org' });
      await store.contacts.setStatus(bounced.id, 'bounced');
      await store.contacts.create({ waveId: source.id, email: 'Left.Elsewhere@example.org' });
      await store.contacts.create({ waveId: source.id, email: 'ben@example.org', status: 'invited' });
      const earlier = (await store.waves.getByCode(ENERGY.id, 'T3-2026'))!;
      const elsewhere = await store.contacts.create({ waveId: earlier.id, email: 'left.elsewhere@example.org' });
      await store.contacts.unsubscribe(elsewhere.id);
      // unsubscribed from another study's wave only: still copied
      const other = await store.studies.saveVersion('other-study', { id: 'other-study' });
      const otherWave = await store.waves.create({ studyId: 'other-study', code: '2026', studyVersionId: other.studyVersion.id, title: 'Other' });
      const otherContact = await store.contacts.create({ waveId: otherWave.id, email: 'ben@example.org' });
      await store.contacts.unsubscribe(otherContact.id);
    });
    after(() => store.close());

    const input = (code: string, copyContacts: boolean, studyVersionId = v1) => ({
      code,
      title: `Wave ${code}`,
      opensAt: '2027-01-01T00:00:00.000Z',
      closesAt: '2027-01-31T00:00:00.000Z',
      seriesOrder: 5,
      studyVersionId,
      copyContacts,
    });

    it('creates a draft with the settings, targets and quotas, without the weighting run, responses or publication', async () => {
      const { study } = await storedStudy(store, ENERGY.id, 1);
      const created = await createNextWave(store, source, study, input('T1-2027', false), userId);
      const wave = (await store.waves.get(created.wave.id))!;
      assert.equal(wave.status, 'draft');
      assert.equal(wave.publishedAt, null);
      assert.equal(wave.weighting, null);
      assert.equal(wave.studyVersionId, v1);
      assert.equal(wave.seriesOrder, 5);
      assert.equal(wave.opensAt, '2027-01-01T00:00:00.000Z');
      assert.deepEqual(wave.settings, { lowBase: 40, suppressBase: 12 });
      // version 1 still has region as a margin; the codes 9 of sex and 7 of sex, and shoe_size, never existed
      assert.deepEqual(wave.populationTargets, {
        source: 'census 2024',
        margins: [
          {
            variable: 'sex',
            targets: [
              { code: 1, population: 520 },
              { code: 2, population: 480 },
            ],
          },
          {
            variable: 'region',
            targets: [
              { code: 1, population: 300 },
              { code: 2, population: 700 },
            ],
          },
        ],
        trimming: { lower: 0.3, upper: 3 },
      });
      assert.deepEqual(wave.quotas, { segments: [QUOTAS.segments[0], QUOTAS.segments[1]] });
      assert.deepEqual(created.carried.dropped, [
        { kind: 'target', variable: 'sex', code: 9, reason: 'code' },
        { kind: 'quota', variable: 'sex', code: 7, reason: 'code' },
        { kind: 'quota', variable: 'shoe_size', code: 1, reason: 'variable' },
      ]);
      assert.equal(created.contacts, null);
      assert.deepEqual(await store.contacts.listByWave(wave.id), []);
      assert.deepEqual(await store.responses.countByStatus(wave.id), { partial: 0, complete: 0, excluded: 0 });
    });

    it('reports a target whose variable is no longer a margin of the chosen version, and does not copy it', async () => {
      const { study } = await storedStudy(store, ENERGY.id, 2);
      const created = await createNextWave(store, source, study, input('T1-2027 v2', false, v2), userId);
      assert.deepEqual(
        readMargins(created.wave).map((m) => m.variable),
        ['sex'],
      );
      assert.deepEqual(created.carried.dropped[1], { kind: 'target', variable: 'region', code: null, reason: 'variable' });
      // the quota on region stays: region is still a question of version 2, only no longer a margin
      assert.deepEqual(
        carriedSettings(source, study).quotas?.segments.map((s) => s.variable),
        ['sex', 'region'],
      );
    });

    it('copies the contacts as not invited, leaving out the unsubscribed and bounced ones, in one transaction with its audit entry', async () => {
      const { study } = await storedStudy(store, ENERGY.id, 1);
      const created = await createNextWave(store, source, study, input('T2-2027', true), userId);
      assert.deepEqual(created.contacts, { kind: 'contacts-copy', copied: 2, leftOut: { unsubscribed: 2, bounced: 1 } });
      const copied = await store.contacts.listByWave(created.wave.id);
      assert.deepEqual(
        copied.map((c) => [c.email, c.name, c.company, c.profile, c.status, c.unsubscribedAt]),
        [
          ['ana@example.org', 'Ana', 'Acme', { language: 'en', region: 2 }, 'new', null],
          ['ben@example.org', null, null, null, 'new', null],
        ],
      );
      assert.equal((await store.contacts.listByWave(source.id)).length, 5, 'the earlier wave keeps its contacts');
      const [entry] = (await store.auditLog.list({ limit: 1 })) as { action: string; target: string | null; details: unknown }[];
      assert.equal(entry.action, 'wave.createFrom');
      assert.equal(entry.target, `wave:${created.wave.id}`);
      assert.deepEqual((entry.details as { contacts: unknown }).contacts, { copied: 2, unsubscribed: 2, bounced: 1 });
    });

    it('writes nothing when a step fails after the wave was inserted', async () => {
      const { study } = await storedStudy(store, ENERGY.id, 1);
      const waves = (await store.waves.list(ENERGY.id)).length;
      // the audit entry, the last statement, names a user who does not exist: its foreign key refuses it
      await assert.rejects(createNextWave(store, source, study, input('T3-2027', true), 987_654));
      assert.equal(await store.waves.getByCode(ENERGY.id, 'T3-2027'), undefined);
      assert.equal((await store.waves.list(ENERGY.id)).length, waves);
    });

    it('refuses a code the study already uses, writing nothing', async () => {
      const { study } = await storedStudy(store, ENERGY.id, 1);
      const before = await store.auditLog.list({ limit: 1 });
      await assert.rejects(createNextWave(store, source, study, input('T4-2026', true), userId), { code: 'CONFLICT' });
      assert.deepEqual(await store.auditLog.list({ limit: 1 }), before);
    });

    it('suggests the dates one period later: the months between the previous opening and this one', async () => {
      const waves = await store.waves.list(ENERGY.id);
      assert.deepEqual(suggestNextDates(source, waves), { opensAt: '2027-01-01', closesAt: '2027-01-31', months: 3 });
      assert.equal(suggestNextDates(waves[0], waves), undefined);
    });
  });
}

function readMargins(wave: Wave): { variable: string }[] {
  return (wave.populationTargets as { margins: { variable: string }[] }).margins;
}
