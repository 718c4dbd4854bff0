import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { waveStudy } from '../../analysis/wave-study.js';
import { convertResponses, importResponsesCsv, isResponseSource, RESPONSE_SOURCE_NAMES, RESPONSE_SOURCES, RESPONSE_SOURCES_WITH_MAPPING } from '../../exchange/index.js';
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
      {
        study: { type: 'string' },
        wave: { type: 'string' },
        from: { type: 'string', default: 'csv' },
        separator: { type: 'string' },
        mapping: { type: 'string' },
        'skip-invalid': { type: 'boolean', default: false },
      },
      true,
    );
    if (!values.study || !values.wave) throw new UsageError('--study and --wave are required');
    if (positionals.length !== 1) throw new UsageError('expected exactly one CSV file');
    if (values.separator !== undefined && values.separator !== ',' && values.separator !== ';') throw new UsageError('--separator is , or ;');
    const from = values.from ?? 'csv';
    if (!isResponseSource(from)) throw new UsageError(`--from is one of ${RESPONSE_SOURCES.join(', ')}`);
    if (values.mapping !== undefined && !RESPONSE_SOURCES_WITH_MAPPING.has(from))
      throw new UsageError(`--mapping goes with --from ${[...RESPONSE_SOURCES_WITH_MAPPING].join(' or ')}`);
    // a foreign file says its own separator (a LimeSurvey or SurveyJS export, or the mapping's `separator`)
    if (values.separator !== undefined && from !== 'csv') throw new UsageError('--separator goes with --from csv (a mapping file says its own separator)');
    let mapping: Buffer | undefined;
    if (values.mapping !== undefined) {
      try {
        mapping = await readFile(values.mapping);
      } catch (error) {
        throw new UsageError(`cannot read ${values.mapping}: ${(error as Error).message}`);
      }
    }
    const store = await openStore(readCliEnv(io.env));
    try {
      const wave = await store.waves.getByCode(values.study, values.wave);
      if (!wave) throw new UsageError(`study "${values.study}" has no wave "${values.wave}"`);
      let input: AsyncIterable<string | Buffer> | Iterable<string>;
      let separator = values.separator as ',' | ';' | undefined;
      if (from !== 'csv') {
        // a foreign file: converted to our CSV's columns, with the source codes the study keeps
        let file: Buffer;
        try {
          file = await readFile(positionals[0]);
        } catch (error) {
          throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
        }
        const converted = await convertResponses(from, await waveStudy(store, wave), file, { mapping });
        if (converted!.leftOut.length > 0)
          io.stderr.write(`left out (${from === 'mapped' ? 'ignored by the mapping' : `${RESPONSE_SOURCE_NAMES[from]} bookkeeping`}): ${converted!.leftOut.join(', ')}\n`);
        input = [converted!.csv];
        separator = ',';
      } else input = createReadStream(positionals[0], { encoding: 'utf8' });
      const result = await importResponsesCsv(store, wave, input, { separator, skipInvalid: values['skip-invalid'] });
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
