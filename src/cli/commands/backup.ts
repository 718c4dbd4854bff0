import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'copy the SQLite database to FILE while the server runs (PostgreSQL: use pg_dump)',
  help: `Usage: barometre backup FILE

Writes a consistent copy of the SQLite database (DATA_DIR/barometre.sqlite) to FILE with SQLite's online
backup API: the server may keep running and writing; the copy is the database at one moment. FILE must not
exist. Restore by stopping the server and putting the copy in place of DATA_DIR/barometre.sqlite (removing
its -wal and -shm files).

PostgreSQL (DATABASE_URL set) is refused: back it up with pg_dump, e.g.
  pg_dump --format=custom --file=barometre.dump "$DATABASE_URL"
and restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" barometre.dump.
Environment: DATA_DIR, DATABASE_URL.`,
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
