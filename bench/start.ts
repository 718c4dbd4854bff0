// Benchmark of start-up: `npm run bench:start` (run `npm run build` first: it measures the built bin).
// Prints, for the compiled `barometre` command (bin/barometre.js -> dist/): `barometre --help` and
// `barometre stats --help` (median of RUNS runs: wall time, CPU time, peak RSS), then `barometre start` until
// the first HTTP 200 on GET / on an existing SQLite database (created once in a temp folder by a first
// start, which stores the built-in studies and generates the demo; then the median of RESTARTS restarts), and
// one `npm start` the same way (npm's own start-up included). CPU time and peak RSS come from the child
// itself (process.resourceUsage() at exit, through a preloaded one-liner), and the load average is printed
// beside: wall times on a shared machine move with its load, CPU times much less. Last, one JSON line of the
// figures. Goals (issue 22): --help under 0.3 s, serving under 3 s.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/barometre.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
/** Written by each child at exit (the preload below): its CPU times (µs) and peak RSS (kB). */
const USAGE_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { try { writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(process.resourceUsage())); } catch {} });",
)}`;

interface Measure {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
}

const dir = mkdtempSync(join(tmpdir(), 'barometre-bench-start-'));
const dataDir = join(dir, 'data');
const usageFile = join(dir, 'usage.json');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = (measures: Measure[]): Measure => ({
  wallMs: median(measures.map((m) => m.wallMs)),
  cpuMs: median(measures.map((m) => m.cpuMs)),
  maxRssMb: median(measures.map((m) => m.maxRssMb)),
});
const show = (m: Measure) => `${m.wallMs.toFixed(0)} ms wall, ${m.cpuMs.toFixed(0)} ms CPU, ${m.maxRssMb.toFixed(0)} MB peak RSS`;

function childEnv(port: number): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BENCH_USAGE_FILE: usageFile, NODE_OPTIONS: `--import=${USAGE_PRELOAD}` };
}

/** The usage the last child wrote at its exit (NaN when it wrote none: killed before its exit handlers). */
function readUsage(): { cpuMs: number; maxRssMb: number } {
  if (!existsSync(usageFile)) return { cpuMs: Number.NaN, maxRssMb: Number.NaN };
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage;
  rmSync(usageFile);
  return { cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMb: usage.maxRSS / 1024 };
}

/** Runs `node bin/barometre.js ARGS` to its end. */
async function runBin(args: string[]): Promise<Measure> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(0), stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`barometre ${args.join(' ')} exited with ${code} (is dist/ built? npm run build)`);
  return { wallMs, ...readUsage() };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function untilClosed(port: number): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const open = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (!open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server on port ${port} is still answering 30 s after SIGTERM`);
}

/** Starts `command args` (its own process group), polls GET / until a 200, stops it with SIGTERM. */
async function serveOnce(command: string, args: string[], deadlineMs: number): Promise<Measure> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env: childEnv(port), stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let wallMs = Number.NaN;
  try {
    for (;;) {
      if (performance.now() - started > deadlineMs) throw new Error(`${command} ${args.join(' ')}: no HTTP 200 within ${deadlineMs} ms`);
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode} before serving`);
      const ok = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5000) }).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) {
        wallMs = performance.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await untilClosed(port); // npm may exit before its child has closed the server and the database
  }
  return { wallMs, ...readUsage() };
}

try {
  const load = loadavg()[0];
  const help: Measure[] = [];
  const statsHelp: Measure[] = [];
  for (let k = 0; k < RUNS; k++) {
    help.push(await runBin(['--help']));
    statsHelp.push(await runBin(['stats', '--help']));
  }
  console.log(`barometre --help (median of ${RUNS}): ${show(summary(help))}`);
  console.log(`barometre stats --help (median of ${RUNS}): ${show(summary(statsHelp))}`);

  const first = await serveOnce(process.execPath, [BIN, 'start'], 600_000);
  console.log(`barometre start on an empty database (stores the studies, generates the demo): ${show(first)} to the first 200`);
  const restarts: Measure[] = [];
  for (let k = 0; k < RESTARTS; k++) restarts.push(await serveOnce(process.execPath, [BIN, 'start'], 60_000));
  console.log(`barometre start on that database (median of ${RESTARTS}): ${show(summary(restarts))} to the first 200 (CPU and RSS to its exit)`);
  const npmStart = await serveOnce('npm', ['start', '--silent'], 60_000);
  console.log(`npm start on that database: ${npmStart.wallMs.toFixed(0)} ms wall to the first 200 (npm's own start-up included; CPU of npm not counted)`);
  console.log(`load average ${load.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);
  console.log(
    JSON.stringify({
      bench: 'start',
      help: summary(help),
      statsHelp: summary(statsHelp),
      firstStart: first,
      restart: summary(restarts),
      npmStartWallMs: npmStart.wallMs,
      loadAverage: load,
    }),
  );
} finally {
  // npm's child may still be closing its database when npm has exited
  rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
}
