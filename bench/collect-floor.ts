// The floor under bench:collect: what a questionnaire page can cost on this machine and stack before any
// of Baromètre's own work (validation, display logic, the accessible page, CSRF, i18n, the packed vector).
// The same kind of load as bench:collect (concurrent respondents on the lean keep-alive client, 13 posts
// per questionnaire, a new client address per questionnaire) against minimal servers:
//   render        node:http: read the form, render a 4 KB page; no database
//   save          the same, plus the page save on the app's own schema through bare better-sqlite3: read the
//                 response by its public id, then one transaction (submission row, read the response, merge
//                 its answers, write it back), as src/store/repositories/save-page.ts does through Kysely
//   fastify-save  the save behind Fastify 5 with the plugins the app uses on every page (helmet with CSP
//                 nonces, rate-limit, cookie, formbody)
// each with 1 and 2 server processes (node cluster; one SQLite connection per process, WAL, busy timeout).
// Usage: npm run bench:collect-floor -- [--respondents 50] [--seconds 8] [--only save:1]
//   BENCH_SERVER_FLAGS  node flags for the server processes, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'
// Prints a table, then one JSON line per server.
import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseQuery } from 'node:querystring';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { openStore } from '../src/store/index.js';
import { BUILT_IN_STUDIES, validateStudy } from '../src/study/index.js';
import { RawConnection } from './raw-connection.js';

type Mode = 'render' | 'save' | 'fastify-save';
const MODES: readonly Mode[] = ['render', 'save', 'fastify-save'];
const PAGES = 13;
const KEY = 'bench-floor-key';
const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const sign = (value: string) => `${value}.${createHmac('sha256', KEY).update(value).digest('base64url')}`;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const LABELS = Array.from({ length: 36 }, (_, i) => `Réponse n° ${i + 1} « proposée » & <commentée>`);

/** A page of about 4 KB: a form with hidden fields and 36 escaped choices (the app's pages are 4 to 9 KB). */
function renderPage(page: number): string {
  const sid = randomBytes(16).toString('base64url');
  let out = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page ${page + 1}</title></head><body><main><form method="post" action="/p">`;
  out += `<input type="hidden" name="_sid" value="${sid}"><input type="hidden" name="_shown" value="${sign(String(Date.now()))}">`;
  for (const [i, label] of LABELS.entries()) out += `<label><input type="radio" name="q${page}" value="${i + 1}"> ${escapeHtml(label)}</label>\n`;
  return `${out}<button name="_action" value="next">Suivant</button></form></main></body></html>`;
}

/** The page save on the app's schema, with prepared statements on one better-sqlite3 connection. */
function pageSaver(file: string) {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536'); // as the app's connection (src/store/create-database.ts)
  const waveId = (db.prepare('select id from waves').get() as { id: number }).id;
  const byPublicId = db.prepare('select * from responses where public_id = ?');
  const create = db.prepare('insert into responses (wave_id, public_id, started_at, updated_at) values (?, ?, ?, ?) returning *');
  const submit = db.prepare(
    'insert into submissions (submission_id, response_id, page, outcome, created_at) values (?, ?, ?, ?, ?) on conflict (submission_id) do nothing returning submission_id',
  );
  const byId = db.prepare('select * from responses where id = ?');
  const write = db.prepare('update responses set answers = ?, page_durations = ?, current_page = ?, updated_at = ? where id = ? returning *');
  const save = db.transaction((id: number, form: Record<string, unknown>, page: number, at: string) => {
    submit.get(form._sid, id, page, '{"show":1}', at);
    const row = byId.get(id) as { answers: string; page_durations: string | null };
    const durations = JSON.parse(row.page_durations ?? '{}') as Record<string, number>;
    durations[page] = (durations[page] ?? 0) + 1000;
    write.get(JSON.stringify({ ...JSON.parse(row.answers), ...form }), JSON.stringify(durations), page + 1, at, id);
  });
  /** Saves the posted page for the response named by the signed cookie value; returns a new cookie for a new response. */
  return (signed: string | undefined, form: Record<string, unknown>): string | undefined => {
    const at = new Date().toISOString();
    const publicId = signed?.slice(0, signed.lastIndexOf('.'));
    type Row = { id: number; public_id: string };
    let row = publicId !== undefined && sign(publicId) === signed ? (byPublicId.get(publicId) as Row | undefined) : undefined;
    const fresh = row === undefined;
    row ??= create.get(waveId, randomBytes(16).toString('base64url'), at, at) as Row;
    save.immediate(row.id, form, Number(form._page), at);
    return fresh ? sign(row.public_id) : undefined;
  };
}

async function serve(mode: Mode, file: string): Promise<number> {
  const saver = mode === 'render' ? undefined : pageSaver(file);
  if (mode !== 'fastify-save') {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const form = parseQuery(Buffer.concat(chunks).toString());
        const signed = /(?:^|; )r=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
        const created = saver?.(signed, form);
        if (created) headers['set-cookie'] = `r=${created}; Path=/; HttpOnly; SameSite=Lax`;
        const body = renderPage(Number(form._page));
        headers['content-length'] = Buffer.byteLength(body);
        res.writeHead(200, headers).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }
  const app = Fastify({ trustProxy: '127.0.0.1' });
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'self'"], 'script-src': ["'self'"], 'style-src': ["'self'"] } },
  });
  await app.register(rateLimit, { global: false });
  await app.register(cookie);
  await app.register(formbody);
  app.post('/p', { config: { rateLimit: { max: 120, timeWindow: 60_000 } } }, async (request, reply) => {
    const form = request.body as Record<string, unknown>;
    const created = saver!(request.cookies.r, form);
    if (created) reply.setCookie('r', created, { path: '/', httpOnly: true, sameSite: 'lax' });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderPage(Number(form._page)));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as AddressInfo).port;
}

/** The server process (or, with --processes 2, the cluster's primary and its workers). */
async function serverProcess(): Promise<void> {
  const mode = option('serve', 'render') as Mode;
  const processes = Number(option('processes', '1'));
  const file = option('file', '');
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0)); // exits normally, so --cpu-prof writes its profile
  if (cluster.isPrimary && processes > 1) {
    const workers = Array.from({ length: processes }, () => cluster.fork());
    const port = await new Promise<number>((resolve) => workers[0]!.on('message', (m: { port?: number }) => m.port && resolve(m.port)));
    process.send!({ port });
    const workerCpu = (w: (typeof workers)[number]) =>
      new Promise<number>((resolve) => {
        const onMessage = (m: { cpu?: number }) => m.cpu !== undefined && (w.off('message', onMessage), resolve(m.cpu));
        w.on('message', onMessage);
        w.send('cpu');
      });
    process.on('message', () => void Promise.all(workers.map(workerCpu)).then((t) => process.send!({ cpu: t.reduce((a, b) => a + b, 0) })));
    return;
  }
  const port = await serve(mode, file);
  process.send!({ port });
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send!({ cpu: user + system });
  });
}

async function measure(mode: Mode, processes: number, file: string, respondents: number, seconds: number) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--serve',
      mode,
      '--processes',
      String(processes),
      '--file',
      file,
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  const serverCpu = () => new Promise<number>((resolve) => (child.once('message', (m: { cpu: number }) => resolve(m.cpu)), child.send('cpu')));
  const latencies: number[] = [];
  let completed = 0;
  let measuring = false;
  let stop = false;
  let addresses = 0;
  const respondent = async () => {
    const connection = new RawConnection('127.0.0.1', port);
    while (!stop) {
      const n = addresses++;
      const client = `198.${18 + ((n >> 16) & 1)}.${(n >> 8) & 0xff}.${n & 0xff}`;
      let cookieHeader = '';
      for (let page = 0; page < PAGES; page++) {
        const payload = `_sid=${randomBytes(12).toString('hex')}&_page=${page}&q${page}=3&m${page}_a=2&m${page}_b=4&_action=next`;
        const started = performance.now();
        const reply = await connection.send(
          'POST',
          '/p',
          `X-Forwarded-For: ${client}\r\n${cookieHeader}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${payload.length}\r\n`,
          payload,
        );
        if (reply.status !== 200) throw new Error(`${mode}: HTTP ${reply.status}`);
        if (measuring) latencies.push(performance.now() - started);
        const set = reply.setCookies[0];
        if (set) cookieHeader = `Cookie: ${set.slice(0, set.indexOf(';'))}\r\n`;
      }
      if (measuring) completed++;
    }
    connection.close();
  };
  const running = Array.from({ length: respondents }, respondent);
  await new Promise((r) => setTimeout(r, 2000));
  const cpuBefore = await serverCpu();
  const clientBefore = process.cpuUsage();
  measuring = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  const client = process.cpuUsage(clientBefore);
  const cpu = (await serverCpu()) - cpuBefore;
  stop = true;
  await Promise.all(running);
  child.kill();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Number(latencies[Math.floor(p * latencies.length)]!.toFixed(1));
  return {
    bench: 'collect-floor',
    mode,
    processes,
    respondents,
    seconds: Number(elapsed.toFixed(2)),
    completedPerSecond: Math.round(completed / elapsed),
    requestsPerSecond: Math.round(latencies.length / elapsed),
    pageLatencyP50Ms: q(0.5),
    pageLatencyP99Ms: q(0.99),
    serverCpuMsPerRequest: Number((cpu / 1000 / latencies.length).toFixed(3)),
    serverCores: Number((cpu / 1e6 / elapsed).toFixed(2)),
    clientCpuMsPerRequest: Number(((client.user + client.system) / 1000 / latencies.length).toFixed(3)),
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
}

async function main(): Promise<void> {
  const respondents = Number(option('respondents', '50'));
  const seconds = Number(option('seconds', '8'));
  const only = option('only', '');
  const validated = validateStudy(BUILT_IN_STUDIES[0]);
  if (!validated.ok) throw new Error('built-in study invalid');
  const results = [];
  console.log(`${respondents} concurrent respondents, ${PAGES} posts per questionnaire, ${seconds} s per server, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}`);
  console.log('server            processes  questionnaires/s  requests/s  p50 ms  p99 ms  server CPU ms/request (cores)  client CPU ms/request');
  for (const mode of MODES) {
    for (const processes of mode === 'fastify-save' ? [1] : [1, 2]) {
      if (only !== '' && only !== `${mode}:${processes}`) continue;
      const dataDir = mkdtempSync(join(tmpdir(), 'barometre-bench-floor-'));
      const store = await openStore({ dataDir });
      const { studyVersion } = await store.studies.saveVersion(validated.study.id, validated.study as never);
      await store.waves.create({ studyId: validated.study.id, code: 'floor', studyVersionId: studyVersion.id, title: 'Floor', status: 'fieldwork' });
      await store.close();
      const r = await measure(mode, processes, join(dataDir, 'barometre.sqlite'), respondents, seconds);
      rmSync(dataDir, { recursive: true, force: true });
      results.push(r);
      console.log(
        `${mode.padEnd(18)}${String(processes).padEnd(11)}${String(r.completedPerSecond).padEnd(18)}${String(r.requestsPerSecond).padEnd(12)}${String(r.pageLatencyP50Ms).padEnd(8)}${String(r.pageLatencyP99Ms).padEnd(8)}${`${r.serverCpuMsPerRequest} (${r.serverCores})`.padEnd(31)}${r.clientCpuMsPerRequest}`,
      );
    }
  }
  for (const r of results) console.log(JSON.stringify(r));
}

if (process.argv.includes('--serve')) await serverProcess();
else await main();
