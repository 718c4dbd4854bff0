// Exports a wave of N demo responses (default 1,000,000) to SPSS .sav and to CSV, each in its own process,
// and prints the time and peak memory (max RSS) of each, ending with a JSON line.
// Usage: npm run bench:export [-- N]
// Goals: under 10 s and under 300 MB each.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  const started = performance.now();
  const summary = await exportWave(store, wave, format as ExportFormat, { out: createWriteStream(out) });
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  process.stdout.write(JSON.stringify({ seconds, rows: summary.rows, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}

const n = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'barometre-bench-export-'));
try {
  const store = await openStore({ dataDir: dir });
  let t = performance.now();
  await generateDemo(store, { waves: [2015], n, onProgress: (_, done, total) => process.stderr.write(`\rgenerating ${done}/${total}`) });
  process.stderr.write('\n');
  const generateSeconds = (performance.now() - t) / 1000;
  await store.close();
  console.log(`bench:export: ${n} responses generated in ${generateSeconds.toFixed(1)} s (SQLite, ${dir})`);
  const results: Record<string, { seconds: number; maxRssMb: number; megabytes: number; rows: number; ok: boolean }> = {};
  for (const format of ['sav', 'csv'] as const) {
    const out = join(dir, `wave.${format}`);
    const line = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', format, dir, out], { encoding: 'utf8' });
    const r = JSON.parse(line.trim().split('\n').at(-1)!);
    const megabytes = statSync(out).size / 1e6;
    const ok = r.seconds < GOAL_SECONDS && r.maxRssMb < GOAL_MB;
    results[format] = { seconds: r.seconds, maxRssMb: r.maxRssMb, megabytes, rows: r.rows, ok };
    console.log(
      `  ${format.padEnd(4)} ${r.rows} rows  ${r.seconds.toFixed(2)} s  peak ${r.maxRssMb.toFixed(0)} MB  file ${megabytes.toFixed(0)} MB  ${ok ? 'ok' : 'OVER GOAL'} (goal < ${GOAL_SECONDS} s, < ${GOAL_MB} MB)`,
    );
  }
  console.log(JSON.stringify({ bench: 'export', n, generateSeconds, goals: { seconds: GOAL_SECONDS, maxRssMb: GOAL_MB }, ...results }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
