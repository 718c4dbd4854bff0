// Benchmark of the demo generator on SQLite: `node --import tsx bench/demo.ts [N] [--inline]` (default 1,000,000;
// --inline generates on the main thread instead of a worker). Prints the throughput every 100,000 rows, then the
// wall and CPU time (all threads), the peak resident memory and the load average before and after: on a shared
// machine, CPU time says more than wall time.
//
// `barometre demo generate --waves 2015 --n 1000000` on the 2-core development machine, shared with other jobs
// (/usr/bin/time -v; CPU = user + system of all threads):
//   before (one row per INSERT, 1,000-page checkpoints, generation on the main thread):
//     105 s wall at load 5.8–8.7, 46.6 s CPU, 501 MiB peak
//   after (64 rows per INSERT, 10,000-page checkpoints during the load, generation in a worker thread):
//     21.9 s wall at load 1.9–2.3, 28–38 s wall at load 2–5; 33–39 s CPU; 415–570 MiB peak (the CLI alone
//     holds about 230 MiB: every command is loaded). This bench: 21 s wall, 33 s CPU, 394 MiB (--inline: 33 s, 36 s, 310 MiB).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../src/demo/index.js';
import { openStore } from '../src/store/index.js';

const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const inWorker = !process.argv.includes('--inline');
const dir = mkdtempSync(join(tmpdir(), 'barometre-bench-demo-'));
const store = await openStore({ dataDir: dir });
const loadBefore = loadavg().map((l) => Number(l.toFixed(2)));
const start = performance.now();
const cpuStart = process.cpuUsage();
let last = start;
let lastRows = 0;
const result = await generateDemo(store, {
  waves: [2015],
  n,
  seed: 7,
  inWorker,
  onProgress: (_year, inserted) => {
    if (inserted - lastRows < 100_000 && inserted < n) return;
    const now = performance.now();
    process.stdout.write(`${String(inserted).padStart(9)} rows  ${Math.round(((inserted - lastRows) / (now - last)) * 1000)} rows/s\n`);
    last = now;
    lastRows = inserted;
  },
});
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
await store.close();
const size = statSync(join(dir, 'barometre.sqlite')).size;
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    n,
    inWorker,
    seconds: Number(seconds.toFixed(1)),
    cpuUserSeconds: Number((cpu.user / 1e6).toFixed(1)),
    cpuSystemSeconds: Number((cpu.system / 1e6).toFixed(1)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    databaseMiB: Math.round(size / 2 ** 20),
    loadBefore,
    loadAfter: loadavg().map((l) => Number(l.toFixed(2))),
    summary: result.waves[0].summary,
  }),
);
