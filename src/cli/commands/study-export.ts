import { BUILT_IN_STUDIES, validateStudy } from '../../study/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { parseArgs } from '../parse-args.js';

export const studyExportCommand: CliCommand = {
  name: 'study export',
  summary: 'print a built-in study as JSON (a starting point for a new study file)',
  help: `Usage: barometre study export ID

Prints the built-in study ID as a JSON document on stdout, with defaults filled in, ready to edit and to
check with \`barometre study validate\`. Built-in studies: ${BUILT_IN_STUDIES.map((s) => s.id).join(', ')}.`,
  async run(args, io) {
    const { positionals } = parseArgs(args, {}, true);
    if (positionals.length !== 1) throw new UsageError('expected exactly one study ID');
    const input = BUILT_IN_STUDIES.find((s) => s.id === positionals[0]);
    if (!input) throw new UsageError(`no built-in study "${positionals[0]}" (known: ${BUILT_IN_STUDIES.map((s) => s.id).join(', ')})`);
    const result = validateStudy(input);
    if (!result.ok) throw new Error(`built-in study ${input.id} is invalid: ${result.errors[0].path}: ${result.errors[0].message}`);
    io.stdout.write(JSON.stringify(result.study, null, 2) + '\n');
    return 0;
  },
};
