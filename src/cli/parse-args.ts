import { parseArgs as nodeParseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments with node's parser, strict, turning its errors into UsageError
 * (exit 2). `--help` is always accepted.
 */
export function parseArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return nodeParseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
