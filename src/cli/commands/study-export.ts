import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { storedStudy } from '../../analysis/stored-study.js';
import { openStore } from '../../store/index.js';
import { BUILT_IN_STUDIES, validateStudy } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { parseVersion } from './study-versions.js';

export const studyExportCommand: CliCommand = {
  name: 'study export',
  summary: 'print a stored study version (or a built-in study) as JSON',
  help: `Usage: barometre study export ID [--version N]

Prints version N of the stored study ID (the latest without --version) as a JSON document on stdout:
a starting point for the next version, to edit, check with \`barometre study validate\` and store with
\`barometre study update\`. A built-in study that is not stored yet is printed from the code, with
defaults filled in. Built-in studies: ${BUILT_IN_STUDIES.map((s) => s.id).join(', ')}.
Exit status: 0, or 2 when the study or the version does not exist.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
  async run(args, io) {
    const { values, positionals } = parseArgs(args, { version: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one study ID');
    const id = positionals[0];
    const version = values.version === undefined ? undefined : parseVersion(values.version, '--version');
    const env = readCliEnv(io.env);
    // no SQLite file yet: nothing is stored, and exporting must not create a database
    const noDatabase = env.databaseUrl === undefined && !existsSync(join(env.dataDir, 'barometre.sqlite'));
    if (!noDatabase) {
      const store = await openStore(env);
      try {
        if ((await store.studies.latestVersion(id)) || version !== undefined) {
          const { study } = await storedStudy(store, id, version);
          io.stdout.write(JSON.stringify(study, null, 2) + '\n');
          return 0;
        }
      } finally {
        await store.close();
      }
    }
    const input = BUILT_IN_STUDIES.find((s) => s.id === id);
    if (!input || version !== undefined) {
      throw new UsageError(`no stored study "${id}"${version !== undefined ? ` with version ${version}` : ''} (built-in: ${BUILT_IN_STUDIES.map((s) => s.id).join(', ')})`);
    }
    const result = validateStudy(input);
    if (!result.ok) throw new Error(`built-in study ${input.id} is invalid: ${result.errors[0].path}: ${result.errors[0].message}`);
    io.stdout.write(JSON.stringify(result.study, null, 2) + '\n');
    return 0;
  },
};
