import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';

const DOC_V1 = { id: 'social', title: { fr: 'Baromètre « réseaux »', en: 'Barometer' }, pages: [{ questions: [1, 2.5, null, true] }] };
const DOC_V2 = { ...DOC_V1, title: { fr: 'Baromètre v2', en: 'Barometer v2' } };

for (const database of TEST_DATABASES) {
  describe(`study versions [${database.name}]`, () => {
    let store: TestStore;
    before(async () => {
      store = await openTestStore(database);
    });
    after(() => store.close());

    it('stores a document and reads it back unchanged', async () => {
      const saved = await store.studies.saveVersion('social', DOC_V1);
      assert.equal(saved.kind, 'created');
      assert.equal(saved.studyVersion.version, 1);
      const read = await store.studies.getVersion('social', 1);
      assert.deepEqual(read?.document, DOC_V1);
      assert.deepEqual(await store.studies.getVersionById(saved.studyVersion.id), read);
    });

    it('writes nothing when the document is unchanged', async () => {
      const again = await store.studies.saveVersion('social', DOC_V1);
      assert.equal(again.kind, 'unchanged');
      assert.equal(again.studyVersion.version, 1);
      assert.equal((await store.studies.listVersions('social')).length, 1);
    });

    it('numbers a changed document as the next version and keeps the old one', async () => {
      const saved = await store.studies.saveVersion('social', DOC_V2);
      assert.equal(saved.studyVersion.version, 2);
      assert.deepEqual((await store.studies.latestVersion('social'))?.document, DOC_V2);
      assert.deepEqual((await store.studies.getVersion('social', 1))?.document, DOC_V1);
    });

    it('lists each study once with its latest version', async () => {
      await store.studies.saveVersion('other', { id: 'other' });
      const list = await store.studies.list();
      assert.deepEqual(
        list.map((s) => [s.studyId, s.latestVersion]),
        [
          ['other', 1],
          ['social', 2],
        ],
      );
      assert.equal(await store.studies.latestVersion('missing'), undefined);
    });
  });

  describe(`waves [${database.name}]`, () => {
    let store: TestStore;
    let versionId: number;
    before(async () => {
      store = await openTestStore(database);
      versionId = (await store.studies.saveVersion('social', DOC_V1)).studyVersion.id;
    });
    after(() => store.close());

    it('creates a wave and reads it back by id and by code', async () => {
      const targets = { size: { '1-9': 0.6, '10-49': 0.3, '50+': 0.1 } };
      const wave = await store.waves.create({
        studyId: 'social',
        code: '2015',
        studyVersionId: versionId,
        title: 'Vague 2015',
        opensAt: '2015-03-01T00:00:00.000Z',
        populationTargets: targets,
        settings: { quotas: false },
      });
      assert.equal(wave.status, 'draft');
      assert.equal(wave.dataVersion, 0);
      assert.deepEqual(wave.populationTargets, targets);
      assert.deepEqual(await store.waves.get(wave.id), wave);
      assert.deepEqual(await store.waves.getByCode('social', '2015'), wave);
      assert.equal(await store.waves.getByCode('social', '2099'), undefined);
    });

    it('refuses a second wave with the same code', async () => {
      await assert.rejects(store.waves.create({ studyId: 'social', code: '2015', studyVersionId: versionId, title: 'again' }), (e: { code?: string }) => e.code === 'CONFLICT');
    });

    it('lists waves of a study in series order: place in the series, then opening date, then creation', async () => {
      // created after 2015, opened before it; a wave without a date comes after the dated ones
      await store.waves.create({ studyId: 'social', code: 'undated', studyVersionId: versionId, title: 'Sans date' });
      await store.waves.create({ studyId: 'social', code: '2014', studyVersionId: versionId, title: 'Vague 2014', opensAt: '2014-03-01T00:00:00.000Z' });
      assert.deepEqual(
        (await store.waves.list('social')).map((w) => w.code),
        ['2014', '2015', 'undated'],
      );
      // an explicit place in the series comes first
      const undated = (await store.waves.getByCode('social', 'undated'))!;
      assert.equal((await store.waves.update(undated.id, { seriesOrder: 1 })).seriesOrder, 1);
      assert.deepEqual(
        (await store.waves.list('social')).map((w) => w.code),
        ['undated', '2014', '2015'],
      );
      await store.waves.update(undated.id, { seriesOrder: null });
      assert.deepEqual(
        (await store.waves.list('social')).map((w) => w.code),
        ['2014', '2015', 'undated'],
      );
      assert.deepEqual(await store.waves.list('nothing'), []);
    });

    it('stamps the publication date once when a wave is published', async () => {
      const wave = (await store.waves.getByCode('social', '2015'))!;
      const first = await store.waves.setStatus(wave.id, 'published', new Date('2015-06-01T10:00:00Z'));
      assert.equal(first.status, 'published');
      assert.equal(first.publishedAt, '2015-06-01T10:00:00.000Z');
      const again = await store.waves.setStatus(wave.id, 'published', new Date('2016-01-01T00:00:00Z'));
      assert.equal(again.publishedAt, '2015-06-01T10:00:00.000Z');
    });

    it('bumps the data version when weighting or targets change, not for a title', async () => {
      const wave = (await store.waves.getByCode('social', '2014'))!;
      const renamed = await store.waves.update(wave.id, { title: 'Vague 2014 (bis)' });
      assert.equal(renamed.title, 'Vague 2014 (bis)');
      assert.equal(renamed.dataVersion, wave.dataVersion);
      const weighted = await store.waves.update(wave.id, { weighting: { method: 'rake', trim: [0.3, 3] } });
      assert.deepEqual(weighted.weighting, { method: 'rake', trim: [0.3, 3] });
      assert.equal(weighted.dataVersion, wave.dataVersion + 1);
      assert.equal(await store.waves.bumpDataVersion(wave.id), wave.dataVersion + 2);
    });

    it('says NOT_FOUND for a missing wave', async () => {
      await assert.rejects(store.waves.bumpDataVersion(99999), (e: { code?: string }) => e.code === 'NOT_FOUND');
    });
  });
}
