import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTokenBucket } from './token-bucket.js';

/** A clock moved only by the bucket's sleeps: no real waiting. */
function fakeTime() {
  let t = Date.parse('2026-03-01T10:00:00Z');
  const sleeps: number[] = [];
  return {
    now: () => new Date(t),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => (t += ms),
    sleeps,
    elapsed: () => t - Date.parse('2026-03-01T10:00:00Z'),
  };
}

describe('createTokenBucket', () => {
  it('lets 120 per minute through at 2 a second after a burst of 2, waiting on the injected clock', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(120, time.now, time.sleep);
    for (let i = 0; i < 122; i++) await bucket.take();
    assert.equal(time.elapsed(), 60_000, '2 at once, then 120 more in one minute');
    assert.ok(time.sleeps.every((ms) => ms <= 500));
  });

  it('never lets more than the limit plus the burst through in any minute', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(30, time.now, time.sleep);
    const at: number[] = [];
    for (let i = 0; i < 100; i++) {
      await bucket.take();
      at.push(time.elapsed());
    }
    for (let i = 0; i < at.length; i++) assert.ok(at.filter((x) => x >= at[i]! && x < at[i]! + 60_000).length <= 31);
  });

  it('refills while idle, no more than its capacity', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket(60, time.now, time.sleep);
    await bucket.take();
    time.advance(3_600_000);
    await bucket.take();
    await bucket.take();
    assert.deepEqual(time.sleeps, [1000], 'one token of capacity: the second take after the idle hour waits');
  });

  it('calls beforeWait with the wait (the worker extends its lease there), and does not limit at 0', async () => {
    const time = fakeTime();
    const waits: number[] = [];
    const bucket = createTokenBucket(6, time.now, time.sleep);
    await bucket.take(async (ms) => void waits.push(ms));
    await bucket.take(async (ms) => void waits.push(ms));
    assert.deepEqual(waits, [10_000]);
    const free = createTokenBucket(0, time.now, time.sleep);
    for (let i = 0; i < 1000; i++) await free.take();
    assert.equal(time.sleeps.length, 1);
  });
});
