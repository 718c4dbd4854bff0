/**
 * SMTP_RATE_PER_MINUTE is one budget for every worker on the database: two workers, each with its own
 * connection to the database (as two processes or two nodes would have), send two waves' invitations at
 * once to a real SMTP server on one injected clock; no minute of that clock holds more messages than the
 * rate, and together they take as long as one worker alone would. On each test database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { loadConfig } from '../../src/server/config.js';
import { JOB_HANDLERS } from '../../src/server/jobs/job-handlers.js';
import { createJobWorker } from '../../src/server/jobs/job-worker.js';
import { createDatabase, type Store } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { openWave } from '../respond/fieldwork.js';
import { startSmtpCapture, type SmtpCapture } from './smtp-capture.js';

const RATE = 6;
const PER_WAVE = 9;

for (const database of TEST_DATABASES) {
  describe(`the SMTP rate limit shared by two workers [${database.name}]`, () => {
    let store: TestStore;
    let other: Store;
    let smtp: SmtpCapture;
    before(async () => {
      store = await openTestStore(database);
      other = createDatabase(store.options);
      smtp = await startSmtpCapture();
    });
    after(async () => {
      await other?.close();
      await store?.close();
      await smtp?.close();
    });

    it('never exceeds the rate in any minute across both workers', async () => {
      const config = loadConfig({
        DATA_DIR: store.options.dataDir!,
        SECRET_KEY: 'shared-rate-secret-'.padEnd(48, 'x'),
        SMTP_URL: smtp.url,
        PUBLIC_URL: 'https://barometre.example.org',
        SMTP_RATE_PER_MINUTE: String(RATE),
      });
      // each worker its own clock, moved only by its own waits (two nodes whose clocks agree when both wait)
      const base = Date.parse('2026-03-02T09:00:00Z');
      const offsets = { one: 0, two: 0 };
      const clockOf = (name: 'one' | 'two') => () => new Date(base + offsets[name]);
      const sleepOf = (name: 'one' | 'two') => async (ms: number) => {
        offsets[name] += ms;
        await tick();
      };
      // when each message arrived, on the clock of each worker (the sender's is picked below)
      const arrivals: { to: string; one: number; two: number }[] = [];
      const push = smtp.messages.push.bind(smtp.messages);
      smtp.messages.push = (...mails) => {
        for (const mail of mails) arrivals.push({ to: mail.to[0], ...offsets });
        return push(...mails);
      };
      for (const code of ['a', 'b']) {
        const wave = await openWave(store, code);
        for (let i = 0; i < PER_WAVE; i++) await store.contacts.create({ waveId: wave.id, email: `${code}${i}@example.org` });
        await store.jobs.enqueue({ kind: 'invitations', waveId: wave.id }, new Date(base));
      }
      const one = createJobWorker({ store, config, handlers: JOB_HANDLERS, clock: clockOf('one'), sleep: sleepOf('one'), owner: 'one' });
      const two = createJobWorker({ store: other, config, handlers: JOB_HANDLERS, clock: clockOf('two'), sleep: sleepOf('two'), owner: 'two' });
      const [ranOne, ranTwo] = await Promise.all([one.runOnce(), two.runOnce()]);
      assert.deepEqual([ranOne?.status, ranTwo?.status, ranOne?.progressDone, ranTwo?.progressDone], ['done', 'done', PER_WAVE, PER_WAVE], 'each worker ran one wave');
      assert.equal(smtp.messages.length, 2 * PER_WAVE);
      const waveOf = new Map([
        [ranOne!.waveId, 'one' as const],
        [ranTwo!.waveId, 'two' as const],
      ]);
      const codeOf = async (id: number | null) => (await store.waves.get(id!))!.code;
      const senderOfCode = new Map([
        [await codeOf(ranOne!.waveId), 'one' as const],
        [await codeOf(ranTwo!.waveId), 'two' as const],
      ]);
      assert.equal(waveOf.size, 2);
      const sentAt = arrivals.map((a) => a[senderOfCode.get(a.to[0])!]).sort((a, b) => a - b);
      const last = Math.max(offsets.one, offsets.two);
      let busiest = 0;
      for (const start of sentAt) busiest = Math.max(busiest, sentAt.filter((t) => t >= start && t < start + 60_000).length);
      console.log(`# shared SMTP rate [${database.name}]: ${sentAt.length} messages in ${last / 1000} s of the injected clock; at most ${busiest} in a minute (rate ${RATE})`);
      assert.ok(busiest <= RATE, `${busiest} messages within one minute, rate ${RATE}`);
      // one slot every 10 s for both together: a limit per worker would have let them finish in half the time
      assert.ok(last >= (2 * PER_WAVE - 1) * (60_000 / RATE), `finished after ${last} ms`);
    });
  });
}
