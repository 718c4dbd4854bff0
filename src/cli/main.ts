import { UsageError, type CliCommandEntry, type CliIo } from './command.js';
import { COMMANDS } from './commands/index.js';

const USAGE = `Usage: barometre <command> [options]

Runs survey barometers: questionnaire, fieldwork, statistics, publication.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(22)} ${c.summary}`).join('\n')}

Run \`barometre <command> --help\` for a command's options.
Environment: PORT (3000), DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL; SQLite otherwise).`;

/** Finds the longest command name that prefixes argv. */
function findCommand(argv: string[]): { command: CliCommandEntry; rest: string[] } | undefined {
  let best: { command: CliCommandEntry; rest: string[] } | undefined;
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.command.name.split(' ').length)) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.stderr : io.stdout).write(USAGE + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    // a group name alone ("db", "study") lists its sub-commands
    const group = COMMANDS.filter((c) => c.name.startsWith(argv[0] + ' '));
    if (group.length > 0) {
      const list = group.map((c) => `  barometre ${c.name.padEnd(22)} ${c.summary}`).join('\n');
      const wantsHelp = argv[1] === '--help' || argv[1] === '-h';
      (wantsHelp ? io.stdout : io.stderr).write(`Commands of "${argv[0]}":\n${list}\n`);
      return wantsHelp ? 0 : 2;
    }
    io.stderr.write(`barometre: unknown command "${argv[0]}"\n\n${USAGE}\n`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.trimEnd() + '\n');
    return 0;
  }
  try {
    // the command's module (and what it imports) loads only now: --help above needs none of it
    return await (await command.load()).run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`barometre ${command.name}: ${error.message}\nRun \`barometre ${command.name} --help\` for usage.\n`);
      return 2;
    }
    const e = error as { code?: string; message?: string };
    if (e && (e.code === 'INVALID_INPUT' || e.code === 'NOT_FOUND')) {
      io.stderr.write(`barometre ${command.name}: ${e.message}\n`);
      return 2;
    }
    io.stderr.write(`barometre ${command.name}: ${e?.message ?? String(error)}\n`);
    return 1;
  }
}

// run as a program: `node --import tsx src/cli/main.ts`, `node dist/cli/main.js` or bin/barometre.js
const isEntry = process.argv[1] && /(?:main\.[jt]s|barometre(?:\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  });
  process.exitCode = code;
}
