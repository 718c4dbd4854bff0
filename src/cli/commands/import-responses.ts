import { createReadStream } from 'node:fs';
import { importResponsesCsv } from '../../exchange/index.js';
import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';

export const importResponsesCommand: CliCommand = {
  name: 'import responses',
  summary: 'import responses into a wave from CSV (checked by the study)',
  help: `Usage: barometre import responses --study S --wave W FILE.csv [--separator , or ;] [--skip-invalid]

Reads responses from CSV, one line per response, columns matched by variable name (the columns of
\`barometre export --format csv\`: codes or labels, multiple choices as one 0/1 column per option;
response_id and weight are ignored, status and excluded are read). Every line is checked by the wave's
study. Errors are listed by line and column, and nothing is imported if any line fails, unless
--skip-invalid (then the valid lines are imported).

Options:
  --separator , or ;   the CSV separator (default: guessed from the header); with ; a decimal comma is read
  --skip-invalid       import the valid lines even when some fail

Exit status: 0 imported, 1 some lines rejected (nothing imported without --skip-invalid), 2 bad usage.`,
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
