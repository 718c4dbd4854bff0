import type { CliCommand } from '../command.js';
import { PREPARE_HOOKS } from '../start-hooks.js';
import { configFromArgs, openConfiguredStore, serveUntilSignal } from './serve.js';
import { commandText } from './command-texts.js';

export const startCommand: CliCommand = {
  ...commandText('start'),
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
