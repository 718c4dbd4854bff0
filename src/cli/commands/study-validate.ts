import { readFile } from 'node:fs/promises';
import { inlineStudyLogo } from '../../exchange/index.js';
import { contrastRatio, interfaceLanguageWarnings, MIN_TEXT_CONTRAST, studyBranding, validateStudy } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const studyValidateCommand: CliCommand = {
  ...commandText('study validate'),
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
    const inlined = await inlineStudyLogo(text, file);
    if (!inlined.ok) {
      for (const e of inlined.errors) io.stderr.write(`${e.path}: ${e.message}\n`);
      io.stderr.write(`${file}: ${inlined.errors.length} error${inlined.errors.length > 1 ? 's' : ''}\n`);
      return 2;
    }
    let document: unknown;
    try {
      document = JSON.parse(inlined.text);
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
    const { accentColor, logo } = studyBranding(result.study);
    if (accentColor)
      io.stdout.write(`branding: accent colour ${accentColor}, contrast ${contrastRatio(accentColor, '#ffffff').toFixed(1)}:1 against white (at least ${MIN_TEXT_CONTRAST}:1)\n`);
    if (logo) io.stdout.write(`branding: logo ${/^data:([^;]+);/.exec(logo)?.[1]}, ${Math.round((logo.length * 3) / 4 / 1000)} kB\n`);
    return 0;
  },
};
