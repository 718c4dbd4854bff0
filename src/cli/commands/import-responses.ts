import { createReadStream } from 'node:fs';
import { importResponsesCsv } from '../../exchange/index.js';
import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const importResponsesCommand: CliCommand = {
  ...commandText('import responses'),
  async run(args, io) {
    const { values, positionals } = parseArgs(
      args,
      { study: { type: 'string' }, wave: { type: 'string' }, separator: { type: 'string' }, 'skip-invalid': { type: 'boolean', default: false } },
      true,
    );
    if (!values.study || !values.wave) throw new UsageError('--study and --wave are required');
    if (positionals.length !== 1) throw new UsageError('expected exactly one CSV file');
    if (values.separator !== undefined && values.separator !== ',' && values.separator !== ';') throw new UsageError('--separator is , or ;');
    const store = await openStore(readCliEnv(io.env));
    try {
      const wave = await store.waves.getByCode(values.study, values.wave);
      if (!wave) throw new UsageError(`study "${values.study}" has no wave "${values.wave}"`);
      const input = createReadStream(positionals[0], { encoding: 'utf8' });
      const result = await importResponsesCsv(store, wave, input, { separator: values.separator as ',' | ';' | undefined, skipInvalid: values['skip-invalid'] });
      for (const r of result.rejected) io.stderr.write(`line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.code}: ${r.message}\n`);
      if (result.rejectedCount > result.rejected.length) io.stderr.write(`… and ${result.rejectedCount - result.rejected.length} more\n`);
      io.stdout.write(
        `${result.imported} of ${result.lines} responses imported into ${values.study} ${values.wave}${result.rejectedCount > 0 ? `, ${result.rejectedCount} error(s)` : ''}\n`,
      );
      return result.rejectedCount > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};
