import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { serveCommand } from '../../src/cli/commands/serve.js';
import { startCommand } from '../../src/cli/commands/start.js';
import { PREPARE_HOOKS } from '../../src/cli/start-hooks.js';
import type { CliCommand } from '../../src/cli/command.js';
import { pollUntil } from '../helpers/poll-until.js';

function captureIo(env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  return { io: { stdout, stderr, stdin: new PassThrough(), env }, out: () => out, err: () => err };
}

async function runUntilServing(command: CliCommand, dataDir: string) {
  const { io, out, err } = captureIo({ DATA_DIR: dataDir });
  const exit = command.run(['--port', '0', '--host', '127.0.0.1'], io);
  const url = await pollUntil('the "serving http://…" line on stdout', () => /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out())?.[1]);
  return { exit, url, out, err };
}

describe('barometre serve', () => {
  it('migrates, serves the home page on a socket and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barometre-serve-'));
    try {
      const { exit, url, out } = await runUntilServing(serveCommand, dir);
      const res = await fetch(url);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /<html lang="fr">/);
      assert.ok(existsSync(join(dir, 'barometre.sqlite')));
      assert.ok(existsSync(join(dir, 'secret.key')));
      process.emit('SIGTERM', 'SIGTERM');
      assert.equal(await exit, 0);
      assert.match(out(), /SIGTERM: stopping/);
      assert.match(out(), /"route":"\/","status":200,"ms":\d+,"msg":"request"/);
      await assert.rejects(fetch(url));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a bad port as bad input naming the variable', async () => {
    const { io } = captureIo({ DATA_DIR: '/nonexistent-never-created' });
    await assert.rejects(serveCommand.run(['--port', 'abc'], io), /PORT: expected a number/);
  });
});

describe('barometre start', () => {
  it('installs the built-in studies and their demo waves on an empty database, then runs later hooks, before serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barometre-start-'));
    const seen: string[] = [];
    const hook = async (store: Parameters<(typeof PREPARE_HOOKS)[number]>[0], { log }: { log: (l: string) => void }) => {
      const studies = await store.studies.list();
      seen.push(`studies:${studies.map((s) => s.studyId).join(',')} waves:${(await store.waves.list()).length}`);
      log('prepared the test hook');
    };
    PREPARE_HOOKS.push(hook);
    let stopped = false;
    try {
      const { exit, url, out } = await runUntilServing(startCommand, dir);
      try {
        assert.deepEqual(seen, ['studies:energy-mobility-barometer,social-media-barometer waves:7']);
        assert.match(out(), /prepared the test hook[\s\S]*serving/);
        assert.equal((await fetch(url)).status, 200);
      } finally {
        process.emit('SIGINT', 'SIGINT');
        assert.equal(await exit, 0);
        stopped = true;
      }
    } finally {
      PREPARE_HOOKS.splice(PREPARE_HOOKS.indexOf(hook), 1);
      if (stopped) rmSync(dir, { recursive: true, force: true });
    }
  });
});
