import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../test/helpers/run-cli.js';
import { openStore } from '../../store/index.js';
import { BUILT_IN_STUDIES, validateStudy } from '../../study/index.js';

describe('barometre worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-worker-cli-'));
  const env = { DATA_DIR: dir, SECRET_KEY: 'worker-cli-secret-'.padEnd(48, 'x') };
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its help, and refuses an unknown option with exit 2', async () => {
    const help = await runCli(['worker', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: barometre worker \[--once\]/);
    const bad = await runCli(['worker', '--bogus'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--bogus/);
  });

  it('--once runs the due jobs and exits 0, or 1 when one failed', async () => {
    assert.deepEqual(await runCli(['worker', '--once'], env), { code: 0, stdout: '0 job(s) run\n', stderr: '' });
    const store = await openStore({ dataDir: dir });
    const study = validateStudy(BUILT_IN_STUDIES[0]);
    assert.ok(study.ok);
    const { studyVersion } = await store.studies.saveVersion(study.study.id, study.study as never);
    const wave = await store.waves.create({ studyId: study.study.id, code: 'w', studyVersionId: studyVersion.id, title: 'W', status: 'closed' });
    // invitations to a wave that is not in fieldwork: a permanent failure
    const job = await store.jobs.enqueue({ kind: 'invitations', waveId: wave.id });
    await store.close();
    const run = await runCli(['worker', '--once'], env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /1 job\(s\) run/);
    const after = await openStore({ dataDir: dir });
    const failed = await after.jobs.get(job.id);
    await after.close();
    assert.equal(failed?.status, 'failed');
    assert.match(failed?.lastError ?? '', /not in fieldwork/);
  });
});
