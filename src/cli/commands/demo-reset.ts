import { DEMO_DEFAULTS, DEMO_SEEDS, DEMO_STUDY_ID } from '../../demo/index.js';
import { BUILT_IN_STUDIES } from '../../study/index.js';
import type { CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { openDemoStore, runDemo, runStudyDemo } from './demo-generate.js';

/** The other built-in studies whose demo waves `demo reset` restores, with their wave codes. */
const seeded = () => BUILT_IN_STUDIES.filter((s) => s.id !== DEMO_STUDY_ID && DEMO_SEEDS[s.id]).map((s) => ({ id: s.id, seed: DEMO_SEEDS[s.id] }));

export const demoResetCommand: CliCommand = {
  name: 'demo reset',
  summary: 'delete the demo waves’ responses and generate the default demo again',
  help: `Usage: barometre demo reset

Restores the default demo: the waves ${DEMO_DEFAULTS.waves.join(', ')} of the built-in barometer lose their
responses (demo ones and any others) and get ${DEMO_DEFAULTS.n} new demo responses each with seed
${DEMO_DEFAULTS.seed}, their dates, targets and statuses set again (published before 2017, 2017 in fieldwork).
${seeded()
  .map((s) => `The waves ${s.seed.waves.join(', ')} of ${s.id} get ${s.seed.n} new responses each the same way.`)
  .join('\n')}
Missing waves are created. Other waves are left alone.

Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL), SECRET_KEY (the server's,
which keys the responses' public ids; generated once into DATA_DIR/secret.key when absent).
Exit codes: 0 done, 1 failure, 2 bad usage.`,
  async run(args, io) {
    parseArgs(args, {});
    const { store, secretKey } = await openDemoStore(io);
    try {
      const code = await runDemo(io, store, { secretKey, replace: true });
      if (code !== 0) return code;
      for (const s of seeded()) {
        const next = await runStudyDemo(io, store, s.id, { secretKey, seed: DEMO_DEFAULTS.seed, replace: true });
        if (next !== 0) return next;
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
