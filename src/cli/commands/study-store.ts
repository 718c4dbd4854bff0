import { readFile } from 'node:fs/promises';
import { inlineStudyLogo, isStudyFileFormat, storeStudyFile, STUDY_FILE_FORMATS } from '../../exchange/index.js';
import { openStore } from '../../store/index.js';
import { renderStudyDiff } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

function storeCommand(mode: 'add' | 'update'): CliCommand {
  return {
    ...commandText(`study ${mode}`),
    async run(args, io) {
      const { values, positionals } = parseArgs(args, { from: { type: 'string' }, id: { type: 'string' }, 'accept-losses': { type: 'boolean' } }, true);
      if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
      const format = values.from ?? 'native';
      if (!isStudyFileFormat(format)) throw new UsageError(`--from must be one of ${STUDY_FILE_FORMATS.join(', ')}`);
      const file = positionals[0];
      let text: string;
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
        text = format === 'xlsform' ? '' : new TextDecoder().decode(bytes);
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      if (format === 'native') {
        // a logo named by a path inside the file's folder is stored inlined
        const inlined = await inlineStudyLogo(text, file);
        if (!inlined.ok) {
          for (const e of inlined.errors) io.stderr.write(`${e.path}: ${e.message}\n`);
          io.stderr.write(`${file}: ${inlined.errors.length} error${inlined.errors.length > 1 ? 's' : ''}; nothing stored\n`);
          return 2;
        }
        text = inlined.text;
      }
      const store = await openStore(readCliEnv(io.env));
      try {
        const source = format === 'xlsform' ? { bytes } : { text };
        const outcome = await storeStudyFile(store, { ...source, format, mode, studyId: values.id, acceptLosses: values['accept-losses'] === true, userId: null, via: 'cli' });
        for (const w of outcome.warnings) io.stderr.write(`warning: ${w}\n`);
        switch (outcome.kind) {
          case 'invalid':
            for (const e of outcome.errors) io.stderr.write(`${e.path}: ${e.message}\n`);
            io.stderr.write(`${file}: ${outcome.errors.length} error${outcome.errors.length > 1 ? 's' : ''}; nothing stored\n`);
            return 2;
          case 'exists':
            io.stderr.write(
              `barometre study add: study ${outcome.studyId} is already stored (version ${outcome.latestVersion}); use \`barometre study update ${file}\` to store a new version\n`,
            );
            return 2;
          case 'missing':
            io.stderr.write(`barometre study update: study ${outcome.studyId} is not stored; use \`barometre study add ${file}\` to store it\n`);
            return 2;
          case 'unchanged':
            io.stdout.write(`unchanged: ${outcome.stored.studyId} version ${outcome.stored.version} is the same document; nothing stored\n`);
            return 0;
          case 'created': {
            io.stdout.write(`stored ${outcome.stored.studyId} version ${outcome.stored.version}${format === 'native' ? '' : ` (imported from ${format})`}\n`);
            if (outcome.previous) {
              io.stdout.write(`changes since version ${outcome.previous.version}:\n`);
              for (const line of renderStudyDiff(outcome.previous.diff).trimEnd().split('\n')) io.stdout.write(`  ${line}\n`);
            }
            return 0;
          }
        }
      } finally {
        await store.close();
      }
    },
  };
}

export const studyAddCommand = storeCommand('add');
export const studyUpdateCommand = storeCommand('update');
