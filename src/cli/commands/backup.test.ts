import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { createDatabase, openStore, type Store } from '../../store/index.js';
import { BUILT_IN_STUDIES, validateStudy } from '../../study/index.js';
import { runCli } from '../../../test/helpers/run-cli.js';

const run = (args: string[], env: Record<string, string>) => runCli(args, env);

/**
 * Rows per table of a SQLite file, read on a connection of its own (WAL: it sees what is committed), and
 * its integrity check. The store exposes no SQL; a backup is about the file, so the test reads the file.
 */
function inspectFile(file: string): { counts: Record<string, number>; integrity: string } {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`)
      .all()
      .map((t) => t.name);
    const counts: Record<string, number> = {};
    for (const table of tables) counts[table] = db.prepare<[], { n: number }>(`select count(*) as n from "${table}"`).get()!.n;
    return { counts, integrity: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

describe('barometre backup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'barometre-backup-'));
  let store: Store;
  before(async () => {
    store = await openStore({ dataDir: dir });
    const study = validateStudy(BUILT_IN_STUDIES[0]);
    assert.ok(study.ok);
    const { studyVersion } = await store.studies.saveVersion(study.study.id, study.study as never);
    const wave = await store.waves.create({ studyId: study.study.id, code: 'b', studyVersionId: studyVersion.id, title: 'B', status: 'fieldwork' });
    for (let i = 0; i < 200; i++) await store.responses.createPartial({ waveId: wave.id, publicId: `p${i}`, language: 'fr' });
    await store.contacts.create({ waveId: wave.id, email: 'a@example.org' });
    await store.auditLog.append({ action: 'test' });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the live database consistently: the restored copy opens as a store with the same counts in every table', async () => {
    const file = join(dir, 'copy', 'backup.sqlite');
    rmSync(dirname(file), { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dirname(file));
    // the server keeps writing while the backup runs
    const writes = Promise.all(Array.from({ length: 50 }, (_, i) => store.auditLog.append({ action: `during-${i}` })));
    const result = await run(['backup', file], { DATA_DIR: dir });
    await writes;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /backed up .* pages/);
    const restored = createDatabase({ dataDir: dirname(file), sqliteFileName: basename(file) });
    try {
      assert.equal((await restored.waves.list()).length, 1, 'the copy opens as a store');
    } finally {
      await restored.close();
    }
    const original = inspectFile(join(dir, 'barometre.sqlite'));
    const copy = inspectFile(file);
    assert.deepEqual(Object.keys(copy.counts), Object.keys(original.counts), 'every table');
    for (const table of Object.keys(original.counts)) {
      if (table === 'audit_log') assert.ok(copy.counts[table]! >= 1 && copy.counts[table]! <= original.counts[table]!, 'a moment of the audit log');
      else assert.equal(copy.counts[table], original.counts[table], table);
    }
    assert.equal(copy.integrity, 'ok');
    assert.equal((await run(['backup', file], { DATA_DIR: dir })).code, 2, 'refuses to overwrite');
  });

  it('refuses PostgreSQL and points to pg_dump', async () => {
    const result = await run(['backup', join(dir, 'x.dump')], { DATA_DIR: dir, DATABASE_URL: 'postgres://u@localhost/db' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /pg_dump --format=custom/);
    assert.ok(!existsSync(join(dir, 'x.dump')));
  });
});
