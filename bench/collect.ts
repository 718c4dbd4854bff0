// Simulated respondents through the whole questionnaire over HTTP on 127.0.0.1, on SQLite.
// The server runs in its own process (a child started with --serve), so it does not share an event
// loop with the load generator. It runs as in production behind a reverse proxy (TRUST_PROXY=127.0.0.1):
// each simulated respondent keeps one connection, and every questionnaire comes from its own client
// address (X-Forwarded-For), so the per-address rate limits apply as they would to real respondents.
// The load generator shares the machine with the server: it uses a lean HTTP/1.1 client (RawConnection),
// and prints its own CPU time per request next to the server's, so the two can be told apart.
// Usage: npm run bench:collect -- [--respondents 50] [--seconds 20] [--server-processes 1] [--node-http-client] [--database-url postgres://…]
//   --database-url URL     PostgreSQL instead of SQLite: a fresh database is created on that server (and dropped
//                          after); the statements and transactions per questionnaire are counted and printed
//   --server-processes N   the server as a node cluster of N workers on the same SQLite file
//   --node-http-client     Node's http client instead of the lean one (about twice its CPU per request)
//   BENCH_SERVER_FLAGS     node flags for the server process, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'
// Prints completed questionnaires per second, page latency p50 / p99, the server's and the load
// generator's CPU time per request and the load average, then one JSON line.
import { spawn } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import pg from 'pg';
import { isPostgresUrl, openStore } from '../src/store/index.js';
import { RawConnection, type RawReply } from './raw-connection.js';
import { BUILT_IN_STUDIES, isVisible, otherKey, validateStudy, type Answers, type Question } from '../src/study/index.js';

const SECRET_KEY = 'bench-secret-key-0123456789abcdef-0123456789abcdef';

function textOption(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** PostgreSQL: statements sent by this process (every pg client's query calls), for the per-questionnaire count. */
let statementsSent = 0;
function countStatements(): void {
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statementsSent++;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/** The same PostgreSQL URL naming another database. */
function withDatabase(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
}

async function adminQuery<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/**
 * The server process: the real app on the prepared database. With --server-processes N > 1, a node
 * cluster: N workers, each with its own app and SQLite connection to the same file (WAL, busy timeout),
 * sharing the listening port; the primary only hands out connections and adds up the workers' CPU time.
 */
async function serve(): Promise<void> {
  const dataDir = process.argv[process.argv.indexOf('--serve') + 1]!;
  const processes = option('server-processes', 1);
  const databaseUrl = textOption('database-url');
  if (databaseUrl) countStatements();
  const cpuReply = () => ({ cpu: process.cpuUsage(), statements: statementsSent });
  process.on('disconnect', () => process.exit(0)); // the parent is gone (killed mid-run): do not stay behind
  if (processes > 1 && cluster.isPrimary) {
    const workers = Array.from({ length: processes }, () => cluster.fork());
    const ports = await Promise.all(workers.map((w) => new Promise<number>((resolve) => w.on('message', (m: { port?: number }) => m.port !== undefined && resolve(m.port)))));
    process.stdout.write(`PORT ${ports[0]}\n`);
    const workerCpu = (w: Worker) =>
      new Promise<number>((resolve) => {
        const onMessage = (m: { cpu?: NodeJS.CpuUsage }) => {
          if (!m.cpu) return;
          w.off('message', onMessage);
          resolve(m.cpu.user + m.cpu.system);
        };
        w.on('message', onMessage);
        w.send('cpu');
      });
    process.on('message', (m) => {
      if (m !== 'cpu') return;
      void Promise.all(workers.map(workerCpu)).then((times) => {
        const own = process.cpuUsage();
        process.send!({ cpu: { user: own.user + times.reduce((a, b) => a + b, 0), system: own.system } });
      });
    });
    process.on('SIGTERM', () => {
      for (const w of workers) w.process.kill('SIGTERM');
      void Promise.all(workers.map((w) => new Promise((r) => (w.isDead() ? r(null) : w.once('exit', r))))).then(() => process.exit(0));
    });
    return;
  }
  const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY, HOST: '127.0.0.1', PORT: '0', TRUST_PROXY: '127.0.0.1' });
  const store = await openStore({ dataDir, databaseUrl });
  const app = await createApp({ store, config });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (cluster.isWorker) process.send!({ port });
  else process.stdout.write(`PORT ${port}\n`);
  // the parent (or the cluster's primary) asks for this process's CPU time at the start and the end of the measured window
  process.on('message', (m) => {
    if (m === 'cpu') process.send!(cpuReply());
  });
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => store.close())
        .then(() => process.exit(0)),
  );
}

async function main(): Promise<void> {
  const respondents = option('respondents', 50);
  const seconds = option('seconds', 20);
  const serverProcesses = option('server-processes', 1);
  const clientKind = process.argv.includes('--node-http-client') ? 'node' : 'raw';
  const validated = validateStudy(BUILT_IN_STUDIES[0]);
  if (!validated.ok) throw new Error('built-in study invalid');
  const study = validated.study;

  const dataDir = mkdtempSync(join(tmpdir(), 'barometre-bench-collect-'));
  const adminUrl = textOption('database-url');
  if (adminUrl !== undefined && !isPostgresUrl(adminUrl)) throw new Error('--database-url: expected a postgres:// URL');
  const benchDatabase = `barometre_bench_${process.pid}`;
  const databaseUrl = adminUrl && withDatabase(adminUrl, benchDatabase);
  if (adminUrl) await adminQuery(adminUrl, `create database ${benchDatabase}`);
  const store = await openStore({ dataDir, databaseUrl });
  const { studyVersion } = await store.studies.saveVersion(study.id, study as never);
  const wave = await store.waves.create({ studyId: study.id, code: 'bench', studyVersionId: studyVersion.id, title: 'Bench', status: 'fieldwork' });
  await store.close();

  const server = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--serve',
      dataDir,
      '--server-processes',
      String(serverProcesses),
      ...(databaseUrl ? ['--database-url', databaseUrl] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  let serverStatements = 0;
  /** The server's CPU time so far (user + system, microseconds); keeps its count of PostgreSQL statements. */
  const serverCpu = () =>
    new Promise<number>((resolve) => {
      server.once('message', (m: { cpu: NodeJS.CpuUsage; statements?: number }) => {
        serverStatements = m.statements ?? 0;
        resolve(m.cpu.user + m.cpu.system);
      });
      server.send('cpu');
    });
  /** PostgreSQL: committed transactions of the bench database so far (pg_stat_database; updated about every second). */
  const commits = async () =>
    databaseUrl ? Number((await adminQuery<{ n: string }>(databaseUrl, `select xact_commit as n from pg_stat_database where datname = current_database()`))[0]?.n) : 0;
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });

  const path = `/s/${study.id}/${wave.code}`;
  const latencies: number[] = [];
  const firstLatencies: number[] = [];
  let completed = 0;
  let failures = 0;
  let measuring = false;
  let stop = false;
  let addressCounter = 0;
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

  /** A new client address per questionnaire (198.18.0.0/15, the benchmarking range, then 10/8). */
  function nextAddress(): string {
    const n = addressCounter++;
    return n < 1 << 17 ? `198.${18 + (n >> 16)}.${(n >> 8) & 0xff}.${n & 0xff}` : `10.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${n & 0xff}`;
  }

  /** Random valid answers to a page's visible questions, as form fields. */
  function answerPage(pageIndex: number, answers: Answers): [string, string][] {
    const fields: [string, string][] = [];
    for (const q of study.pages[pageIndex]!.questions as Question[]) {
      if (!isVisible(q, answers)) continue;
      switch (q.kind) {
        case 'consent':
          answers[q.name] = true;
          fields.push([q.name, 'yes']);
          break;
        case 'single': {
          const code = pick(q.options).code;
          answers[q.name] = code;
          fields.push([q.name, String(code)]);
          break;
        }
        case 'scale': {
          const code = pick(q.points).code;
          answers[q.name] = code;
          fields.push([q.name, String(code)]);
          break;
        }
        case 'matrix':
          for (const item of q.items) {
            const code = pick(q.points).code;
            answers[item.name] = code;
            fields.push([item.name, String(code)]);
          }
          break;
        case 'multiple': {
          const choices = q.options.filter((o) => !q.exclusive.includes(o.code));
          const n = 1 + Math.floor(rand() * Math.min(3, q.maxSelections ?? 3));
          const codes = [...new Set(Array.from({ length: n }, () => pick(choices).code))];
          answers[q.name] = codes;
          for (const c of codes) fields.push([q.name, String(c)]);
          if (q.other && rand() < 0.1) {
            fields.push([q.name, String(q.other.code)], [otherKey(q.name), 'Mastodon']);
          }
          break;
        }
        case 'number': {
          const value = Math.round((q.min ?? 0) + rand() * Math.min(10, (q.max ?? 10) - (q.min ?? 0)));
          answers[q.name] = value;
          fields.push([q.name, String(value)]);
          break;
        }
        case 'text':
          if (rand() < 0.3) fields.push([q.name, 'Une remarque sur le questionnaire.']);
          break;
      }
    }
    return fields;
  }

  interface Reply {
    status: number;
    body: string;
    location?: string;
  }

  /** One simulated respondent's connection: Node's http client, or the lean one (the default, see RawConnection). */
  interface Connection {
    send(method: 'GET' | 'POST', url: string, headers: string, payload?: string): Promise<RawReply>;
    close(): void;
  }

  function nodeConnection(): Connection {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    return {
      send: (method, url, headers, payload) =>
        new Promise((resolve, reject) => {
          const lines = headers
            .split('\r\n')
            .filter(Boolean)
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]);
          const req = http.request({ host: '127.0.0.1', port, method, path: url, agent, headers: Object.fromEntries(lines) }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, setCookies: res.headers['set-cookie'] ?? [], body: Buffer.concat(chunks).toString(), location: res.headers.location }),
            );
          });
          req.on('error', reject);
          req.end(payload);
        }),
      close: () => agent.destroy(),
    };
  }

  function request(connection: Connection, client: string, cookies: Map<string, string>, method: 'GET' | 'POST', url: string, form?: [string, string][]): Promise<Reply> {
    const payload = form ? new URLSearchParams(form).toString() : undefined;
    let headers = `X-Forwarded-For: ${client}\r\n`;
    if (cookies.size > 0) headers += `Cookie: ${[...cookies].map(([k, v]) => `${k}=${v}`).join('; ')}\r\n`;
    if (payload !== undefined) headers += `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n`;
    const started = performance.now();
    return connection.send(method, url, headers, payload).then((res) => {
      if (measuring) {
        latencies.push(performance.now() - started);
        if (cookies.size === 0) firstLatencies.push(performance.now() - started);
      }
      for (const c of res.setCookies) {
        const end = c.indexOf(';');
        const pair = end < 0 ? c : c.slice(0, end);
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      return { status: res.status, body: res.body, location: res.location };
    });
  }

  const hidden = (body: string) => [...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m): [string, string] => [m[1]!, m[2]!]);
  const action = (body: string) => /<form method="post" action="([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, '&');

  /** One respondent: start page, every page, the review, the thanks page. */
  async function questionnaire(agent: Connection): Promise<boolean> {
    const client = nextAddress();
    const cookies = new Map<string, string>();
    const answers: Answers = {};
    try {
      let reply = await request(agent, client, cookies, 'GET', path);
      // the link answers 303 to the page to resume (`?p=0` for a new respondent)
      if (reply.status === 303 && reply.location) reply = await request(agent, client, cookies, 'GET', reply.location);
      for (let guard = 0; guard < 30; guard++) {
        if (reply.status !== 200) return false;
        const fields = hidden(reply.body);
        const page = fields.find(([k]) => k === '_page')?.[1];
        const url = action(reply.body);
        if (page === undefined || url === undefined) return /id="benchmark-link"/.test(reply.body);
        const form =
          page === 'review' ? [...fields, ['_action', 'finish'] as [string, string]] : [...fields, ...answerPage(Number(page), answers), ['_action', 'next'] as [string, string]];
        reply = await request(agent, client, cookies, 'POST', url, form);
        // a saved page answers 303 See Other to the next page's GET (post/redirect/get), as a browser follows it
        if (reply.status === 303 && reply.location) reply = await request(agent, client, cookies, 'GET', reply.location);
      }
      return false;
    } catch {
      return false;
    }
  }

  async function worker(): Promise<void> {
    const agent = clientKind === 'node' ? nodeConnection() : new RawConnection('127.0.0.1', port);
    while (!stop) {
      const ok = await questionnaire(agent);
      if (!measuring) continue;
      if (ok) completed++;
      else failures++;
    }
    agent.close();
  }

  const loadBefore = loadavg()[0]!;
  const workers = Array.from({ length: respondents }, worker);
  await new Promise((r) => setTimeout(r, 3000)); // warm-up: JIT, SQLite cache
  const serverCpuBefore = await serverCpu();
  const statementsBefore = serverStatements;
  const commitsBefore = await commits();
  const clientCpuBefore = process.cpuUsage();
  measuring = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const serverCpuUs = (await serverCpu()) - serverCpuBefore;
  const statements = serverStatements - statementsBefore;
  const loadAfter = loadavg()[0]!;
  stop = true;
  await Promise.all(workers);
  await new Promise((r) => setTimeout(r, 1100)); // the statistics collector's next flush
  const transactions = (await commits()) - commitsBefore;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) await adminQuery(adminUrl, `drop database if exists ${benchDatabase} with (force)`);

  latencies.sort((a, b) => a - b);
  firstLatencies.sort((a, b) => a - b);
  const quantile = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))] ?? Number.NaN;
  const q = (p: number) => quantile(latencies, p);
  const result = {
    bench: 'collect',
    database: databaseUrl ? 'postgres' : 'sqlite',
    respondents,
    serverProcesses,
    seconds: Number(elapsed.toFixed(2)),
    completed,
    failures,
    completedPerSecond: Number((completed / elapsed).toFixed(1)),
    requests: latencies.length,
    requestsPerSecond: Number((latencies.length / elapsed).toFixed(0)),
    pageLatencyP50Ms: Number(q(0.5).toFixed(2)),
    pageLatencyP99Ms: Number(q(0.99).toFixed(2)),
    cpus: cpus().length,
    serverCpuMsPerRequest: Number((serverCpuUs / 1000 / Math.max(1, latencies.length)).toFixed(3)),
    serverCpuShare: Number((serverCpuUs / 1e6 / elapsed).toFixed(2)),
    clientCpuMsPerRequest: Number(((clientCpu.user + clientCpu.system) / 1000 / Math.max(1, latencies.length)).toFixed(3)),
    loadAverageBefore: Number(loadBefore.toFixed(2)),
    loadAverageAfter: Number(loadAfter.toFixed(2)),
    ...(databaseUrl
      ? {
          // over the measured window and the questionnaires it completed; transactions include the drain after it
          statementsPerQuestionnaire: Number((statements / Math.max(1, completed)).toFixed(1)),
          transactionsPerQuestionnaire: Number((transactions / Math.max(1, completed)).toFixed(1)),
        }
      : {}),
  };
  if (loadBefore > 1)
    console.log(`note: the machine was busy before the run (load average ${loadBefore.toFixed(2)} on ${cpus().length} cores): figures are lower than on an idle machine`);
  console.log(
    `${respondents} concurrent respondents for ${result.seconds} s on ${databaseUrl ? 'PostgreSQL' : 'SQLite'} (server in ${serverProcesses > 1 ? `${serverProcesses} cluster workers` : 'its own process'}, behind a trusted proxy address)`,
  );
  console.log(`completed questionnaires: ${completed} (${result.completedPerSecond}/s), failures: ${failures}`);
  console.log(`requests: ${result.requests} (${result.requestsPerSecond}/s), page latency p50 ${result.pageLatencyP50Ms} ms, p99 ${result.pageLatencyP99Ms} ms`);
  console.log(
    `CPU per request: server ${result.serverCpuMsPerRequest} ms (the server used ${result.serverCpuShare} of a core), load generator ${result.clientCpuMsPerRequest} ms; load average ${result.loadAverageBefore} before, ${result.loadAverageAfter} after`,
  );
  if (databaseUrl)
    console.log(`PostgreSQL: ${result.statementsPerQuestionnaire} statements and about ${result.transactionsPerQuestionnaire} transactions per completed questionnaire`);
  console.log(`first request of a questionnaire: p50 ${quantile(firstLatencies, 0.5).toFixed(2)} ms, p99 ${quantile(firstLatencies, 0.99).toFixed(2)} ms`);
  console.log(JSON.stringify(result));
}

// last: the class above must be initialised before either runs
if (process.argv.includes('--serve')) {
  await serve();
} else {
  await main();
}
