import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { scanModule, tokenize } from './helpers/scan-module.js';

// The store seam (STYLE.md: "the database seam is small"): SQL lives in src/store only. Outside it, no
// code reads a store's Kysely handle or dialect (`.db`, `.dialect`, `['db']`) and no code imports a file
// of src/store but its index, whose `Store` type has neither. Tests that must look at raw tables go
// through test/helpers/raw-database.ts, the one file outside src/store that may import the internals.
// Nor does src outside src/store import Kysely or the PostgreSQL driver.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INTERNAL_NAMES = new Set(['db', 'dialect']);
const RAW_DATABASE_HELPER = 'test/helpers/raw-database.ts';
/**
 * The query builder and the PostgreSQL driver. (better-sqlite3 stays allowed: `barometre backup` copies
 * the SQLite file with its online backup API, a file operation that runs no query of the application.)
 */
const QUERY_PACKAGES = new Set(['kysely', 'pg']);

/** What `file` (a path from the repository root, with `/`) breaks of the store seam. */
function seamViolations(file: string, source: string): string[] {
  if (file.startsWith('src/store/')) return [];
  const found: string[] = [];
  if (file.startsWith('src/')) {
    const tokens = tokenize(source);
    tokens.forEach((token, k) => {
      const previous = tokens[k - 1];
      const next = tokens[k + 1];
      const dotted = token.type === 'name' && INTERNAL_NAMES.has(token.value) && previous?.type === 'punct' && (previous.value === '.' || previous.value === '?.');
      const indexed = token.type === 'punct' && token.value === '[' && next?.type === 'string' && INTERNAL_NAMES.has(next.value) && tokens[k + 2]?.value === ']';
      if (dotted || indexed) {
        const name = dotted ? token.value : next!.value;
        found.push(`line ${token.line}: reads .${name}: SQL lives in src/store; add a repository method`);
      }
    });
  }
  for (const { specifier, line } of scanModule(source).references) {
    if (specifier !== null && file.startsWith('src/') && QUERY_PACKAGES.has(specifier)) {
      found.push(`line ${line}: imports ${specifier}: queries are built in src/store only`);
      continue;
    }
    if (specifier === null || !specifier.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.[cm]?[jt]s$/, '');
    if (!target.startsWith('src/store/')) continue;
    if (file.startsWith('src/') && target !== 'src/store/index') {
      found.push(`line ${line}: imports ${specifier}: outside src/store, import the store from its index`);
    } else if (target === 'src/store/store-internals' && file !== RAW_DATABASE_HELPER) {
      found.push(`line ${line}: imports ${specifier}: tests reach raw tables through ${RAW_DATABASE_HELPER}`);
    }
  }
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return files(path);
    return /\.[cm]?ts$/.test(path) ? [path] : [];
  });
}

describe('the store seam', () => {
  const all = ['src', 'test', 'bench'].flatMap((dir) => files(join(ROOT, dir)));
  it('has files to check in src, test and bench', () => {
    assert.ok(all.filter((f) => f.includes(`${sep}src${sep}`)).length > 100);
    assert.ok(all.some((f) => f.endsWith(join('helpers', 'raw-database.ts'))));
  });
  for (const path of all) {
    const file = relative(ROOT, path).split(sep).join('/');
    if (file.startsWith('src/store/')) continue;
    it(`${file} reads no store internals`, () => {
      assert.deepEqual(seamViolations(file, readFileSync(path, 'utf8')), []);
    });
  }
});

describe('the store seam check itself', () => {
  it('catches .db and .dialect read outside src/store, on one line or over several, and through brackets', () => {
    const source = [
      `const rows = await store.db.selectFrom('responses').execute();`,
      `if (tx?.dialect === 'sqlite') vacuum();`,
      `await app.store`,
      `  .db`,
      `  .deleteFrom('leads');`,
      `const k = store['db'];`,
    ].join('\n');
    assert.deepEqual(
      seamViolations('src/analysis/fake-erasure.ts', source).map((v) => v.split(':')[0]),
      ['line 1', 'line 2', 'line 4', 'line 6'],
    );
    assert.equal(seamViolations('src/cli/commands/fake.test.ts', 'store.db;').length, 1, 'tests in src too');
    assert.deepEqual(seamViolations('src/store/repositories/fake-repository.ts', source), [], 'src/store may');
  });

  it('does not mistake a file name, a comment or a local variable for a store internal', () => {
    const source = [
      `readCliEnv({ DATABASE_URL: 'sqlite:///x.db' });`,
      `// store.db is off limits`,
      `const db = new BetterSqlite3(file);`,
      `db.close();`,
      `const { dialect } = options;`,
    ].join('\n');
    assert.deepEqual(seamViolations('src/cli/commands/fake.ts', source), []);
  });

  it('lets src import the store from its index only, and tests reach the internals through one helper', () => {
    assert.deepEqual(seamViolations('src/server/fake.ts', `import type { Store } from '../store/index.js';`), []);
    assert.equal(seamViolations('src/server/fake.ts', `import {\n  storeInternals,\n} from '../store/store-internals.js';`).length, 1);
    assert.equal(seamViolations('src/analysis/fake.ts', `import type { StoreContext } from '../store/store-context.js';`).length, 1);
    assert.equal(seamViolations('src/demo/fake.ts', `const m = await import('../store/create-database.js');`).length, 1);
    assert.deepEqual(seamViolations('src/store/fake.ts', `import { storeInternals } from './store-internals.js';`), []);
    assert.deepEqual(seamViolations(RAW_DATABASE_HELPER, `import { storeInternals } from '../../src/store/store-internals.js';`), []);
    assert.equal(seamViolations('test/storage/fake.test.ts', `import { storeInternals } from '../../src/store/store-internals.js';`).length, 1);
    assert.equal(seamViolations('bench/fake.ts', `import { storeInternals } from '../src/store/store-internals.js';`).length, 1);
  });

  it('keeps Kysely and the PostgreSQL driver inside src/store', () => {
    assert.deepEqual(seamViolations('src/analysis/fake-erasure.ts', `import { sql } from 'kysely';\nimport type { Kysely } from 'kysely';`), [
      'line 1: imports kysely: queries are built in src/store only',
      'line 2: imports kysely: queries are built in src/store only',
    ]);
    assert.equal(seamViolations('src/server/fake.ts', `import pg from 'pg';`).length, 1);
    assert.deepEqual(seamViolations('src/store/repositories/fake-repository.ts', `import { sql } from 'kysely';`), []);
    assert.deepEqual(seamViolations('test/storage/fake.test.ts', `import { sql } from 'kysely';`), [], 'tests may build raw queries');
  });
});
