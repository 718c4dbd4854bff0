/**
 * Durable acknowledgements on SQLite: a page save is on disk (fsync'd) before the respondent sees the
 * next page. The system calls are counted by strace around a child process that runs the real app:
 * once with no respondent, once with some; the difference in fsync/fdatasync calls must be at least
 * the number of page saves the app acknowledged. (With `synchronous = NORMAL` in WAL mode, SQLite syncs
 * only at checkpoints: a few syncs for hundreds of saves.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./fixtures/page-saves.ts', import.meta.url));
const STRACE = '/usr/bin/strace';

/** Runs the child under strace; returns the acknowledged page saves and the sync calls made. */
function tracedRun(respondents: number): { acknowledged: number; syncs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-strace-'));
  try {
    const summary = join(dir, 'summary.txt');
    const run = spawnSync(STRACE, ['-f', '-c', '-e', 'trace=fsync,fdatasync', '-o', summary, process.execPath, '--import', 'tsx', CHILD, String(respondents)], {
      encoding: 'utf8',
      env: { ...process.env, TEST_DATABASES: 'sqlite' },
      timeout: 120_000,
    });
    assert.equal(run.status, 0, `the child failed: ${run.stderr}`);
    const { acknowledged } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { acknowledged: number };
    let syncs = 0;
    for (const line of readFileSync(summary, 'utf8').split('\n')) {
      const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(fsync|fdatasync)\s*$/.exec(line);
      if (m) syncs += Number(m[1]);
    }
    return { acknowledged, syncs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('durable page saves on SQLite', () => {
  it('syncs to disk at least once per acknowledged page save', () => {
    const idle = tracedRun(0);
    const busy = tracedRun(2);
    assert.equal(idle.acknowledged, 0);
    assert.ok(busy.acknowledged >= 20, `two whole questionnaires acknowledged (${busy.acknowledged} saves)`);
    const extra = busy.syncs - idle.syncs;
    assert.ok(extra >= busy.acknowledged, `${extra} syncs for ${busy.acknowledged} acknowledged page saves`);
  });
});
