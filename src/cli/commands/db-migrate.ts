import { createDatabase, MIGRATIONS } from '../../store/index.js';
import type { CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';

export const dbMigrateCommand: CliCommand = {
  name: 'db migrate',
  summary: 'bring the database schema to the latest migration',
  help: `Usage: barometre db migrate

Applies the migrations the database does not have yet, in order, and prints each one applied.
Running it again does nothing. \`barometre serve\` and \`npm start\` also migrate when they start.

Environment: DATA_DIR (./data; SQLite file DATA_DIR/barometre.sqlite), DATABASE_URL (postgres://…
or postgresql://… for PostgreSQL; SQLite when unset).`,
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
