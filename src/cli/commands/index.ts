import type { CliCommand } from '../command.js';

/** Every command of the CLI, in the order `barometre --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [];
