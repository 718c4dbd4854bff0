// npm run test:faults [-- --respondents 10 --seed N]
//
// PostgreSQL comes and goes under a load of respondents. The real server (`barometre serve`) in a child
// process on a PostgreSQL cluster of its own, `<version> faults` on port 5499 (created when missing, started,
// stopped at the end: the machine's `main` cluster is never touched), while simulated respondents go through
// the open-link questionnaire and retry what got a 5xx or no answer with the same form. Three faults:
//   1. pg_terminate_backend on every session of the app (application_name barometre-faults-app);
//   2. `pg_ctlcluster <version> faults restart`;
//   3. `pg_ctlcluster <version> faults stop`, the database kept down for GAP_MS, then `start`.
// It must show: the process never dies (no refused connection, /healthz 200 at the end); no 500 at all;
// during the gap of fault 3 the questionnaire answers 503 with the "try again" page and /readyz 503; after each
// fault a respondent's page is served within 5 s and /readyz is 200 within 5 s; every acknowledged answer
// is then in the database exactly once (test/crash/verify.ts).
// Needs root and Debian's postgresql-common tools (pg_createcluster, pg_ctlcluster): CI has both. Without
// them it prints why and exits 0 (skipped). Exits 1 on failure. Every wait is bounded by a deadline.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { t } from '../../src/messages/index.js';
import { openStore } from '../../src/store/index.js';
import { seededRandom } from '../../src/stats/test-helpers.js';
import { runQuestionnaire, type Counters, type Questionnaire } from '../crash/respondent.js';
import { serverProcess } from '../crash/server-process.js';
import { verifyRun } from '../crash/verify.js';
import { openWave, STUDY } from '../respond/fieldwork.js';

const run = promisify(execFile);
const CLUSTER = 'faults';
const PORT = 5499;
const SOCKET_DIR = '/var/run/postgresql';
const DATABASE = 'barometre_faults';
const APP_NAME = 'barometre-faults-app';
const SECRET_KEY = 'faults-test-secret-0123456789abcdef-0123456789abcdef';
/** the app must serve again within this long after each fault ends */
const RECOVERY_MS = 5000;
/** how long fault 3 keeps the database down */
const GAP_MS = 3000;
/** load between faults */
const STEADY_MS = 6000;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
if (process.argv.includes('--help')) {
  console.log(`npm run test:faults [-- --respondents 10 --seed N]
  PostgreSQL terminated, restarted, stopped and started under load, on a cluster of its own ("faults", port
  ${PORT}); the app must answer 503 meanwhile, serve again within ${RECOVERY_MS / 1000} s, and keep every acknowledged answer.`);
  process.exit(0);
}
const respondents = Number(option('respondents') ?? 10);
const seed = Number(option('seed') ?? Math.floor(Math.random() * 2 ** 31));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`[faults] ${line}`);

/** The newest PostgreSQL version with Debian's cluster tools, or why the test cannot run here. */
function tooling(): { version: string } | { missing: string } {
  for (const tool of ['/usr/bin/pg_createcluster', '/usr/bin/pg_ctlcluster', '/usr/bin/pg_lsclusters']) if (!existsSync(tool)) return { missing: `${tool} is absent` };
  if (!existsSync('/usr/lib/postgresql')) return { missing: 'no PostgreSQL server is installed (/usr/lib/postgresql)' };
  if (process.getuid?.() !== 0) return { missing: 'pg_createcluster and pg_ctlcluster need root' };
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length > 0 ? { version: versions.at(-1)! } : { missing: 'no PostgreSQL version under /usr/lib/postgresql' };
}

const ctl = (version: string, action: 'start' | 'stop' | 'restart') => run('pg_ctlcluster', [version, CLUSTER, action], { timeout: 60_000 });

/** Creates the cluster when missing, starts it, makes the role root and an empty database. */
async function prepareCluster(version: string): Promise<string> {
  const { stdout } = await run('pg_lsclusters', ['--no-header'], { timeout: 30_000 });
  const line = stdout.split('\n').find((l) => l.split(/\s+/)[0] === version && l.split(/\s+/)[1] === CLUSTER);
  if (!line) {
    log(`creating cluster ${version} ${CLUSTER} on port ${PORT}`);
    await run('pg_createcluster', [version, CLUSTER, '--port', String(PORT)], { timeout: 120_000 });
  }
  if (!line || !/\bonline\b/.test(line)) await ctl(version, 'start');
  const asPostgres = (sql: string) => run('runuser', ['-u', 'postgres', '--', 'psql', '-h', SOCKET_DIR, '-p', String(PORT), '-d', 'postgres', '-tAc', sql], { timeout: 30_000 });
  const { stdout: hasRoot } = await asPostgres(`select 1 from pg_roles where rolname = 'root'`);
  if (hasRoot.trim() !== '1') await asPostgres('create role root superuser login');
  const admin = new pg.Client({ host: SOCKET_DIR, port: PORT, user: 'root', database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return `postgres://root@/${DATABASE}?host=${SOCKET_DIR}&port=${PORT}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** One GET with a deadline: its status and body, or status 0 when it got no answer. */
let probes = 0;
function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const n = probes++; // each probe from its own address, so that no rate limit counts them together
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: 5000, headers: { 'x-forwarded-for': `203.0.${(n >> 8) & 0xff}.${n & 0xff}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

interface Sample {
  readonly at: number;
  readonly status: number;
  readonly source: 'respondent' | 'readyz' | 'page';
}

async function main(): Promise<boolean> {
  const found = tooling();
  if ('missing' in found) {
    log(`skipped: ${found.missing}`);
    return true;
  }
  const { version } = found;
  const url = await prepareCluster(version);
  log(`PostgreSQL ${version}, cluster ${CLUSTER}, ${url}`);
  const setup = await openStore({ databaseUrl: url, dataDir: tmpdir() });
  const wave = await openWave(setup, 'faults');
  await setup.close();

  const dataDir = mkdtempSync(join(tmpdir(), 'barometre-faults-'));
  const port = await freePort();
  const server = serverProcess({
    DATA_DIR: dataDir,
    SECRET_KEY,
    HOST: '127.0.0.1',
    PORT: String(port),
    TRUST_PROXY: '127.0.0.1',
    DATABASE_URL: `${url}&application_name=${APP_NAME}`,
    DATABASE_CONNECT_TIMEOUT_MS: '2000',
  });
  await server.start();

  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const samples: Sample[] = [];
  const random = seededRandom(seed);
  const counters: Counters = { requests: 0, retries: 0, acknowledgedPages: 0 };
  const questionnaires: Questionnaire[] = [];
  const path = `/s/${STUDY.id}/${wave.code}`;
  let stop = false;
  let serial = 0;
  const worker = async (w: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    while (!stop) {
      const n = serial++;
      const address = `198.51.${(n >> 8) & 0xff}.${n & 0xff}`;
      const onReply = (status: number) => samples.push({ at: now(), status, source: 'respondent' });
      questionnaires.push(
        await runQuestionnaire({ study: STUDY, port: () => port, path, address, marker: `faults-${seed}-${w}-${n}`, counters, random, onReply }, agent, () => stop),
      );
    }
    agent.destroy();
  };
  // a load balancer's probe and a reader of the start page, every 200 ms
  const probe = async () => {
    while (!stop) {
      const [ready, page] = await Promise.all([get(port, '/readyz'), get(port, path)]);
      samples.push({ at: now(), status: ready.status, source: 'readyz' }, { at: now(), status: page.status, source: 'page' });
      if (page.status === 503 && !pageText) pageText = page.body;
      await sleep(200);
    }
  };
  let pageText = '';
  const workers = Array.from({ length: respondents }, (_, w) => worker(w));
  const probing = probe();

  const faults: { name: string; from: number; to: number }[] = [];
  const fault = async (name: string, act: () => Promise<unknown>) => {
    await sleep(STEADY_MS);
    const from = now();
    await act();
    faults.push({ name, from, to: now() });
    log(`${name}: ${Math.round(from)}–${Math.round(now())} ms`);
  };
  await fault('pg_terminate_backend on the app sessions', async () => {
    const admin = new pg.Client({ host: SOCKET_DIR, port: PORT, user: 'root', database: 'postgres' });
    await admin.connect();
    const { rows } = await admin.query<{ n: number }>(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1`, [APP_NAME]);
    await admin.end();
    log(`terminated ${rows[0]?.n} app session(s)`);
  });
  await fault(`pg_ctlcluster ${version} ${CLUSTER} restart`, () => ctl(version, 'restart'));
  let gap = { from: 0, to: 0 };
  await fault(`pg_ctlcluster ${version} ${CLUSTER} stop, ${GAP_MS} ms down, start`, async () => {
    await ctl(version, 'stop');
    gap = { from: now(), to: now() + GAP_MS };
    await sleep(GAP_MS);
    gap.to = now();
    await ctl(version, 'start');
  });
  await sleep(STEADY_MS);
  stop = true;
  await Promise.all([...workers, probing]);
  const health = await get(port, '/healthz');
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });

  const problems: string[] = [];
  const refused = samples.filter((s) => s.status === 0).length;
  if (refused > 0) problems.push(`${refused} request(s) got no answer: the server process died or hung`);
  if (health.status !== 200) problems.push(`/healthz answered ${health.status} at the end`);
  const errors500 = samples.filter((s) => s.status >= 500 && s.status !== 503);
  if (errors500.length > 0) problems.push(`${errors500.length} reply(ies) with a 5xx other than 503: ${[...new Set(errors500.map((s) => s.status))].join(', ')}`);
  const inGap = samples.filter((s) => s.at > gap.from + 500 && s.at < gap.to && s.source !== 'respondent');
  const gap503 = inGap.filter((s) => s.status === 503).length;
  if (gap503 === 0 || gap503 !== inGap.length) problems.push(`while the database was down: ${gap503} of ${inGap.length} probe replies were 503`);
  if (!pageText.includes(t('fr', 'error.database.text'))) problems.push('the 503 page does not say to try again');
  const recovery = faults.map((f) => {
    const firstPage = samples.find((s) => s.at > f.to && s.source === 'respondent' && s.status === 200);
    const firstReady = samples.find((s) => s.at > f.to && s.source === 'readyz' && s.status === 200);
    const pageMs = firstPage ? Math.round(firstPage.at - f.to) : Number.POSITIVE_INFINITY;
    const readyMs = firstReady ? Math.round(firstReady.at - f.to) : Number.POSITIVE_INFINITY;
    if (pageMs > RECOVERY_MS) problems.push(`${f.name}: no respondent page served within ${RECOVERY_MS} ms after (${pageMs})`);
    if (readyMs > RECOVERY_MS) problems.push(`${f.name}: /readyz not 200 within ${RECOVERY_MS} ms after (${readyMs})`);
    return {
      fault: f.name,
      servedAfterMs: pageMs,
      readyAfterMs: readyMs,
      status503: samples.filter((s) => s.at >= f.from && s.at <= f.to + RECOVERY_MS && s.status === 503).length,
    };
  });

  const verifier = await openStore({ databaseUrl: url, dataDir: tmpdir() });
  const verdict = await verifyRun(verifier, wave.id, questionnaires);
  await verifier.close();
  problems.push(...verdict.problems);
  if (verdict.integrity !== 'ok') problems.push(`integrity: ${verdict.integrity}`);
  if (verdict.acknowledgedResponses === 0) problems.push('no response was acknowledged: the load did not run');
  await ctl(version, 'stop'); // the cluster stays for the next run, stopped

  log(
    `${respondents} respondents for ${(now() / 1000).toFixed(1)} s: ${counters.requests} requests (${counters.retries} retries), ${counters.acknowledgedPages} pages acknowledged`,
  );
  for (const r of recovery) log(`${r.fault}: ${r.status503} replies 503 around it; a page served ${r.servedAfterMs} ms after, /readyz 200 ${r.readyAfterMs} ms after`);
  log(`during the ${GAP_MS} ms gap: ${gap503} of ${inGap.length} probe replies 503`);
  log(
    `responses acknowledged ${verdict.acknowledgedResponses} (${verdict.acknowledgedCompletes} complete), found exactly once as acknowledged ${verdict.found}; ${verdict.rowsInDatabase} rows; integrity ${verdict.integrity}`,
  );
  for (const problem of problems.slice(0, 15)) log(`PROBLEM ${problem}`);
  if (server.errors.length > 0) log(`server stderr (last lines): ${server.errors.slice(-3).join(' | ')}`);
  console.log(JSON.stringify({ test: 'faults', seed, respondents, recovery, gap503, gapProbes: inGap.length, ...verdict, problems: problems.length }));
  return problems.length === 0;
}

const ok = await main();
console.log(`\nfault test: ${ok ? 'passed' : 'FAILED'} (seed ${seed})`);
process.exitCode = ok ? 0 : 1;
