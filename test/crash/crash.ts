// npm run test:crash [-- --seconds 60 --respondents 50 --kills 3 --databases sqlite,postgres --seed N]
//
// The real server in a child process (`barometre serve`), 50 concurrent simulated respondents through the
// open-link questionnaire, and the server killed with SIGKILL at three random moments and restarted at
// once. Respondents retry what got no answer with the same form (the same page-submission id). Afterwards
// every acknowledged response must be in the database exactly once with its acknowledged answers (complete
// when its finish was acknowledged), and the database sound (SQLite: PRAGMA integrity_check). Runs on
// SQLite, and on PostgreSQL when DATABASE_URL / TEST_DATABASES say so (test/helpers/databases.ts).
//
// Negative control: BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1 in the environment is passed to the server, with
// NODE_ENV=test (the server's configuration refuses the variable otherwise), which then answers pages before
// committing them; this test must then fail. `--expect-loss` inverts the exit
// code for that run (CI runs it to show the test can fail).
// Prints the figures (requests, kills, acknowledged, found) and one JSON line per database; exits 1 on failure.
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { TEST_DATABASES, openTestStore, type TestDatabase } from '../helpers/databases.js';
import { openWave, STUDY } from '../respond/fieldwork.js';
import { runQuestionnaire, type Counters, type Questionnaire } from './respondent.js';
import { serverProcess } from './server-process.js';
import { verifyRun } from './verify.js';
import { seededRandom } from '../../src/stats/test-helpers.js';

const SECRET_KEY = 'crash-test-secret-0123456789abcdef-0123456789abcdef';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
if (process.argv.includes('--help')) {
  console.log(`npm run test:crash [-- --seconds 60 --respondents 50 --kills 3 --databases sqlite,postgres --seed N]
  The server in a child process, killed with SIGKILL --kills times under --respondents retrying respondents;
  every acknowledged answer must then be stored exactly once. Exits 1 on failure.
BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT=1 npm run test:crash -- --expect-loss
  Negative control: the server (started with NODE_ENV=test, without which it refuses that variable) answers
  before committing; --expect-loss exits 0 only when the test detects the lost answers.`);
  process.exit(0);
}
const seconds = Number(option('seconds') ?? 60);
const respondents = Number(option('respondents') ?? 50);
const kills = Number(option('kills') ?? 3);
const expectLoss = process.argv.includes('--expect-loss');
const unsafe = process.env.BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT === '1';
const databases: readonly TestDatabase[] = option('databases')
  ? TEST_DATABASES.length > 1 || option('databases') === 'sqlite'
    ? TEST_DATABASES.filter((d) => option('databases')!.split(',').includes(d.name))
    : option('databases')!
        .split(',')
        .map((name) => (name === 'postgres' ? { name, url: 'postgres://root@/barometre_test?host=/var/run/postgresql' } : { name: 'sqlite' as const }))
  : TEST_DATABASES;

/** mulberry32: the kill moments and answers are reproducible with --seed. */
const prng = seededRandom;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** `count` moments in (10 %, 90 %) of the run, at least 15 % of it apart. */
function killMoments(random: () => number, count: number, totalMs: number): number[] {
  for (;;) {
    const moments = Array.from({ length: count }, () => totalMs * (0.1 + 0.8 * random())).sort((a, b) => a - b);
    if (moments.every((m, i) => i === 0 || m - moments[i - 1]! >= totalMs * 0.15)) return moments.map(Math.round);
  }
}

async function runOn(database: TestDatabase, seed: number): Promise<boolean> {
  const random = prng(seed);
  const store = await openTestStore(database);
  const wave = await openWave(store, 'crash');
  const dataDir = store.options.databaseUrl ? mkdtempSync(join(tmpdir(), 'barometre-crash-')) : store.options.dataDir;
  const port = await freePort();
  const server = serverProcess({
    DATA_DIR: dataDir,
    SECRET_KEY,
    HOST: '127.0.0.1',
    PORT: String(port),
    TRUST_PROXY: '127.0.0.1',
    ...(store.options.databaseUrl ? { DATABASE_URL: store.options.databaseUrl } : {}),
    // the server's configuration honours this test-only variable under NODE_ENV=test only
    ...(unsafe ? { BAROMETRE_UNSAFE_ACK_BEFORE_COMMIT: '1', NODE_ENV: 'test' } : {}),
  });
  const started = performance.now();
  await server.start();

  const counters: Counters = { requests: 0, retries: 0, acknowledgedPages: 0 };
  const questionnaires: Questionnaire[] = [];
  const path = `/s/${STUDY.id}/${wave.code}`;
  let stop = false;
  let serial = 0;
  const worker = async (w: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (!stop) {
      const n = serial++;
      const address = `198.${18 + (n >> 16)}.${(n >> 8) & 0xff}.${n & 0xff}`;
      const marker = `crash-${seed}-${w}-${n}`;
      questionnaires.push(await runQuestionnaire({ study: STUDY, port: () => port, path, address, marker, counters, random }, agent, () => stop));
    }
    agent.destroy();
  };

  const totalMs = seconds * 1000;
  const moments = killMoments(random, kills, totalMs);
  const t0 = performance.now();
  const workers = Array.from({ length: respondents }, (_, w) => worker(w));
  const downtimes: number[] = [];
  for (const moment of moments) {
    await new Promise((r) => setTimeout(r, Math.max(0, moment - (performance.now() - t0))));
    const down = performance.now();
    await server.kill();
    await server.start();
    downtimes.push(Math.round(performance.now() - down));
  }
  await new Promise((r) => setTimeout(r, Math.max(0, totalMs - (performance.now() - t0))));
  stop = true;
  await Promise.all(workers);
  await server.stop();

  const verdict = await verifyRun(store, wave.id, questionnaires, store.options.databaseUrl ? undefined : join(dataDir, 'barometre.sqlite'));
  await store.close();
  if (store.options.databaseUrl) rmSync(dataDir, { recursive: true, force: true });
  const ok = verdict.problems.length === 0 && verdict.integrity === 'ok';
  const figures = {
    test: 'crash',
    database: database.name,
    unsafeAckBeforeCommit: unsafe,
    seed,
    respondents,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
    requestsSent: counters.requests,
    retries: counters.retries,
    kills: moments.length,
    killAtMs: moments,
    restartMs: downtimes,
    acknowledgedPages: counters.acknowledgedPages,
    acknowledgedResponses: verdict.acknowledgedResponses,
    acknowledgedCompletes: verdict.acknowledgedCompletes,
    found: verdict.found,
    foundComplete: verdict.foundComplete,
    rowsInDatabase: verdict.rowsInDatabase,
    integrity: verdict.integrity,
    problems: verdict.problems.length,
    ok,
    wallSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
  console.log(
    `\n[${database.name}] ${respondents} respondents for ${figures.seconds} s, ${moments.length} SIGKILLs at ${moments.map((m) => (m / 1000).toFixed(1)).join(', ')} s (restarts took ${downtimes.join(', ')} ms)${unsafe ? ', UNSAFE: acknowledging before the commit' : ''}`,
  );
  console.log(`[${database.name}] requests sent ${counters.requests} (${counters.retries} retries), pages acknowledged ${counters.acknowledgedPages}`);
  console.log(
    `[${database.name}] responses acknowledged ${verdict.acknowledgedResponses} (${verdict.acknowledgedCompletes} complete), found exactly once as acknowledged ${verdict.found} (${verdict.foundComplete} complete); ${verdict.rowsInDatabase} rows in the database`,
  );
  console.log(`[${database.name}] integrity: ${verdict.integrity}`);
  for (const problem of verdict.problems.slice(0, 10)) console.log(`[${database.name}] PROBLEM ${problem}`);
  if (verdict.problems.length > 10) console.log(`[${database.name}] … ${verdict.problems.length - 10} more problems`);
  if (server.errors.length > 0) console.log(`[${database.name}] server stderr (last lines): ${server.errors.slice(-3).join(' | ')}`);
  console.log(JSON.stringify(figures));
  return ok;
}

const seed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));
let allOk = true;
for (const database of databases) allOk = (await runOn(database, seed)) && allOk;
const verdict = expectLoss ? !allOk : allOk;
console.log(
  expectLoss
    ? `\nnegative control (--expect-loss): ${allOk ? 'NOT DETECTED: the test passed although the server acknowledged before committing' : 'detected: the test failed, as it must'}`
    : `\ncrash test: ${allOk ? 'passed' : 'FAILED'} (seed ${seed})`,
);
process.exitCode = verdict ? 0 : 1;
