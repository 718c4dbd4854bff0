import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const backupCommand: CliCommand = {
  ...commandText('backup'),
  async run(args, io) {
    const { positionals } = parseArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const env = readCliEnv(io.env);
    if (env.databaseUrl) {
      io.stderr.write(
        'barometre backup: the database is PostgreSQL (DATABASE_URL); back it up with pg_dump instead:\n' + '  pg_dump --format=custom --file=barometre.dump "$DATABASE_URL"\n',
      );
      return 2;
    }
    const source = join(env.dataDir, 'barometre.sqlite');
    if (!existsSync(source)) throw new UsageError(`no SQLite database at ${source} (check DATA_DIR)`);
    const target = resolve(positionals[0]!);
    if (existsSync(target)) throw new UsageError(`${target} exists; choose a new file name`);
    const db = new BetterSqlite3(source, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      const started = Date.now();
      const { totalPages } = await db.backup(target);
      io.stdout.write(`backed up ${source} to ${target} (${totalPages} pages, ${Date.now() - started} ms)\n`);
      return 0;
    } finally {
      db.close();
    }
  },
};
