import { writeFile } from 'node:fs/promises';
import { runReferenceCasesFile } from '../../analysis/reference-cases.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const statsCommand: CliCommand = {
  ...commandText('stats'),
  async run(args, io) {
    const { values, positionals } = parseArgs(args, { 'data-dir': { type: 'string' }, out: { type: 'string' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one CASES.json');
    let document;
    try {
      document = runReferenceCasesFile(positionals[0], values['data-dir']);
    } catch (error) {
      throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
    }
    const json = JSON.stringify(document, null, 2) + '\n';
    if (values.out) await writeFile(values.out, json, 'utf8');
    else io.stdout.write(json);
    const failed = document.cases.filter((c) => c.error !== undefined);
    for (const c of failed) io.stderr.write(`barometre stats: case ${c.id}: ${c.error}\n`);
    if (failed.length > 0) io.stderr.write(`barometre stats: ${failed.length} of ${document.cases.length} cases failed\n`);
    return failed.length > 0 ? 1 : 0;
  },
};
