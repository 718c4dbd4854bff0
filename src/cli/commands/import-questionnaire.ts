import { readFile, writeFile } from 'node:fs/promises';
import { importLss, importSurveyJs, type QuestionnaireImport } from '../../exchange/index.js';
import { groupLosses, type QuestionnaireImportOptions } from '../../exchange/questionnaire-import.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

/** The losses of an import on stderr, grouped by construct, those that change who sees what marked. */
export function printLosses(result: QuestionnaireImport, write: (text: string) => void): void {
  for (const [construct, losses] of groupLosses(result.losses)) {
    const changes = losses.some((l) => l.changesWhoSees);
    write(`lost: ${construct} (${losses.length})${changes ? ', changes who sees what' : ''}\n`);
    for (const l of losses) write(`  ${l.where}: ${l.effect}\n`);
  }
}

function questionnaireCommand(name: string, read: (text: string, options: QuestionnaireImportOptions) => QuestionnaireImport): CliCommand {
  return {
    ...commandText(`import ${name}`),
    async run(args, io) {
      const { values, positionals } = parseArgs(args, { id: { type: 'string' }, out: { type: 'string' }, 'accept-losses': { type: 'boolean' } }, true);
      if (positionals.length !== 1) throw new UsageError('expected exactly one file');
      let result: QuestionnaireImport;
      try {
        result = read(await readFile(positionals[0], 'utf8'), { studyId: values.id, acceptLosses: values['accept-losses'] === true });
      } catch (error) {
        throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
      }
      for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
      printLosses(result, (text) => io.stderr.write(text));
      for (const e of result.errors) io.stderr.write(`error: ${e.path}: ${e.message}\n`);
      const json = JSON.stringify(result.study ?? result.document, null, 2) + '\n';
      if (values.out) await writeFile(values.out, json, 'utf8');
      else io.stdout.write(json);
      return result.ok ? 0 : 1;
    },
  };
}

export const importLimesurveyCommand = questionnaireCommand('limesurvey', (text, options) => importLss(text, options));
export const importSurveyjsCommand = questionnaireCommand('surveyjs', (text, options) => importSurveyJs(text, options));
