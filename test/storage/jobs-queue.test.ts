/**
 * The job queue on each test database: enqueue, claim (one winner among many claims, from one store or
 * two), lease extension with progress, completion, failure with capped exponential backoff and final
 * failure, take-over of an expired lease (a worker that died), graceful release, cancellation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDatabase, retryDelayMs, type Store, type Wave } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { seedWave } from './fixtures/seed-wave.js';

const T0 = new Date('2026-03-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('retryDelayMs', () => {
  it('doubles from the base and stops at the cap', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 5000)),
      [1000, 2000, 4000, 5000],
    );
    assert.equal(retryDelayMs(500, 1000, 5000), 5000);
  });
});

for (const database of TEST_DATABASES) {
  describe(`job queue [${database.name}]`, () => {
    let store: TestStore;
    let other: Store;
    let wave: Wave;
    before(async () => {
      store = await openTestStore(database);
      other = createDatabase(store.options);
      wave = await seedWave(store);
    });
    after(async () => {
      await other?.close();
      await store.close();
    });
    /** Ends every job left by a test, so that each test claims only its own. */
    const clear = async () => {
      for (const job of await store.jobs.listByWave(wave.id, { limit: 1000 })) await store.jobs.cancel(job.id, T0);
    };

    it('gives a due job to exactly one of many concurrent claims, on two connections', async () => {
      await clear();
      const job = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, payload: { a: 1 }, createdBy: 'u@example.org' }, T0);
      assert.equal(job.status, 'queued');
      assert.deepEqual(job.payload, { a: 1 });
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).jobs.claimNext({ owner: `w${i}`, leaseMs: 60_000 }, at(1))));
      const won = claims.filter((c) => c !== undefined);
      assert.equal(won.length, 1);
      assert.equal(won[0]!.id, job.id);
      assert.equal(won[0]!.status, 'running');
      assert.equal(won[0]!.attempts, 1);
      assert.equal(won[0]!.leaseExpiresAt, at(61).toISOString());
      assert.equal(await store.jobs.claimNext({ owner: 'late', leaseMs: 60_000 }, at(2)), undefined);
    });

    it('gives two due jobs to two workers claiming at once, one each', async () => {
      await clear();
      const a = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      const b = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      const [x, y] = await Promise.all([store.jobs.claimNext({ owner: 'x', leaseMs: 1000 }, at(1)), other.jobs.claimNext({ owner: 'y', leaseMs: 1000 }, at(1))]);
      assert.deepEqual([x?.id, y?.id].sort(), [a.id, b.id].sort());
    });

    it('does not run a scheduled job before its time, and claims the earliest due first', async () => {
      await clear();
      const later = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, runAt: at(3600) }, T0);
      const now = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      assert.equal((await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(1)))?.id, now.id);
      assert.equal(await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(2)), undefined);
      await store.jobs.complete(now.id, 'w', at(2));
      assert.equal((await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(3600)))?.id, later.id);
    });

    it('claims only the kinds asked for', async () => {
      await clear();
      await store.jobs.enqueue({ kind: 'other', waveId: wave.id }, T0);
      assert.equal(await store.jobs.claimNext({ owner: 'w', leaseMs: 1000, kinds: ['test'] }, at(1)), undefined);
      assert.equal((await store.jobs.claimNext({ owner: 'w', leaseMs: 1000, kinds: ['other'] }, at(1)))?.kind, 'other');
    });

    it('records progress with the lease, completes, and refuses a worker that is not the owner', async () => {
      await clear();
      const job = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      await store.jobs.claimNext({ owner: 'w', leaseMs: 10_000 }, at(1));
      assert.equal(await store.jobs.heartbeat(job.id, 'w', { leaseMs: 10_000, done: 3, failed: 1, total: 10 }, at(5)), true);
      assert.equal(await store.jobs.heartbeat(job.id, 'intruder', { leaseMs: 10_000, done: 9 }, at(5)), false);
      let read = (await store.jobs.get(job.id))!;
      assert.deepEqual([read.progressDone, read.progressFailed, read.progressTotal, read.leaseExpiresAt], [3, 1, 10, at(15).toISOString()]);
      assert.equal(await store.jobs.complete(job.id, 'intruder', at(6)), false);
      assert.equal(await store.jobs.complete(job.id, 'w', at(6)), true);
      read = (await store.jobs.get(job.id))!;
      assert.deepEqual([read.status, read.leaseOwner, read.finishedAt], ['done', null, at(6).toISOString()]);
      assert.equal(await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(100)), undefined, 'a done job is not claimed again');
    });

    it('retries a failed attempt after an exponential backoff, then fails for good after max attempts', async () => {
      await clear();
      const job = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, maxAttempts: 3 }, T0);
      let now = at(1);
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const claimed = await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, now);
        assert.equal(claimed?.attempts, attempt);
        const failed = (await store.jobs.fail(job.id, 'w', `421 try later (${attempt})`, { baseMs: 10_000, capMs: 25_000 }, now))!;
        if (attempt < 3) {
          assert.equal(failed.status, 'queued');
          const wait = new Date(failed.runAt).getTime() - now.getTime();
          waits.push(wait);
          assert.equal(await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, new Date(now.getTime() + wait - 1)), undefined, 'not before its retry time');
          now = new Date(now.getTime() + wait);
        } else {
          assert.deepEqual([failed.status, failed.lastError], ['failed', '421 try later (3)']);
        }
      }
      assert.deepEqual(waits, [10_000, 20_000]);
      assert.equal(await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(100_000)), undefined);
    });

    it('fails at once when the failure is permanent', async () => {
      await clear();
      const job = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(1));
      assert.equal((await store.jobs.fail(job.id, 'w', 'wave closed', { permanent: true }, at(2)))?.status, 'failed');
    });

    it('hands a job whose lease expired (its worker died) to another worker, and the dead one can no longer write', async () => {
      await clear();
      const job = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      await store.jobs.claimNext({ owner: 'dead', leaseMs: 30_000 }, at(1));
      await store.jobs.heartbeat(job.id, 'dead', { leaseMs: 30_000, done: 7 }, at(10));
      assert.equal(await other.jobs.claimNext({ owner: 'alive', leaseMs: 30_000 }, at(39)), undefined, 'the lease still runs');
      const taken = await other.jobs.claimNext({ owner: 'alive', leaseMs: 30_000 }, at(41));
      assert.deepEqual([taken?.id, taken?.leaseOwner, taken?.attempts, taken?.progressDone], [job.id, 'alive', 2, 7]);
      assert.equal(await store.jobs.heartbeat(job.id, 'dead', { leaseMs: 30_000 }, at(42)), false);
      assert.equal(await store.jobs.complete(job.id, 'dead', at(42)), false);
      assert.equal(await other.jobs.complete(job.id, 'alive', at(43)), true);
    });

    it('gives a job back on a graceful stop without counting the attempt', async () => {
      await clear();
      const job = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      await store.jobs.claimNext({ owner: 'w', leaseMs: 30_000 }, at(1));
      assert.equal(await store.jobs.release(job.id, 'w', at(2)), true);
      const again = await store.jobs.claimNext({ owner: 'v', leaseMs: 30_000 }, at(2));
      assert.deepEqual([again?.id, again?.attempts], [job.id, 1]);
    });

    it('cancels a queued or running job, which then stops at its next heartbeat', async () => {
      await clear();
      const queued = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, runAt: at(600) }, T0);
      assert.equal(await store.jobs.cancel(queued.id, at(1)), true);
      assert.equal(await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(700)), undefined);
      const running = await store.jobs.enqueue({ kind: 'test', waveId: wave.id }, T0);
      await store.jobs.claimNext({ owner: 'w', leaseMs: 30_000 }, at(701));
      assert.equal(await store.jobs.cancel(running.id, at(702)), true);
      assert.equal(await store.jobs.heartbeat(running.id, 'w', { leaseMs: 30_000 }, at(703)), false);
      assert.equal(await store.jobs.cancel(running.id, at(704)), false, 'an ended job is not cancelled again');
      const listed = await store.jobs.listByWave(wave.id, { kinds: ['test'] });
      assert.equal(listed[0]!.id, running.id, 'newest first');
      assert.equal(listed[0]!.status, 'cancelled');
    });

    it('holds a job for confirmation: never claimed until confirmed, confirmed once, or run by its confirmer, or cancelled once its input has gone', async () => {
      await clear();
      const held = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, awaitConfirmation: true }, T0);
      assert.equal(held.status, 'waiting-confirmation');
      assert.equal(await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(10)), undefined, 'a worker never takes it');
      const [first, second] = await Promise.all([store.jobs.confirm(held.id, at(11)), other.jobs.confirm(held.id, at(11))]);
      assert.deepEqual([first, second].sort(), [false, true], 'one confirmation wins');
      assert.equal((await store.jobs.claimNext({ owner: 'w', leaseMs: 1000 }, at(12)))?.id, held.id);

      const here = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, awaitConfirmation: true }, T0);
      const claimed = await store.jobs.claimConfirmed(here.id, { owner: 'request', leaseMs: 30_000 }, at(13));
      assert.deepEqual([claimed?.status, claimed?.leaseOwner, claimed?.attempts], ['running', 'request', 1]);
      assert.equal(await store.jobs.claimConfirmed(here.id, { owner: 'again', leaseMs: 30_000 }, at(14)), undefined);
      assert.equal(await store.jobs.confirm(here.id, at(14)), false, 'a running job is not confirmed again');

      const kept = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, awaitConfirmation: true }, T0);
      const gone = await store.jobs.enqueue({ kind: 'test', waveId: wave.id, awaitConfirmation: true }, T0);
      for (const job of [kept, gone])
        await store.jobFiles.put({ jobId: job.id, role: 'input', name: 'f.csv', contentType: 'text/csv', bytes: Buffer.from('a\n'), expiresAt: at(60) }, T0);
      await store.jobFiles.keepUntil(kept.id, 'input', at(3600));
      assert.equal((await store.jobFiles.info(kept.id, 'input'))?.expiresAt, at(3600).toISOString());
      await store.jobFiles.purgeExpired(at(120));
      assert.equal(await store.jobs.cancelUnconfirmedWithoutInput(at(121)), 1);
      assert.deepEqual([(await store.jobs.get(kept.id))?.status, (await store.jobs.get(gone.id))?.status], ['waiting-confirmation', 'cancelled']);
      assert.equal(await store.jobs.cancel(kept.id, at(122)), true, 'an unconfirmed job can be cancelled');
    });

    it('records a permanent rejection on the contact', async () => {
      const contact = await store.contacts.create({ waveId: wave.id, email: 'gone@example.org' });
      await store.contacts.markBounced(contact.id, '550 5.1.1 no such user', at(1));
      const read = (await store.contacts.get(contact.id))!;
      assert.deepEqual([read.status, read.bouncedAt, read.bounceReason], ['bounced', at(1).toISOString(), '550 5.1.1 no such user']);
    });
  });
}
