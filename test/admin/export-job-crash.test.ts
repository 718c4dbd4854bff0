/**
 * A worker killed during an export job: `barometre worker` runs in a child process on the test database and
 * is SIGKILLed once it has claimed a large wave's export; another worker (its clock past the dead one's
 * lease) takes the job over and stores the file once, the same bytes as the direct export. On each test database.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../../src/demo/index.js';
import { loadConfig } from '../../src/server/config.js';
import { exportFileSpec, writeExportFile, ZExportQuery } from '../../src/server/export-file.js';
import { JOB_HANDLERS } from '../../src/server/jobs/job-handlers.js';
import { createJobWorker } from '../../src/server/jobs/job-worker.js';
import { TEST_DATABASES, openTestStore, type TestStore } from '../helpers/databases.js';
import { pollUntil } from '../helpers/poll-until.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECRET_KEY = 'export-crash-secret-'.padEnd(48, 'x');

for (const database of TEST_DATABASES) {
  describe(`a worker killed during an export job [${database.name}]`, () => {
    let store: TestStore;
    let child: ChildProcess | undefined;
    let dataDir: string;

    before(async () => {
      store = await openTestStore(database);
      dataDir = mkdtempSync(join(tmpdir(), 'barometre-export-crash-'));
    });
    after(async () => {
      child?.kill('SIGKILL');
      await store?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('resumes on another worker and stores the file once', async () => {
      const demo = await generateDemo(store, { waves: [2017], n: 6000, seed: 4, secretKey: SECRET_KEY });
      const wave = (await store.waves.get(demo.waves[0].waveId))!;
      const query = ZExportQuery.parse({ labels: '1' });
      const job = await store.jobs.enqueue({ kind: 'export', waveId: wave.id, payload: { format: 'sav', query, requestedAt: '2026-03-02T09:00:00.000Z' } });
      const env = {
        DATA_DIR: store.options.dataDir ?? dataDir,
        ...(store.options.databaseUrl && { DATABASE_URL: store.options.databaseUrl }),
        SECRET_KEY,
        JOBS_POLL_MS: '50',
      };
      child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'Europe/Paris', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const errors: string[] = [];
      child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
      await pollUntil('the worker to start the export', async () => ((await store.jobs.get(job.id))?.progressTotal !== null ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 10,
      });
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
      assert.deepEqual(errors, []);
      const crashed = (await store.jobs.get(job.id))!;
      assert.equal(crashed.status, 'running', 'the dead worker left its lease');
      assert.equal(await store.jobFiles.info(job.id, 'output'), undefined, 'no file stored by the dead worker');

      const config = loadConfig({ ...env, DATA_DIR: dataDir });
      const early = createJobWorker({ store, config, handlers: JOB_HANDLERS });
      assert.deepEqual(await early.drainForTests(), [], 'not taken over while the lease runs');
      const later = () => new Date(Date.now() + 5 * 60_000);
      const worker = createJobWorker({ store, config, handlers: JOB_HANDLERS, clock: later });
      const [resumed] = await worker.drainForTests();
      assert.deepEqual([resumed?.id, resumed?.status, resumed?.attempts], [job.id, 'done', 2], JSON.stringify(resumed));
      // done is done: another worker finds nothing to run
      assert.deepEqual(await createJobWorker({ store, config, handlers: JOB_HANDLERS, clock: later }).drainForTests(), []);

      const parts: Buffer[] = [];
      for await (const part of store.jobFiles.read(job.id, 'output')) parts.push(part);
      const stored = Buffer.concat(parts);
      const info = (await store.jobFiles.info(job.id, 'output'))!;
      assert.equal(info.size, stored.length, 'one file: its parts add up to its size');
      const direct = await writeExportFile(store, wave, exportFileSpec(wave, 'sav', query)!, undefined, new Date('2026-03-02T09:00:00.000Z'));
      try {
        assert.ok(stored.equals(await readFile(direct.file)), 'the same bytes as the direct export');
      } finally {
        await direct.remove();
      }
      console.log(`# export job crash [${database.name}]: ${stored.length} bytes in ${parts.length} part(s), attempts ${resumed!.attempts}`);
    });
  });
}
