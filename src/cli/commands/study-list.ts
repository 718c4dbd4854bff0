import { openStore } from '../../store/index.js';
import { BUILT_IN_STUDIES } from '../../study/index.js';
import type { CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const studyListCommand: CliCommand = {
  ...commandText('study list'),
  async run(args, io) {
    const { values } = parseArgs(args, { json: { type: 'boolean' } });
    const store = await openStore(readCliEnv(io.env));
    try {
      const stored = await store.studies.list();
      const rows = [];
      for (const s of stored) {
        const waves = await store.waves.list(s.studyId);
        rows.push({ id: s.studyId, version: s.latestVersion, waves: waves.map((w) => ({ code: w.code, status: w.status })) });
      }
      const missing = BUILT_IN_STUDIES.filter((b) => !stored.some((s) => s.studyId === b.id)).map((b) => b.id);
      if (values.json) {
        io.stdout.write(JSON.stringify({ studies: rows, builtInNotStored: missing }, null, 2) + '\n');
        return 0;
      }
      if (rows.length === 0 && missing.length === 0) io.stdout.write('no study\n');
      for (const r of rows) {
        const waves = r.waves.length === 0 ? 'no wave' : r.waves.map((w) => `${w.code} (${w.status})`).join(', ');
        io.stdout.write(`${r.id}\tversion ${r.version}\t${waves}\n`);
      }
      for (const id of missing) io.stdout.write(`${id}\tbuilt in, not stored yet\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
