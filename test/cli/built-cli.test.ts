import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { logicScript } from '../../src/server/routes/respond/logic-script.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** Runs `node FILE ARGS` and returns its exit code and output, whatever the code. */
async function node(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [file, ...args], { cwd, env: { PATH: process.env.PATH } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// The compiled CLI as `npm ci` builds it (scripts/build.js), in a folder of its own outside the repository:
// the bin beside dist/, and at first no node_modules, so that `--help` proves it imports no package at all
// (not the server, the store, pdfkit or vega).
describe('the built barometre command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-built-'));
  const bin = join(dir, 'bin/barometre.js');
  before(async () => {
    await run(process.execPath, [join(ROOT, 'scripts/build.js'), join(dir, 'dist')]);
    mkdirSync(join(dir, 'bin'));
    cpSync(join(ROOT, 'bin/barometre.js'), bin);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every command on --help, with no package installed', async () => {
    const result = await node(bin, ['--help'], dir);
    assert.equal(result.code, 0, result.stderr);
    for (const entry of COMMANDS) assert.ok(result.stdout.includes(`  ${entry.name.padEnd(22)} ${entry.summary}`), `lists "${entry.name}"`);
  });

  it('prints a command’s help with exit 0 and refuses an unknown command with exit 2, with no package installed', async () => {
    const stats = await node(bin, ['stats', '--help'], dir);
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal(stats.stdout, `${COMMANDS.find((c) => c.name === 'stats')?.help.trimEnd()}\n`);
    const unknown = await node(bin, ['frobnicate'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('runs a command from dist/, the packages installed', async () => {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const exported = await node(bin, ['study', 'export', 'social-media-barometer'], dir);
    assert.equal(exported.code, 0, exported.stderr);
    writeFileSync(join(dir, 'study.json'), exported.stdout);
    const valid = await node(bin, ['study', 'validate', 'study.json'], dir);
    assert.equal(valid.code, 0, valid.stderr);
    assert.match(valid.stdout, /^ok: social-media-barometer/);
    const broken = await node(bin, ['study', 'validate', 'missing.json'], dir);
    assert.equal(broken.code, 2);
  });

  it('ships the respondent page’s display logic transpiled by the build, as the server transpiles it', () => {
    assert.equal(readFileSync(join(dir, 'dist/server/routes/respond/logic-script.prebuilt.txt'), 'utf8'), logicScript());
  });

  it('refuses, with exit 1 and the file’s name, a dist/ older than a source file', async () => {
    mkdirSync(join(dir, 'src/stats'), { recursive: true });
    const source = join(dir, 'src/stats/mean.ts');
    writeFileSync(source, 'export {};\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    const stale = await node(bin, ['--help'], dir);
    assert.equal(stale.code, 1);
    assert.equal(stale.stdout, '');
    assert.match(stale.stderr, /dist\/ is older than src\/stats\/mean\.ts: run `npm run build`/);
    const earlier = new Date(Date.now() - 3_600_000);
    utimesSync(source, earlier, earlier);
    assert.equal((await node(bin, ['--help'], dir)).code, 0, 'a source older than the build is fine');
  });

  it('refuses, with exit 1, to run without dist/', async () => {
    rmSync(join(dir, 'dist'), { recursive: true });
    const missing = await node(bin, ['--help'], dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /dist\/ is missing .*: run `npm run build`/);
  });
});
