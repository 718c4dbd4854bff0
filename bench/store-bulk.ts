// Measures the storage layer's bulk paths on a wave of N responses (default 1,000,000):
// insertMany (one transaction per 1,000 rows) and iteratePacked (streaming packed vectors), with the CPU time
// of each (on a shared machine it says more than wall time) and the load average.
// Usage: node --import tsx bench/store-bulk.ts [N]   (DATABASE_URL=postgres://… for PostgreSQL)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPostgresUrl, openStore, type BulkResponse } from '../src/store/index.js';
import { rawDatabase } from '../test/helpers/raw-database.js';

const N = Number(process.argv[2] ?? 1_000_000);
const QUESTIONS = 40;
const dir = mkdtempSync(join(tmpdir(), 'barometre-bench-'));
const store = await openStore({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });

const { studyVersion } = await store.studies.saveVersion(`bench-${Date.now()}`, { pages: [] });
const wave = await store.waves.create({ studyId: studyVersion.studyId, code: 'bench', studyVersionId: studyVersion.id, title: 'bench' });

// a seeded LCG so runs compare
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

function* rows(): Generator<BulkResponse> {
  for (let i = 0; i < N; i++) {
    const answers: Record<string, number | string> = {};
    const packed = new Uint8Array(QUESTIONS * 2);
    for (let q = 0; q < QUESTIONS; q++) {
      const code = 1 + Math.floor(rand() * 5);
      answers[`q${q}`] = code;
      packed[q * 2] = code;
    }
    answers.comment = 'Nous publions surtout sur LinkedIn.';
    yield {
      waveId: wave.id,
      status: 'complete',
      answers,
      packed,
      startedAt: '2015-03-01T08:00:00.000Z',
      completedAt: '2015-03-01T08:10:00.000Z',
      durationMs: 600_000,
      source: 'demo',
    };
  }
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return ((user + system) / 1e6).toFixed(1);
};
const loadBefore = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
let t = performance.now();
let cpu = process.cpuUsage();
await store.responses.insertMany(rows(), { batchSize: 1000 });
const insertSeconds = (performance.now() - t) / 1000;
const insertCpu = cpuSeconds(cpu);

t = performance.now();
cpu = process.cpuUsage();
let count = 0;
let checksum = 0;
for await (const row of store.responses.iteratePacked(wave.id, { status: 'complete' })) {
  count++;
  checksum += row.packed![0];
}
const readSeconds = (performance.now() - t) / 1000;
const readCpu = cpuSeconds(cpu);

console.log(`store-bulk [${isPostgresUrl(process.env.DATABASE_URL) ? 'postgres' : 'sqlite'}] N=${N} questions=${QUESTIONS}`);
console.log(`  insertMany     ${insertSeconds.toFixed(1)} s  (${Math.round(N / insertSeconds)} rows/s), CPU ${insertCpu} s`);
console.log(`  iteratePacked  ${readSeconds.toFixed(2)} s  (${Math.round(count / readSeconds)} rows/s, checksum ${checksum}), CPU ${readCpu} s`);
console.log(
  `  load average   ${loadBefore} before, ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} after`,
);
// leave a shared PostgreSQL database as it was (no repository deletes waves or study versions)
await rawDatabase(store).deleteFrom('waves').where('id', '=', wave.id).execute();
await rawDatabase(store).deleteFrom('studyVersions').where('id', '=', studyVersion.id).execute();
await store.close();
rmSync(dir, { recursive: true, force: true });
