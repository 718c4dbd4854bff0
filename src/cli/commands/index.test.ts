import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { runCli } from '../../../test/helpers/run-cli.js';
import type { CliCommand } from '../command.js';
import { COMMANDS } from './index.js';

const isCommand = (value: unknown): value is CliCommand =>
  typeof value === 'object' && value !== null && typeof (value as CliCommand).name === 'string' && typeof (value as CliCommand).run === 'function';

/** Every `CliCommand` exported by a module of this folder, with the file that exports it. */
async function moduleCommands(): Promise<{ file: string; command: CliCommand }[]> {
  const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
  assert.ok(files.length >= 15, `expected the command modules in src/cli/commands/, found ${files.length}`);
  const found = [];
  for (const file of files) {
    const exports = (await import(`./${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    for (const value of Object.values(exports)) if (isCommand(value)) found.push({ file, command: value });
  }
  return found;
}

describe('the CLI command table', () => {
  it('lists every command module once, with the module’s own summary and help text', async () => {
    const modules = await moduleCommands();
    assert.ok(modules.length >= COMMANDS.length, 'every table entry has its module');
    for (const { file, command } of modules) {
      const entries = COMMANDS.filter((e) => e.name === command.name);
      assert.equal(entries.length, 1, `${file} exports "${command.name}": add it to COMMANDS in src/cli/commands/index.ts, once`);
      assert.equal(entries[0].summary, command.summary, `the summary of "${command.name}" differs between ${file} and the table`);
      assert.equal(entries[0].help, command.help, `the help text of "${command.name}" differs between ${file} and the table: copy it`);
    }
    assert.equal(new Set(COMMANDS.map((e) => e.name)).size, COMMANDS.length, 'no name twice in the table');
  });

  it('loads, for each entry, the command of that name', async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      assert.equal(command.name, entry.name);
      assert.equal(typeof command.run, 'function');
    }
  });

  it('prints every command’s help with exit 0, and names every command in the list', async () => {
    const list = await runCli(['--help']);
    assert.equal(list.code, 0);
    for (const entry of COMMANDS) {
      assert.ok(list.stdout.includes(`  ${entry.name.padEnd(22)} ${entry.summary}`), `barometre --help lists "${entry.name}"`);
      const help = await runCli([...entry.name.split(' '), '--help']);
      assert.equal(help.code, 0, `barometre ${entry.name} --help`);
      assert.equal(help.stdout, `${entry.help.trimEnd()}\n`);
      assert.equal(help.stderr, '');
    }
  });

  it('exits 2 with the list on stderr for no command, an unknown one, or a group name alone', async () => {
    for (const argv of [[], ['frobnicate'], ['study']]) {
      const result = await runCli(argv);
      assert.equal(result.code, 2, `barometre ${argv.join(' ')}`);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /barometre/);
    }
    const group = await runCli(['study', '--help']);
    assert.equal(group.code, 0);
    assert.match(group.stdout, /barometre study validate/);
  });
});
