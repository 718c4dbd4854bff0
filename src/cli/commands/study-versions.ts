import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

/** A version number argument (a positive integer). */
export function parseVersion(text: string, name: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new UsageError(`${name}: expected a version number (1, 2, …), got "${text}"`);
  return Number(text);
}

export const studyVersionsCommand: CliCommand = {
  ...commandText('study versions'),
  async run(args, io) {
    const { values, positionals } = parseArgs(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one study ID');
    const id = positionals[0];
    const store = await openStore(readCliEnv(io.env));
    try {
      const versions = await store.studies.listVersions(id);
      if (versions.length === 0) throw new UsageError(`study ${id} is not stored`);
      const waves = await store.waves.list(id);
      const rows = versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        waves: waves.filter((w) => w.studyVersionId === v.id).map((w) => w.code),
      }));
      if (values.json) {
        io.stdout.write(JSON.stringify({ studyId: id, versions: rows }, null, 2) + '\n');
        return 0;
      }
      for (const r of rows) io.stdout.write(`version ${r.version}\t${r.createdAt}\t${r.waves.length === 0 ? 'no wave' : `waves ${r.waves.join(', ')}`}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
