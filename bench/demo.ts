// Benchmark of the demo generator on SQLite: `node --import tsx bench/demo.ts [N]` (default 1,000,000).
// Prints the throughput every 100,000 rows, the wall and CPU time and the peak resident memory.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../src/demo/index.js';
import { openStore } from '../src/store/index.js';

const n = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'barometre-bench-demo-'));
const store = await openStore({ dataDir: dir });
const start = performance.now();
const cpuStart = process.cpuUsage();
let last = start;
let lastRows = 0;
const result = await generateDemo(store, {
  waves: [2015], n, seed: 7,
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
console.log(JSON.stringify({
  n, seconds: Number(seconds.toFixed(1)), cpuUserSeconds: Number((cpu.user / 1e6).toFixed(1)), cpuSystemSeconds: Number((cpu.system / 1e6).toFixed(1)),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), databaseMiB: Math.round(size / 2 ** 20), summary: result.waves[0].summary,
}));
