import { readFile, writeFile } from 'node:fs/promises';
import { importLss, importSurveyJs, importXlsForm, type QuestionnaireImport } from '../../exchange/index.js';
import { groupLosses, type QuestionnaireImportOptions } from '../../exchange/questionnaire-import.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

/** The losses of an import on stderr, grouped by construct, those that change who sees what marked. */
function printLosses(result: QuestionnaireImport, write: (text: string) => void): void {
  for (const [construct, losses] of groupLosses(result.losses)) {
    const changes = losses.some((l) => l.changesWhoSees);
    write(`lost: ${construct} (${losses.length})${changes ? ', changes who sees what' : ''}\n`);
    for (const l of losses) write(`  ${l.where}: ${l.effect}\n`);
  }
}

/** An importer of a questionnaire file, given the file's bytes (a text format decodes them itself). */
type ReadQuestionnaire = (bytes: Buffer, options: QuestionnaireImportOptions) => QuestionnaireImport | Promise<QuestionnaireImport>;

/** An importer of a text format (UTF-8). */
const fromText =
  (read: (text: string, options: QuestionnaireImportOptions) => QuestionnaireImport): ReadQuestionnaire =>
  (bytes, options) =>
    read(bytes.toString('utf8'), options);

/**
 * `barometre import NAME FILE [--id] [--out] [--accept-losses]`: the study on stdout or in --out; warnings,
 * losses and errors on stderr; exit 1 when the import is refused, 2 when the file cannot be read or converted.
 */
function questionnaireCommand(name: string, read: ReadQuestionnaire, file = 'file'): CliCommand {
  return {
    ...commandText(`import ${name}`),
    async run(args, io) {
      const { values, positionals } = parseArgs(args, { id: { type: 'string' }, out: { type: 'string' }, 'accept-losses': { type: 'boolean' } }, true);
      if (positionals.length !== 1) throw new UsageError(`expected exactly one ${file}`);
      let result: QuestionnaireImport;
      try {
        result = await read(await readFile(positionals[0]), { studyId: values.id, acceptLosses: values['accept-losses'] === true });
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

export const importLimesurveyCommand = questionnaireCommand('limesurvey', fromText(importLss));
export const importSurveyjsCommand = questionnaireCommand('surveyjs', fromText(importSurveyJs));
/** XLSForm is a binary .xlsx workbook: its importer reads the bytes. */
export const importXlsformCommand = questionnaireCommand('xlsform', importXlsForm, 'FILE.xlsx');
