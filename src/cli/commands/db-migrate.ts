import { createDatabase, MIGRATIONS } from '../../store/index.js';
import type { CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const dbMigrateCommand: CliCommand = {
  ...commandText('db migrate'),
  async run(args, io) {
    parseArgs(args, {});
    const env = readCliEnv(io.env);
    const store = createDatabase(env);
    try {
      const where = env.databaseUrl ? 'PostgreSQL' : `SQLite in ${env.dataDir}`;
      const report = await store.migrate();
      for (const name of report.applied) io.stdout.write(`applied ${name}\n`);
      const total = Object.keys(MIGRATIONS).length;
      io.stdout.write(
        report.applied.length === 0
          ? `${where}: up to date (${total} migration${total === 1 ? '' : 's'})\n`
          : `${where}: ${report.applied.length} migration${report.applied.length === 1 ? '' : 's'} applied\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
