import { PassThrough, Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';

/** Runs the CLI in this process, as `barometre ARGV` would, and captures its exit code and output. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  const code = await main(argv, { stdout: out, stderr: err, stdin: Readable.from(stdin === '' ? [] : [stdin]), env });
  return { code, stdout, stderr };
}
