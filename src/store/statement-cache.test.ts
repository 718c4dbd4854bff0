import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { cachedStatements } from './statement-cache.js';

function memory() {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec("create table t (id integer primary key, v text); insert into t (v) values ('a'), ('b'), ('c')");
  return sqlite;
}

describe('cachedStatements', () => {
  it('hands out the same prepared statement for the same SQL text', () => {
    const db = cachedStatements(memory());
    const a = db.prepare('select v from t where id = ?');
    assert.equal(db.prepare('select v from t where id = ?'), a);
    assert.notEqual(db.prepare('select v from t where id > ?'), a);
    assert.deepEqual(a.all([2]), [{ v: 'b' }]);
    db.close();
  });

  it('prepares a fresh statement while the cached one is iterating, and reuses the cached one after', () => {
    const db = cachedStatements(memory());
    const sql = 'select id, v from t order by id';
    const outer = db.prepare(sql);
    const seen: string[] = [];
    for (const row of outer.iterate([]) as Iterable<{ id: number; v: string }>) {
      const inner = db.prepare(sql);
      assert.notEqual(inner, outer);
      seen.push(`${row.v}:${inner.all([]).length}`);
    }
    assert.deepEqual(seen, ['a:3', 'b:3', 'c:3']);
    assert.equal(db.prepare(sql), outer);
    db.close();
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const db = cachedStatements(memory(), 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    assert.equal(db.prepare('select 1'), one); // 1 is now the most recent
    db.prepare('select 3'); // evicts 2
    assert.equal(db.prepare('select 1'), one);
    assert.notEqual(db.prepare('select 2'), two);
    db.close();
  });

  it('runs Kysely queries, writes and a stream that queries the same text inside it', async () => {
    const db = new Kysely<{ t: { id: Generated<number>; v: string } }>({ dialect: new SqliteDialect({ database: cachedStatements(memory()) }) });
    await db.insertInto('t').values({ v: 'd' }).execute();
    await db.insertInto('t').values({ v: 'e' }).execute();
    const all = () => db.selectFrom('t').select(['id', 'v']).orderBy('id');
    const counts: number[] = [];
    for await (const row of all().stream()) counts.push(row.id);
    assert.deepEqual(counts, [1, 2, 3, 4, 5]);
    assert.deepEqual(
      (await all().execute()).map((r) => r.v),
      ['a', 'b', 'c', 'd', 'e'],
    );
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ v: 'z' }).where('id', '=', 1).execute();
    });
    assert.equal((await db.selectFrom('t').select('v').where('id', '=', 1).executeTakeFirstOrThrow()).v, 'z');
    await db.destroy();
  });
});
