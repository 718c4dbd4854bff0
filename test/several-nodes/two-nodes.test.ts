// Two app processes (`barometre serve`) on one PostgreSQL database behind a round-robin client: the
// deployment of the README's "Several nodes" section. Needs PostgreSQL (TEST_DATABASES=…,postgres).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../src/stats/test-helpers.js';
import { runQuestionnaire, type Counters } from '../crash/respondent.js';
import { serverProcess, type ServerProcess } from '../crash/server-process.js';
import { openTestStore, TEST_DATABASES, type TestStore } from '../helpers/databases.js';
import { openWave, STUDY } from '../respond/fieldwork.js';

const SECRET_KEY = 'two-nodes-secret-0123456789abcdef-0123456789abcdef';
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One GET through the node at `port`, as a balancer forwards it (client address in X-Forwarded-For). */
function get(port: number, path: string, address: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { 'x-forwarded-for': address } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

for (const database of TEST_DATABASES.filter((d) => d.name === 'postgres')) {
  describe(`two nodes on one PostgreSQL database behind a round-robin balancer [${database.name}]`, () => {
    let store: TestStore;
    const dirs: string[] = [];
    const nodes: ServerProcess[] = [];
    const ports: number[] = [];
    let env: Record<string, string>;
    let waveCode = '';

    before(async () => {
      store = await openTestStore(database);
      waveCode = (await openWave(store, '2031')).code;
      env = { HOST: '127.0.0.1', PORT: '0', TRUST_PROXY: '127.0.0.1', SECRET_KEY, PUBLIC_URL: 'http://barometre.test', DATABASE_URL: store.options.databaseUrl! };
      for (let i = 0; i < 2; i++) {
        const dir = mkdtempSync(join(tmpdir(), `barometre-node${i}-`)); // nothing shared on disk
        dirs.push(dir);
        const node = serverProcess({ ...env, DATA_DIR: dir });
        nodes.push(node);
        ports.push(await node.start());
      }
    });
    after(async () => {
      for (const node of nodes) await node.stop();
      await store?.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('lets a respondent alternating nodes complete, and the benchmark link works on both nodes', async () => {
      let turn = 0;
      const counters: Counters = { requests: 0, retries: 0, acknowledgedPages: 0 };
      const agent = new http.Agent({ keepAlive: false });
      const done = await runQuestionnaire(
        {
          study: STUDY,
          port: () => ports[turn++ % 2]!,
          path: `/s/${STUDY.id}/${waveCode}`,
          address: '198.18.0.1',
          marker: 'two-nodes-1',
          counters,
          random: seededRandom(7),
          maxAttempts: 1,
        },
        agent,
        () => false,
      );
      assert.equal(done.rejected, undefined);
      assert.equal(done.complete, true);
      assert.ok(done.acknowledgedPages >= 3, `${done.acknowledgedPages} pages`);
      assert.ok(turn >= 6, 'the requests went to both nodes in turn');
      const link = done.benchmarkUrl!;
      assert.match(link, /^\/benchmark\/[A-Za-z0-9_-]+$/);
      for (const port of ports) assert.equal((await get(port, link, '198.18.0.2')).status, 200, `node on ${port}`);
      assert.equal(await store.responses.count((await store.waves.list()).find((w) => w.code === waveCode)!.id, { status: 'complete', includeExcluded: true }), 1);
    });

    it('counts a rate limit across both nodes: one budget per installation', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) statuses.push((await get(ports[i % 2]!, '/unsubscribe', '198.18.9.9')).status);
      assert.ok(
        statuses.slice(0, 30).every((s) => s !== 429),
        statuses.join(','),
      );
      assert.deepEqual(statuses.slice(30), [429, 429], 'the 31st request is over the budget of 30 a minute, whichever node answers');
    });

    it('refuses to start a node with another SECRET_KEY, naming the variable (exit 2, message on stderr)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'barometre-node-other-'));
      dirs.push(dir);
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'serve'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, DATA_DIR: dir, SECRET_KEY: 'another-secret-'.padEnd(64, 'z') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.stderr.on('data', (c: Buffer) => (stderr += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      assert.equal(code, 2, stderr);
      assert.match(stderr, /SECRET_KEY differs from the one this database was first served with/);
      assert.ok(!stderr.includes(SECRET_KEY) && !stderr.includes('another-secret-'), 'no secret in the message');
      assert.ok(!stdout.includes('is serving'));
    });
  });
}
