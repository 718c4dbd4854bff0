import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/index.js';
import { validateStudy } from '../../src/study/index.js';
import { checkStoredWave, seriesCodes } from './stored-wave-checks.js';

async function run(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '',
    stderr = '';
  const out = new PassThrough(),
    err = new PassThrough();
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const code = await main(args, { stdout: out, stderr: err, stdin: new PassThrough(), env });
  return { code, stdout, stderr };
}

describe('barometre demo generate --study', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'barometre-demo-study-'));
    env = { DATA_DIR: dir, SECRET_KEY: 'a-test-secret-of-at-least-32-bytes-0123456789' };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fills the given quarters of the energy barometer, in time order, the last in fieldwork', async () => {
    const r = await run(['demo', 'generate', '--study', 'energy-mobility-barometer', '--waves', 'T1-2026,T4-2025', '--n', '120', '--seed', '3'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wave T4-2025 of energy-mobility-barometer: 120 responses \(\d+ complete, \d+ partial, .*120 validated\), published, series order 1, weighted, /m);
    assert.match(r.stdout, /^wave T1-2026 of energy-mobility-barometer: 120 responses .*, fieldwork, series order 2, weighted, /m);
    const store = await openStore({ dataDir: dir });
    try {
      assert.deepEqual(await seriesCodes(store, 'energy-mobility-barometer'), ['T4-2025', 'T1-2026']);
      const stored = await store.studies.latestVersion('energy-mobility-barometer');
      const study = validateStudy(stored!.document);
      assert.ok(study.ok);
      for (const wave of await store.waves.list('energy-mobility-barometer')) await checkStoredWave(store, wave, study.study);
    } finally {
      await store.close();
    }
  });

  it('fills the social-media barometer with its calibrated generator', async () => {
    const r = await run(['demo', 'generate', '--study', 'social-media-barometer', '--waves', '2016', '--n', '50'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wave 2016: 50 responses .*published/m);
  });

  it('exits 2 on an existing wave, a code naming no period and an unknown study', async () => {
    const existing = await run(['demo', 'generate', '--study', 'energy-mobility-barometer', '--waves', 'T4-2025', '--n', '5'], env);
    assert.equal(existing.code, 2);
    assert.match(existing.stderr, /T4-2025 of energy-mobility-barometer already exists; use --replace/);
    const badCode = await run(['demo', 'generate', '--study', 'energy-mobility-barometer', '--waves', 'autumn', '--n', '5'], env);
    assert.equal(badCode.code, 2);
    assert.match(badCode.stderr, /wave code "autumn" names no period/);
    const unknown = await run(['demo', 'generate', '--study', 'no-such-study', '--n', '5'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /study no-such-study is not stored/);
  });

  it('documents --study in its help', async () => {
    const r = await run(['demo', 'generate', '--help'], env);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--study ID/);
  });
});
