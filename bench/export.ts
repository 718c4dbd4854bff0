// Exports a wave of N demo responses (default 1,000,000) to SPSS .sav and to CSV, each in its own process,
// and prints the wall time, CPU time (user + system), peak memory (max RSS) and load average of each,
// ending with a JSON line. On a shared machine the CPU time is the steadier figure.
// Usage: npm run bench:export [-- N]; BENCH_EXPORT_DIR=dir keeps (or reuses) the generated database there.
// Goals: under 10 s and under 300 MB each.
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../src/demo/index.js';
import { exportWave, type ExportFormat } from '../src/exchange/index.js';
import { openStore } from '../src/store/index.js';

const GOAL_SECONDS = 10;
const GOAL_MB = 300;

if (process.argv[2] === '--child') {
  // one export, measured alone
  const [, , , format, dir, out] = process.argv;
  const store = await openStore({ dataDir: dir });
  const wave = (await store.waves.getByCode('social-media-barometer', '2015'))!;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await exportWave(store, wave, format as ExportFormat, { out: createWriteStream(out) });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await store.close();
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      rows: summary.rows,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      load: loadavg()[0],
    }) + '\n',
  );
  process.exit(0);
}

const n = Number(process.argv[2] ?? 1_000_000);
const kept = process.env.BENCH_EXPORT_DIR;
const dir = kept ?? mkdtempSync(join(tmpdir(), 'barometre-bench-export-'));
try {
  let generateSeconds = 0;
  if (!kept || !existsSync(join(dir, 'barometre.sqlite'))) {
    mkdirSync(dir, { recursive: true });
    const store = await openStore({ dataDir: dir });
    const t = performance.now();
    await generateDemo(store, {
      waves: [2015],
      n,
      onProgress: (_, done, total) => {
        if (process.stderr.isTTY) process.stderr.write(`\rgenerating ${done}/${total}`);
      },
    });
    process.stderr.write('\n');
    generateSeconds = (performance.now() - t) / 1000;
    await store.close();
  }
  console.log(`bench:export: ${n} responses generated in ${generateSeconds.toFixed(1)} s (SQLite, ${dir}; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)})`);
  const results: Record<string, { seconds: number; cpuSeconds: number; maxRssMb: number; megabytes: number; rows: number; load: number; ok: boolean }> = {};
  for (const format of ['sav', 'csv'] as const) {
    const out = join(dir, `wave.${format}`);
    const line = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', format, dir, out], { encoding: 'utf8' });
    const r = JSON.parse(line.trim().split('\n').at(-1)!);
    const megabytes = statSync(out).size / 1e6;
    rmSync(out, { force: true });
    const ok = r.seconds < GOAL_SECONDS && r.maxRssMb < GOAL_MB;
    results[format] = { seconds: r.seconds, cpuSeconds: r.cpuSeconds, maxRssMb: r.maxRssMb, megabytes, rows: r.rows, load: r.load, ok };
    console.log(
      `  ${format.padEnd(4)} ${r.rows} rows  ${r.seconds.toFixed(2)} s (CPU ${r.cpuSeconds.toFixed(2)} s)  peak ${r.maxRssMb.toFixed(0)} MB  file ${megabytes.toFixed(0)} MB  load ${r.load.toFixed(1)}  ${ok ? 'ok' : 'OVER GOAL'} (goal < ${GOAL_SECONDS} s, < ${GOAL_MB} MB)`,
    );
  }
  console.log(JSON.stringify({ bench: 'export', n, generateSeconds, goals: { seconds: GOAL_SECONDS, maxRssMb: GOAL_MB }, ...results }));
} finally {
  if (!kept) rmSync(dir, { recursive: true, force: true });
}
