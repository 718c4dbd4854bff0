// Benchmark of the generic demo generator on SQLite: `node --import tsx bench/demo-generic.ts [N] [STUDY]`
// (default 100,000 responses of energy-mobility-barometer, one wave). Prints the wall and CPU time, the
// rows per second and the load average before and after: on a shared machine, CPU time says more than wall time.
//
// On the 2-core development machine shared with other jobs (load average 21–22): 20,000 responses, every one
// validated, in 16.4 s wall but 3.1 s CPU (2.7 user, 0.4 system), 184 MiB peak: about 0.15 ms of CPU a response.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStudyDemo } from '../src/demo/index.js';
import { openStore } from '../src/store/index.js';

const n = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const studyId = process.argv.slice(2).find((a) => !/^\d+$/.test(a)) ?? 'energy-mobility-barometer';
const dir = mkdtempSync(join(tmpdir(), 'barometre-bench-generic-'));
const store = await openStore({ dataDir: dir });
const loadBefore = loadavg().map((l) => Number(l.toFixed(2)));
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = await generateStudyDemo(store, studyId, { waves: ['T1-2026'], n, secretKey: 'bench-secret-of-at-least-32-bytes-0123456789' });
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    studyId,
    n,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(n / seconds),
    cpuUserSeconds: Number((cpu.user / 1e6).toFixed(1)),
    cpuSystemSeconds: Number((cpu.system / 1e6).toFixed(1)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    loadBefore,
    loadAfter: loadavg().map((l) => Number(l.toFixed(2))),
    summary: result.waves[0].summary,
  }),
);
