// `barometre stats` as a whole process beside R (issue 21), run by `npm run bench:stats` after the engine's
// figures, or alone: `node --import tsx bench/stats-cli.ts`.
// For CSVs of 10,000, 100,000 and 1,000,000 rows (BENCH_CLI_SIZES=10000,100000 to choose), the job of
// stats-cli-data.ts (raking on 3 margins, 13 proportions overall and by region: 26 cases) is timed as one
// `barometre stats` process, from dist/cli/main.js when it exists (the compiled CLI), else through tsx
// (bin/barometre.js); BENCH_CLI_ENTRY=file.js runs another entry. The same job runs in R (survey) when
// Rscript and survey are installed; both CPU and wall times are printed with their ratio, and every estimate
// and standard error is compared with R's, in order (1e-9 relative). Exits 1 when a result differs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeStatsCliJob } from './stats-cli-data.js';

const TOLERANCE = 1e-9;

interface Timed {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  readonly stdout: string;
}

/** Runs a process to its end; CPU (user + system, children included) and peak memory from /usr/bin/time. */
function timed(command: string, args: readonly string[]): Timed {
  const useTime = existsSync('/usr/bin/time');
  const start = performance.now();
  const run = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const last = useTime ? run.stderr.trim().split('\n').pop()!.split(' ').map(Number) : [NaN, NaN, NaN];
  return { wallMs, cpuMs: (last[0] + last[1]) * 1000, maxRssMB: last[2] / 1024, stdout: run.stdout };
}

/** The CLI entry: BENCH_CLI_ENTRY, else the compiled dist/cli/main.js, else bin/barometre.js (tsx). */
function cliEntry(root: string): { file: string; label: string } {
  if (process.env.BENCH_CLI_ENTRY) return { file: process.env.BENCH_CLI_ENTRY, label: `${process.env.BENCH_CLI_ENTRY} (BENCH_CLI_ENTRY)` };
  const compiled = join(root, 'dist/cli/main.js');
  if (existsSync(compiled)) return { file: compiled, label: 'dist/cli/main.js (compiled)' };
  return { file: join(root, 'bin/barometre.js'), label: 'bin/barometre.js (TypeScript through tsx: run `npm run build` for the compiled CLI)' };
}

/** Largest relative difference of ours against R's, value by value in the same order. */
function compare(ours: readonly number[], r: readonly number[]): { count: number; worstEstimate: number; worstSe: number } {
  if (ours.length !== r.length) throw new Error(`barometre stats gave ${ours.length} values, R ${r.length}`);
  let worstEstimate = 0,
    worstSe = 0;
  ours.forEach((v, k) => {
    const d = Math.abs(v - r[k]) / Math.max(Math.abs(r[k]), 1e-300);
    if (k % 2 === 0) worstEstimate = Math.max(worstEstimate, d);
    else worstSe = Math.max(worstSe, d);
  });
  return { count: ours.length, worstEstimate, worstSe };
}

export async function runStatsCliBench(): Promise<boolean> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'bench-stats-cli-'));
  const entry = cliEntry(root);
  const hasR = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey))'], { stdio: 'ignore' }).status === 0;
  const sizes = (process.env.BENCH_CLI_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  process.stdout.write(`barometre stats as a whole process, entry ${entry.label}\n`);
  const all: Record<string, Record<string, number>> = {};
  let equal = true;
  for (const n of sizes) {
    const job = writeStatsCliJob(dir, n);
    const ours = timed(process.execPath, [entry.file, 'stats', job.cases]);
    const figures: Record<string, number> = { wallMs: Math.round(ours.wallMs), cpuMs: Math.round(ours.cpuMs), maxRssMB: Math.round(ours.maxRssMB) };
    const values = (JSON.parse(ours.stdout) as { cases: { result: { estimate: number; se: number }[] }[] }).cases.flatMap((c) => c.result.flatMap((x) => [x.estimate, x.se]));
    let line = `  ${n.toLocaleString('en').padStart(9)} rows, 26 cases: ours ${figures.cpuMs} ms cpu, ${figures.wallMs} ms wall, ${figures.maxRssMB} MB`;
    if (hasR) {
      const r = timed('Rscript', [job.rScript]);
      figures.rCpuMs = Math.round(r.cpuMs);
      figures.rWallMs = Math.round(r.wallMs);
      figures.cpuRatio = Math.round((r.cpuMs / ours.cpuMs) * 10) / 10;
      figures.wallRatio = Math.round((r.wallMs / ours.wallMs) * 10) / 10;
      const diff = compare(values, r.stdout.trim().split('\n').map(Number));
      figures.worstRelativeDifferenceEstimate = diff.worstEstimate;
      figures.worstRelativeDifferenceSe = diff.worstSe;
      const same = diff.worstEstimate <= TOLERANCE && diff.worstSe <= TOLERANCE;
      equal &&= same;
      line += ` | R ${figures.rCpuMs} ms cpu, ${figures.rWallMs} ms wall | R/ours ${figures.cpuRatio}× cpu, ${figures.wallRatio}× wall`;
      line += ` | ${diff.count} values, largest relative difference ${diff.worstEstimate.toExponential(1)} (estimates), ${diff.worstSe.toExponential(1)} (SE): ${same ? 'equal' : `DIFFERENT (over ${TOLERANCE})`}`;
    } else line += ' | Rscript with survey not installed: no comparison';
    process.stdout.write(line + '\n');
    all[String(n)] = figures;
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ bench: 'stats-cli', entry: entry.label, figures: all }) + '\n');
  return equal;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!(await runStatsCliBench())) process.exitCode = 1;
}
