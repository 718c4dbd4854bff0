import { DEMO_DEFAULTS } from '../../demo/index.js';
import type { CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { openDemoStore, runDemo } from './demo-generate.js';

export const demoResetCommand: CliCommand = {
  name: 'demo reset',
  summary: 'delete the demo waves’ responses and generate the default demo again',
  help: `Usage: barometre demo reset

Restores the default demo: the waves ${DEMO_DEFAULTS.waves.join(', ')} of the built-in barometer lose their
responses (demo ones and any others) and get ${DEMO_DEFAULTS.n} new demo responses each with seed
${DEMO_DEFAULTS.seed}, their dates, targets and statuses set again (published before 2017, 2017 in fieldwork).
Missing waves are created. Other waves are left alone.

Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL), SECRET_KEY (the server's,
which keys the responses' public ids; generated once into DATA_DIR/secret.key when absent).
Exit codes: 0 done, 1 failure, 2 bad usage.`,
  async run(args, io) {
    parseArgs(args, {});
    const { store, secretKey } = await openDemoStore(io);
    try {
      return await runDemo(io, store, { secretKey, replace: true });
    } finally {
      await store.close();
    }
  },
};
