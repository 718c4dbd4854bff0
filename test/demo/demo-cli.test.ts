import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { prepareDemo } from '../../src/demo/index.js';
import { openStore } from '../../src/store/index.js';
import { TEST_DATABASES, openTestStore } from '../helpers/databases.js';

function capture(env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  return { io: { stdout: out, stderr: err, stdin: new PassThrough(), env }, text: () => ({ stdout, stderr }) };
}

const SECRET = 'a-test-secret-of-at-least-32-bytes-0123456789';

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const c = capture(env);
  const code = await main(args, c.io);
  return { code, ...c.text() };
}

/** The public ids of a demo wave stored in the SQLite file of `dataDir`, in insertion order. */
async function publicIds(dataDir: string, code: string): Promise<string[]> {
  const store = await openStore({ dataDir });
  try {
    const wave = await store.waves.getByCode('social-media-barometer', code);
    assert.ok(wave);
    return (await store.responses.list(wave.id)).map((r) => r.publicId);
  } finally {
    await store.close();
  }
}

describe('barometre demo generate / demo reset [sqlite]', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'barometre-demo-cli-'));
    env = { DATA_DIR: dir };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its help and exits 0', async () => {
    const r = await run(['demo', 'generate', '--help'], env);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\[--study ID\] \[--waves CODES\] \[--n N\] \[--seed S\]/);
    assert.match(r.stdout, /comma-separated years for social-media-barometer \(default 2015,2016,2017\)/);
  });

  it('exits 2 on a bad option value', async () => {
    assert.equal((await run(['demo', 'generate', '--n', 'many'], env)).code, 2);
    assert.equal((await run(['demo', 'generate', '--waves', '2015,x'], env)).code, 2);
    assert.equal((await run(['demo', 'generate', '--bogus'], env)).code, 2);
  });

  it('generates the asked waves in DATA_DIR and reports them', async () => {
    const r = await run(['demo', 'generate', '--waves', '2015,2017', '--n', '60', '--seed', '3'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wave 2015: 60 responses .*published/);
    assert.match(r.stdout, /wave 2017: 60 responses .*fieldwork/);
  });

  it('refuses an existing wave with a clear message and exit 2, and replaces it with --replace', async () => {
    const refused = await run(['demo', 'generate', '--waves', '2015', '--n', '20'], env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /wave 2015 .* already exists; use --replace/);
    const replaced = await run(['demo', 'generate', '--waves', '2015', '--n', '20', '--replace'], env);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(replaced.stdout, /wave 2015: 20 responses .*replaced/);
  });

  it('keys the public ids with DATA_DIR/secret.key, created once (mode 0600) when SECRET_KEY is unset', async () => {
    const key = join(dir, 'secret.key');
    assert.ok(existsSync(key), 'secret.key created');
    assert.equal(statSync(key).mode & 0o777, 0o600);
    const first = await publicIds(dir, '2017');
    assert.equal((await run(['demo', 'generate', '--waves', '2017', '--n', '60', '--seed', '3', '--replace'], env)).code, 0);
    assert.deepEqual(await publicIds(dir, '2017'), first, 'same seed, same secret file: same ids');
    const other = mkdtempSync(join(tmpdir(), 'barometre-demo-cli-'));
    try {
      assert.equal((await run(['demo', 'generate', '--waves', '2017', '--n', '60', '--seed', '3'], { DATA_DIR: other })).code, 0);
      const theirs = await publicIds(other, '2017');
      assert.equal(theirs.length, 60);
      assert.ok(
        theirs.every((id) => !first.includes(id)),
        'another installation, another secret: other ids',
      );
      assert.equal(
        (await run(['demo', 'generate', '--waves', '2017', '--n', '60', '--seed', '3', '--replace'], { DATA_DIR: other, SECRET_KEY: readFileSync(key, 'utf8').trim() })).code,
        0,
      );
      assert.deepEqual(await publicIds(other, '2017'), first, 'SECRET_KEY set to the same secret: the same ids');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses a SECRET_KEY shorter than 32 bytes with exit 2, naming the variable', async () => {
    const r = await run(['demo', 'generate', '--waves', '2017', '--n', '5', '--replace'], { ...env, SECRET_KEY: 'short' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /SECRET_KEY: expected at least 32 bytes/);
  });

  it('restores the default demo with demo reset', async () => {
    const r = await run(['demo', 'reset'], env);
    assert.equal(r.code, 0, r.stderr);
    const store = await openStore({ dataDir: dir });
    try {
      const waves = await store.waves.list('social-media-barometer');
      assert.deepEqual(
        waves.map((w) => [w.code, w.status]),
        [
          ['2015', 'published'],
          ['2016', 'published'],
          ['2017', 'fieldwork'],
        ],
      );
      for (const w of waves) assert.equal(await store.responses.count(w.id), 1200);
      const quarters = await store.waves.list('energy-mobility-barometer');
      assert.deepEqual(quarters.map((w) => w.code).sort(), ['T1-2026', 'T2-2026', 'T3-2025', 'T4-2025']);
      for (const w of quarters) assert.equal(await store.responses.count(w.id), 600);
    } finally {
      await store.close();
    }
  });
});

for (const database of TEST_DATABASES) {
  describe(`prepareDemo [${database.name}]`, () => {
    let store: Awaited<ReturnType<typeof openTestStore>>;
    before(async () => {
      store = await openTestStore(database);
    });
    after(() => store.close());

    // its speed is measured by bench/demo.ts and bench/demo-generic.ts, not asserted here
    it('generates the default demo of both built-in studies on a database without waves', async () => {
      const result = await prepareDemo(store, { secretKey: SECRET });
      assert.ok(result);
      assert.deepEqual(
        result.calibrated.waves.map((w) => w.status),
        ['published', 'published', 'fieldwork'],
      );
      assert.deepEqual(
        result.studies.map((s) => s.studyId),
        ['energy-mobility-barometer'],
      );
      assert.deepEqual(
        result.studies[0].waves.map((w) => [w.code, w.status]),
        [
          ['T3-2025', 'published'],
          ['T4-2025', 'published'],
          ['T1-2026', 'published'],
          ['T2-2026', 'fieldwork'],
        ],
      );
      for (const w of result.studies[0].waves) assert.ok(w.weighted && w.summary.generated >= 500, `${w.code}: ${w.summary.generated}`);
    });

    it('does nothing when the database has waves', async () => {
      assert.equal(await prepareDemo(store, { secretKey: SECRET }), undefined);
      assert.equal((await store.waves.list()).length, 7);
    });
  });
}
