import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';

/** A version number argument (a positive integer). */
export function parseVersion(text: string, name: string): number {
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new UsageError(`${name}: expected a version number (1, 2, …), got "${text}"`);
  return Number(text);
}

export const studyVersionsCommand: CliCommand = {
  name: 'study versions',
  summary: 'list the stored versions of a study and the waves that use each',
  help: `Usage: barometre study versions ID [--json]

Lists every stored version of study ID, oldest first: its number, when it was stored, and the waves
opened with it (a wave keeps its version when the study gets a new one). --json prints the same as one
JSON document. Exit status 2 when the study is not stored.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
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
