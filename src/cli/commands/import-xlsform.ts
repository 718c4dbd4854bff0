import { readFile, writeFile } from 'node:fs/promises';
import { importXlsForm, type QuestionnaireImport } from '../../exchange/index.js';
import { printLosses } from './import-questionnaire.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

/** Prints an import's warnings, its losses grouped by construct (as the other importers do), then its errors, on stderr. */
function printImportReport(result: QuestionnaireImport, io: CliIo): void {
  for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
  printLosses(result, (text) => io.stderr.write(text));
  for (const e of result.errors) io.stderr.write(`error: ${e.path}: ${e.message}\n`);
}

export const importXlsformCommand: CliCommand = {
  ...commandText('import xlsform'),
  async run(args, io) {
    const { values, positionals } = parseArgs(args, { id: { type: 'string' }, out: { type: 'string' }, 'accept-losses': { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE.xlsx');
    let bytes: Uint8Array;
    try {
      bytes = await readFile(positionals[0]);
    } catch (error) {
      throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
    }
    let result: QuestionnaireImport;
    try {
      result = await importXlsForm(bytes, { studyId: values.id, acceptLosses: values['accept-losses'] === true });
    } catch (error) {
      throw new UsageError(`${positionals[0]}: ${(error as Error).message}`);
    }
    printImportReport(result, io);
    const json = JSON.stringify(result.study ?? result.document, null, 2) + '\n';
    if (values.out) await writeFile(values.out, json, 'utf8');
    else io.stdout.write(json);
    return result.ok ? 0 : 1;
  },
};
