import { loadConfig } from '../../server/config.js';
import { JOB_HANDLERS } from '../../server/jobs/job-handlers.js';
import { createJobWorker } from '../../server/jobs/job-worker.js';
import type { CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';
import { openConfiguredStore } from './serve.js';
import { untilStopSignal } from '../stop-signal.js';

/**
 * `barometre worker`: the job queue's worker in a process of its own (see src/server/jobs/job-worker.ts). Runs
 * until SIGINT or SIGTERM, which let the current contact finish and give the job back; `--once` runs the jobs
 * due now and exits (1 when one failed for good or is to be retried).
 */
export const workerCommand: CliCommand = {
  ...commandText('worker'),
  async run(args, io) {
    const { values } = parseArgs(args, { once: { type: 'boolean' } });
    const config = loadConfig(io.env);
    const store = await openConfiguredStore(config, io);
    const log = (entry: Record<string, unknown>) => io.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
    const worker = createJobWorker({ store, config, handlers: JOB_HANDLERS, log });
    try {
      if (values.once) {
        const ran = await worker.drainForTests();
        io.stdout.write(`${ran.length} job(s) run\n`);
        return ran.every((job) => job.status === 'done' || job.status === 'cancelled') ? 0 : 1;
      }
      worker.start();
      io.stdout.write(`Baromètre worker ${worker.owner} is running\n`);
      const signal = await untilStopSignal();
      io.stdout.write(`${signal}: stopping after the current contact\n`);
      await worker.stop();
      return 0;
    } finally {
      await store.close();
    }
  },
};
