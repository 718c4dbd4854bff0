/**
 * A worker killed mid-send, then resumed by another, mails nobody twice: `barometre worker` runs in a child
 * process on the test database; a real SMTP server takes a few messages, then holds the next one (its data
 * received, no answer yet) while the test SIGKILLs the worker; a second worker (in this process, its clock
 * past the dead one's lease) takes the job over and ends it. Every address has received exactly one message;
 * the contact whose message was in flight is left uncertain (never mailed again automatically). On each test database.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/server/config.js';
import { JOB_HANDLERS } from '../../src/server/jobs/job-handlers.js';
import { createJobWorker } from '../../src/server/jobs/job-worker.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { pollUntil } from '../helpers/poll-until.js';
import { openWave } from '../respond/fieldwork.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONTACTS = Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}@example.org`);
const SECRET_KEY = 'worker-crash-secret-'.padEnd(48, 'x');
/** the SMTP server answers this many messages, then holds the next one */
const ANSWERED = 15;
/** contacts claimed at once by a worker (CLAIM_BATCH in invitation-job.ts) */
const BATCH = 10;

for (const database of TEST_DATABASES) {
  describe(`a worker killed mid-send [${database.name}]`, () => {
    let store: TestStore;
    let smtp: SMTPServer;
    let child: ChildProcess | undefined;
    let dataDir: string;
    const received: string[] = [];
    let holding = true;

    before(async () => {
      store = await openTestStore(database);
      dataDir = mkdtempSync(join(tmpdir(), 'barometre-worker-'));
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        onData(stream, session, callback) {
          stream.resume();
          stream.on('end', () => {
            // the message has arrived: it counts as received, answered or not
            received.push(...session.envelope.rcptTo.map((r) => r.address));
            if (holding && received.length > ANSWERED) return; // held: no answer, the sender waits
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    });
    after(async () => {
      child?.kill('SIGKILL');
      await store?.close();
      smtp?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('resumes the job on another worker without a second e-mail to anyone', async () => {
      const wave = await openWave(store, '2026');
      for (const email of CONTACTS) await store.contacts.create({ waveId: wave.id, email });
      const job = await store.jobs.enqueue({ kind: 'invitations', waveId: wave.id });
      const env = {
        DATA_DIR: store.options.dataDir ?? dataDir,
        ...(store.options.databaseUrl && { DATABASE_URL: store.options.databaseUrl }),
        SECRET_KEY,
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
        PUBLIC_URL: 'https://barometre.example.org',
        JOBS_POLL_MS: '50',
      };
      child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'Europe/Paris', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const errors: string[] = [];
      child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
      await pollUntil('the worker to hand over its sixteenth message', () => (received.length > ANSWERED ? true : undefined), { timeoutMs: 60_000, intervalMs: 50 });
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
      assert.deepEqual(errors, []);
      const crashed = (await store.jobs.get(job.id))!;
      assert.equal(crashed.status, 'running', 'the dead worker left its lease');
      holding = false;

      // another worker, its clock past the dead one's lease (JOBS_LEASE_SECONDS, 60 s by default)
      const config = loadConfig({ ...env, DATA_DIR: dataDir });
      const now = () => new Date();
      const early = createJobWorker({ store, config, handlers: JOB_HANDLERS, clock: now });
      assert.deepEqual(await early.drainForTests(), [], 'not taken over while the lease runs');
      const later = () => new Date(Date.now() + 5 * 60_000);
      const worker = createJobWorker({ store, config, handlers: JOB_HANDLERS, clock: later });
      const [resumed] = await worker.drainForTests();
      assert.deepEqual([resumed?.id, resumed?.status, resumed?.attempts], [job.id, 'done', 2], JSON.stringify(resumed));

      const counts = new Map<string, number>();
      for (const to of received) counts.set(to, (counts.get(to) ?? 0) + 1);
      console.log(`# worker crash [${database.name}]: ${received.length} messages to ${counts.size} addresses; ${ANSWERED} answered before the kill`);
      assert.deepEqual(
        [...counts.values()].filter((n) => n > 1),
        [],
        'no address received two e-mails',
      );
      // the batch in flight at the kill (contacts 10 to 19) is uncertain: 6 of them were mailed, 4 not, and
      // nobody knows which without the mail server's log; the batches after it were mailed by the new worker
      const uncertain = await store.invitations.listUncertain(wave.id);
      assert.equal(uncertain.length, BATCH, 'the batch in flight at the kill is left uncertain');
      const expected = CONTACTS.filter((_, i) => i < ANSWERED + 1 || i >= 2 * BATCH);
      assert.deepEqual([...counts.keys()].sort(), expected, 'every contact outside the uncertain batch received one');
      const invitations = await store.invitations.listByWave(wave.id);
      assert.equal(invitations.filter((i) => i.sentAt !== null).length, CONTACTS.length - BATCH);
      // done counts the first batch (the dead worker's) and the two the new worker mailed; the uncertain batch is out of the total
      assert.deepEqual([resumed!.progressDone, resumed!.progressTotal], [CONTACTS.length - BATCH, CONTACTS.length - BATCH]);
    });
  });
}
