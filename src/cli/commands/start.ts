import type { CliCommand } from '../command.js';
import { PREPARE_HOOKS } from '../start-hooks.js';
import { configFromArgs, openConfiguredStore, serveUntilSignal } from './serve.js';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'what `npm start` runs: migrate, prepare the built-in study and the demo, serve',
  help: `Usage: barometre start [--port N] [--host H]

Migrates the database, makes sure the built-in study exists, generates the demo data when the database
is empty, then serves like \`barometre serve\` (same options and environment).`,
  async run(args, io) {
    const config = configFromArgs(args, io);
    const store = await openConfiguredStore(config, io);
    try {
      for (const prepare of PREPARE_HOOKS) await prepare(store, { config, log: (line) => io.stdout.write(`${line}\n`) });
    } catch (error) {
      await store.close();
      throw error;
    }
    return serveUntilSignal(store, config, io);
  },
};
