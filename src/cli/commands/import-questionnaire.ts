import { readFile, writeFile } from 'node:fs/promises';
import { importLss, importSurveyJs, type QuestionnaireImport } from '../../exchange/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';

function questionnaireCommand(name: string, format: string, read: (text: string, studyId?: string) => QuestionnaireImport): CliCommand {
  return {
    name: `import ${name}`,
    summary: `convert a ${format} questionnaire into a study file (constructs left out are listed)`,
    help: `Usage: barometre import ${name} FILE [--id STUDY-ID] [--out STUDY.json]

Converts a ${format} questionnaire into a Baromètre study document (the common subset: question kinds,
options, display conditions that map), checks it with the study validator, and writes it as JSON on
stdout or to --out. Every construct left out is printed as a warning on stderr; labels missing in French
or English are copied from the other language (with a warning), and the privacy notice is a placeholder
to write before fieldwork.

To store it in the database in one step instead: \`barometre study add FILE --from ${name}\`.

Exit status: 0 valid study, 1 the study has errors (the document is still written, to fix by hand), 2 bad
usage or an unreadable file.`,
    async run(args, io) {
      const { values, positionals } = parseArgs(args, { id: { type: 'string' }, out: { type: 'string' } }, true);
      if (positionals.length !== 1) throw new UsageError('expected exactly one file');
      let result: QuestionnaireImport;
      try {
        result = read(await readFile(positionals[0], 'utf8'), values.id);
      } catch (error) {
        throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
      }
      for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
      for (const e of result.errors) io.stderr.write(`error: ${e.path}: ${e.message}\n`);
      const json = JSON.stringify(result.study ?? result.document, null, 2) + '\n';
      if (values.out) await writeFile(values.out, json, 'utf8');
      else io.stdout.write(json);
      return result.ok ? 0 : 1;
    },
  };
}

export const importLimesurveyCommand = questionnaireCommand('limesurvey', 'LimeSurvey .lss', (text, id) => importLss(text, { studyId: id }));
export const importSurveyjsCommand = questionnaireCommand('surveyjs', 'SurveyJS JSON', (text, id) => importSurveyJs(text, { studyId: id }));
