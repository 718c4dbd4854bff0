/**
 * The real server in a child process, as production runs it: `node --import tsx src/cli/main.ts serve`.
 * `start()` waits for its "is serving" line; `kill()` sends SIGKILL (no cleanup, no graceful close) and
 * waits for the process to be gone; `stop()` sends SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  start(): Promise<number>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  /** lines the server wrote on stderr (errors) */
  readonly errors: string[];
}

export function serverProcess(env: Readonly<Record<string, string>>): ServerProcess {
  let child: ChildProcess | undefined;
  const errors: string[] = [];
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

  return {
    errors,
    start() {
      const c = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'Europe/Paris', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      c.stderr!.on('data', (chunk: Buffer) => errors.push(...chunk.toString().split('\n').filter(Boolean)));
      return new Promise<number>((resolve, reject) => {
        let out = '';
        const onData = (chunk: Buffer) => {
          out += chunk.toString();
          const m = /is serving http:\/\/[^:]+:(\d+)\//.exec(out);
          if (m) {
            c.stdout!.off('data', onData);
            c.stdout!.resume(); // request logs: drained, not kept
            resolve(Number(m[1]));
          } else if (out.length > 100_000) out = out.slice(-1000);
        };
        c.stdout!.on('data', onData);
        c.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before serving: ${errors.slice(-5).join(' | ')}`)));
      });
    },
    async kill() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (!child) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
