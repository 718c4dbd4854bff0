import { readFile } from 'node:fs/promises';
import { isStudyFileFormat, storeStudyFile, STUDY_FILE_FORMATS } from '../../exchange/index.js';
import { openStore } from '../../store/index.js';
import { renderStudyDiff } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';

const FORMATS_HELP = `--from native (default) reads a Baromètre study document (JSON); --from limesurvey converts a LimeSurvey
.lss questionnaire and --from surveyjs a SurveyJS survey JSON on the way in, with the importers of
\`barometre import limesurvey|surveyjs\` (constructs left out are printed as warnings on stderr). --id
STUDY-ID names the study of an import (its title gives one otherwise); a native file must carry that id.`;

const VERSION_HELP = `The version number is the database's: the file's own "version" field is ignored and replaced by the
number the version is stored under, so a stored document always carries its version. A file identical
to the latest version (apart from that number) stores nothing and prints "unchanged" (exit 0).
Stored versions never change: waves keep the version they were opened with.`;

function storeCommand(mode: 'add' | 'update'): CliCommand {
  return {
    name: `study ${mode}`,
    summary: mode === 'add' ? 'store a new study from a file (native JSON, LimeSurvey .lss, SurveyJS)' : 'store a new version of a stored study from a file, and list what changed',
    help: `Usage: barometre study ${mode} FILE [--from native|limesurvey|surveyjs] [--id STUDY-ID]

${
  mode === 'add'
    ? 'Stores the study of FILE in the database as its version 1. A study whose id is already stored is\nrefused (exit 2): use `barometre study update FILE` to store a new version of it.'
    : 'Stores FILE as the next version of a stored study and prints what changed since the previous version\n(pages and questions added, removed, moved or reworded, options, languages, cuts, margins, indicators).\nA study that is not stored yet is refused (exit 2): use `barometre study add FILE`.'
}

The file is validated first: on any error, each is printed with its path on stderr, as
  pages[2].questions[4].options[3].code: duplicate code 3
nothing is stored, and the exit status is 2.

${FORMATS_HELP}

${VERSION_HELP}

The audit log records the change (study, version, format). Exit status: 0 stored or unchanged, 2 bad usage
or an invalid file, 1 another failure.
Environment: DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`,
    async run(args, io) {
      const { values, positionals } = parseArgs(args, { from: { type: 'string' }, id: { type: 'string' } }, true);
      if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
      const format = values.from ?? 'native';
      if (!isStudyFileFormat(format)) throw new UsageError(`--from must be one of ${STUDY_FILE_FORMATS.join(', ')}`);
      const file = positionals[0];
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
      }
      const store = await openStore(readCliEnv(io.env));
      try {
        const outcome = await storeStudyFile(store, { text, format, mode, studyId: values.id, userId: null, via: 'cli' });
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
