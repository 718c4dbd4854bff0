import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { EXPORT_FORMATS, exportWave, type ExportFormat, type ExportTarget } from '../../exchange/index.js';
import { openStore } from '../../store/index.js';
import { ZLanguageTag } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { createProgress } from '../progress.js';
import { commandText } from './command-texts.js';

export const exportCommand: CliCommand = {
  ...commandText('export'),
  async run(args, io) {
    const { values } = parseArgs(args, {
      study: { type: 'string' },
      wave: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      responses: { type: 'string', default: 'kept' },
      labels: { type: 'boolean', default: false },
      codes: { type: 'string', default: 'storage' },
      separator: { type: 'string', default: ',' },
      bom: { type: 'boolean', default: false },
      lang: { type: 'string' },
      'include-identifying': { type: 'boolean', default: false },
    });
    if (!values.study || !values.wave || !values.format || !values.out) throw new UsageError('--study, --wave, --format and --out are required');
    const format = values.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (${EXPORT_FORMATS.join(', ')})`);
    if (values.responses !== 'kept' && values.responses !== 'all') throw new UsageError('--responses is kept or all');
    if (values.separator !== ',' && values.separator !== ';') throw new UsageError('--separator is , or ;');
    if (values.codes !== 'storage' && values.codes !== 'source') throw new UsageError('--codes is storage or source');
    if (values.lang !== undefined && !ZLanguageTag.safeParse(values.lang).success) throw new UsageError('--lang is a language tag such as fr, en or de');
    const store = await openStore(readCliEnv(io.env));
    try {
      const wave = await store.waves.getByCode(values.study, values.wave);
      if (!wave) throw new UsageError(`study "${values.study}" has no wave "${values.wave}"`);
      const total = await store.responses.count(wave.id, values.responses === 'all' ? {} : { status: 'complete', includeExcluded: false });
      const progress = createProgress(io.stderr, `export ${format}`, total);
      const out = values.out;
      const dataFile = out.replace(/\.[^./]*$/, '') + '.dat';
      const target: ExportTarget =
        format === 'triple-s' ? { metadata: createWriteStream(out), data: createWriteStream(dataFile), dataFile: basename(dataFile) } : { out: createWriteStream(out) };
      const summary = await exportWave(store, wave, format, target, {
        responses: values.responses,
        labels: values.labels,
        codes: values.codes,
        separator: values.separator,
        bom: values.bom,
        lang: values.lang,
        includeIdentifying: values['include-identifying'],
        codebookFormat: out.endsWith('.md') ? 'markdown' : 'csv',
        onProgress: (n) => progress.tick(n),
      });
      progress.done();
      io.stdout.write(
        `${format}: ${summary.rows} responses, ${summary.variables} variables${summary.weighted ? ', weighted' : ''} -> ${out}` +
          (format === 'triple-s' ? ` and ${dataFile}` : '') +
          '\n',
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
