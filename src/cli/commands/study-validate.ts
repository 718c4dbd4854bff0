import { readFile } from 'node:fs/promises';
import { interfaceLanguageWarnings, validateStudy } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';

export const studyValidateCommand: CliCommand = {
  name: 'study validate',
  summary: 'check a study file (JSON) and list every error with its path',
  help: `Usage: barometre study validate FILE.json

Checks a study document: its shape, every label in French and English, unique variable names and option
codes, display conditions on earlier questions only, indicators on existing questions and codes.

Prints "ok" and exits 0 when the study is valid, with a warning on stderr for each study language that
has no interface catalogue (its interface words fall back to English); otherwise prints each error as
  pages[2].questions[4].options[3].code: duplicate code 3
on stderr and exits 2.`,
  async run(args, io) {
    const { positionals } = parseArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one FILE');
    const file = positionals[0];
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.stderr.write(`barometre study validate: cannot read ${file}: ${(error as Error).message}\n`);
      return 2;
    }
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      io.stderr.write(`${file}: not valid JSON: ${(error as Error).message}\n`);
      return 2;
    }
    const result = validateStudy(document);
    if (!result.ok) {
      for (const e of result.errors) io.stderr.write(`${e.path}: ${e.message}\n`);
      io.stderr.write(`${file}: ${result.errors.length} error${result.errors.length > 1 ? 's' : ''}\n`);
      return 2;
    }
    for (const warning of interfaceLanguageWarnings(result.study)) io.stderr.write(`warning: ${warning}\n`);
    const questions = result.study.pages.reduce((n, p) => n + p.questions.length, 0);
    io.stdout.write(
      `ok: ${result.study.id} version ${result.study.version}, ${result.study.pages.length} pages, ${questions} questions, ${result.study.indicators.length} indicators\n`,
    );
    return 0;
  },
};
