import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';
import { rawDatabase } from '../helpers/raw-database.js';

const codeOf = (e: unknown) => (e as { code?: string }).code;

for (const database of TEST_DATABASES) {
  describe(`responses [${database.name}]`, () => {
    let store: TestStore;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      wave = await seedWave(store);
    });
    after(() => store.close());

    it('starts a partial response and finds it by its public id', async () => {
      const started = await store.responses.createPartial({ waveId: wave.id, language: 'en', company: 'ACME', now: new Date('2015-03-02T08:00:00Z') });
      assert.equal(started.status, 'partial');
      assert.equal(started.startedAt, '2015-03-02T08:00:00.000Z');
      assert.match(started.publicId, /^[A-Za-z0-9_-]{22}$/);
      assert.deepEqual(await store.responses.getByPublicId(started.publicId), started);
      assert.equal(await store.responses.getByPublicId('nope'), undefined);
    });

    it('merges page answers, removes hidden ones, sums page durations and completes', async () => {
      const r = await store.responses.createPartial({ waveId: wave.id, now: new Date('2015-03-02T08:00:00Z') });
      await store.responses.savePage({ responseId: r.id, submissionId: 'm1', page: 0, answers: { q1: 1, q2: 'texte libre « ok »' }, currentPage: 1, pageDurationMs: 1500 });
      await store.responses.savePage({ responseId: r.id, submissionId: 'm2', page: 0, answers: { q1: 2 }, removeKeys: ['q2'], currentPage: 1, pageDurationMs: 500 });
      const done = await store.responses.savePage({
        responseId: r.id,
        submissionId: 'm3',
        page: 1,
        answers: { q3: [1, 4] },
        currentPage: 2,
        complete: true,
        pack: (answers) => new Uint8Array([answers.q1 as number, 9]),
        now: new Date('2015-03-02T08:10:00Z'),
      });
      assert.equal(done.kind, 'saved');
      const read = (await store.responses.getById(r.id))!;
      assert.deepEqual(read.answers, { q1: 2, q3: [1, 4] });
      assert.deepEqual(read.pageDurations, { 0: 2000 });
      assert.deepEqual(read.packed, new Uint8Array([2, 9]));
      assert.equal(read.status, 'complete');
      assert.equal(read.completedAt, '2015-03-02T08:10:00.000Z');
      assert.equal(read.durationMs, 600_000);
      assert.equal((await store.waves.get(wave.id))!.dataVersion, wave.dataVersion + 1);
    });

    it('refuses a page on a complete response and a page for a missing one', async () => {
      const r = await store.responses.createPartial({ waveId: wave.id });
      await store.responses.complete(r.id, { packed: new Uint8Array([1]) });
      await assert.rejects(store.responses.savePage({ responseId: r.id, submissionId: 'late', page: 0, answers: {}, currentPage: 0 }), (e) => codeOf(e) === 'CONFLICT');
      await assert.rejects(store.responses.savePage({ responseId: 424242, submissionId: 'ghost', page: 0, answers: {}, currentPage: 0 }), (e) => codeOf(e) === 'NOT_FOUND');
    });

    it('links at most one response to an invitation', async () => {
      const invitation = await store.invitations.create({ waveId: wave.id, tokenHash: 'hash-1' });
      const r = await store.responses.createPartial({ waveId: wave.id, invitationId: invitation.id });
      assert.equal((await store.responses.getByInvitation(invitation.id))?.id, r.id);
      await assert.rejects(store.responses.createPartial({ waveId: wave.id, invitationId: invitation.id }), (e) => codeOf(e) === 'CONFLICT');
    });

    it('leaves nothing half-written when a page write fails midway', async () => {
      const r = await store.responses.createPartial({ waveId: wave.id, answers: { q1: 1 } });
      await assert.rejects(
        store.responses.savePage({
          responseId: r.id,
          submissionId: 'boom',
          page: 0,
          answers: { q1: 3 },
          currentPage: 1,
          pack: () => {
            throw new Error('packing failed');
          },
        }),
        /packing failed/,
      );
      const read = (await store.responses.getById(r.id))!;
      assert.deepEqual(read.answers, { q1: 1 });
      assert.equal(read.currentPage, 0);
      // the submission id was rolled back too, so the browser's retry is written
      const retry = await store.responses.savePage({ responseId: r.id, submissionId: 'boom', page: 0, answers: { q1: 3 }, currentPage: 1 });
      assert.equal(retry.kind, 'saved');
      assert.deepEqual(retry.response.answers, { q1: 3 });
    });

    it('rolls back every repository write of a failed store.transaction', async () => {
      const before = await store.responses.count(wave.id);
      await assert.rejects(
        store.transaction(async (tx) => {
          const r = await tx.responses.createPartial({ waveId: wave.id });
          await tx.responses.savePage({ responseId: r.id, submissionId: 'tx-1', page: 0, answers: { a: 1 }, currentPage: 1 });
          await tx.auditLog.append({ action: 'test' });
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal(await store.responses.count(wave.id), before);
      assert.deepEqual(await store.auditLog.list({ action: 'test' }), []);
    });

    it('writes the same submission id once, even when it arrives twice at once', async () => {
      const r = await store.responses.createPartial({ waveId: wave.id });
      const [a, b] = await Promise.all([
        store.responses.savePage({ responseId: r.id, submissionId: 'twice', page: 0, answers: { q: 'first' }, currentPage: 1, outcome: { next: 1 } }),
        store.responses.savePage({ responseId: r.id, submissionId: 'twice', page: 0, answers: { q: 'second' }, currentPage: 1, outcome: { next: 1 } }),
      ]);
      assert.deepEqual([a.kind, b.kind].sort(), ['duplicate', 'saved']);
      const saved = a.kind === 'saved' ? a : b;
      const duplicate = a.kind === 'saved' ? b : a;
      assert.deepEqual(duplicate.outcome, { next: 1 });
      const read = (await store.responses.getById(r.id))!;
      assert.deepEqual(read.answers, saved.response.answers);
      assert.deepEqual(duplicate.response.answers, saved.response.answers);
      const rows = await rawDatabase(store).selectFrom('submissions').selectAll().where('responseId', '=', r.id).execute();
      assert.equal(rows.length, 1);
    });

    it('round-trips packed blobs byte for byte', async () => {
      const blobs = [new Uint8Array(0), new Uint8Array([0, 0, 0]), new Uint8Array([255, 0, 128, 0]), new Uint8Array(randomBytes(65_537))];
      const ids: number[] = [];
      for (const blob of blobs) {
        const r = await store.responses.createPartial({ waveId: wave.id });
        await store.responses.complete(r.id, { packed: blob });
        ids.push(r.id);
        assert.deepEqual((await store.responses.getById(r.id))!.packed, blob);
      }
      // a Uint8Array view into a larger buffer stores only its own bytes
      const big = new Uint8Array(randomBytes(100));
      const view = big.subarray(10, 20);
      const r = await store.responses.createPartial({ waveId: wave.id });
      await store.responses.complete(r.id, { packed: view });
      assert.deepEqual((await store.responses.getById(r.id))!.packed, new Uint8Array(view));
      const streamed = new Map<number, Uint8Array | null>();
      for await (const row of store.responses.iteratePacked(wave.id, { status: 'complete' })) streamed.set(row.id, row.packed && row.packed.slice());
      blobs.forEach((blob, i) => assert.deepEqual(streamed.get(ids[i]), blob));
    });

    it('excludes a response from streamed results and bumps the data version', async () => {
      const r = await store.responses.createPartial({ waveId: wave.id });
      await store.responses.complete(r.id, { packed: new Uint8Array([7]) });
      const version = (await store.waves.get(wave.id))!.dataVersion;
      const excluded = await store.responses.setExclusion(r.id, true, 'speeder');
      assert.equal(excluded.excluded, true);
      assert.equal(excluded.exclusionReason, 'speeder');
      assert.equal((await store.waves.get(wave.id))!.dataVersion, version + 1);
      const ids = async (includeExcluded: boolean) => {
        const out: number[] = [];
        for await (const row of store.responses.iteratePacked(wave.id, { includeExcluded })) out.push(row.id);
        return out;
      };
      assert.equal((await ids(false)).includes(r.id), false);
      assert.equal((await ids(true)).includes(r.id), true);
      const counts = await store.responses.countByStatus(wave.id);
      assert.equal(counts.excluded, 1);
      assert.equal(counts.partial + counts.complete, await store.responses.count(wave.id));
      assert.equal(await store.responses.count(wave.id, { includeExcluded: false }), counts.partial + counts.complete - 1);
    });

    it('anonymises and deletes a response', async () => {
      const r = await store.responses.createPartial({ waveId: wave.id, email: 'a@example.org', company: 'ACME', browserHash: 'b' });
      await store.responses.update(r.id, { notifyEmail: 'a@example.org', flags: { straightliner: true } });
      assert.equal((await store.responses.update(r.id, {})).notifyEmail, 'a@example.org');
      const anonymous = await store.responses.anonymise(r.id, { answers: { q1: 1 } });
      assert.deepEqual([anonymous.email, anonymous.company, anonymous.notifyEmail, anonymous.browserHash], [null, null, null, null]);
      assert.deepEqual(anonymous.answers, { q1: 1 });
      assert.deepEqual(anonymous.flags, { straightliner: true });
      assert.equal(await store.responses.delete(r.id), true);
      assert.equal(await store.responses.getById(r.id), undefined);
      assert.equal(await store.responses.delete(r.id), false);
    });
  });
}
