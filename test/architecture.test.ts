import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type ModuleReading, readModules } from './helpers/read-modules.js';

// The dependency direction of STYLE.md: messages (the interface's wording, a leaf every part but stats may
// import), stats ← study ← store ← analysis ← exchange ← report ← server, cli;
// demo uses study, store, analysis. Nothing imports server or cli except cli (its entry serves the app).
// Imports are read by a parser (esbuild, test/helpers/read-modules.ts), not by matching text: multi-line
// imports, `export … from`, `import()` and `require()` all count; comments and strings do not. Type-only
// imports are erased by TypeScript and load nothing, so they do not count (see read-modules.ts).
const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(HERE, '../src');
const FIXTURES = resolve(HERE, 'fixtures/architecture/src');
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  stats: [],
  messages: [],
  study: ['stats'],
  store: ['stats', 'study'],
  analysis: ['stats', 'study', 'store'],
  exchange: ['stats', 'study', 'store', 'analysis'],
  demo: ['stats', 'study', 'store', 'analysis'],
  report: ['stats', 'study', 'analysis'],
  mail: ['study', 'report'],
  server: ['stats', 'study', 'store', 'analysis', 'exchange', 'demo', 'report', 'mail'],
  cli: ['stats', 'study', 'store', 'analysis', 'exchange', 'demo', 'report', 'mail', 'server'],
};
/** Leaves import nothing else of ours: stats (pure, and no node:* either) and the interface messages. */
const LEAVES = new Set(['stats', 'messages']);
/** The one file of another part a leaf may import: the messages apply French typography. */
const LEAF_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = { messages: ['study/french-typography'] };
/** Parts every part but the leaves may import: the interface messages. */
const SHARED = new Set(['messages']);
/** Files at the root of src/ that every part but the leaves may import. */
const ROOT_FILES = new Set(['app-error']);
/**
 * Files that may read the environment. STYLE.md: `process.env` is read in server/config.ts and the CLI's
 * entry only, validated with zod; everything else receives its settings as arguments.
 */
const ENVIRONMENT_READERS = new Set([
  'server/config.ts', // the server's configuration
  'cli/env.ts', // the CLI's DATA_DIR and DATABASE_URL
  'cli/main.ts', // the CLI's entry: hands process.env to the commands (to move into cli/env.ts)
  'report/charts/assert-golden.test-helper.ts', // test code: UPDATE_GOLDEN=1 rewrites the golden SVG files
]);

/** Files whose computed `import(…)` is source text in a string, not an import of theirs (the check reads the parser's output). */
const COMPUTED_IMPORT_TEXT = new Set([
  'demo/generate-wave-in-worker.ts', // the worker's bootstrap: JavaScript source in a template literal, evaluated in the worker
]);

const withoutExtension = (path: string) => path.replace(/\.[cm]?[jt]sx?$/, '');
const partOf = (path: string) => (path.includes('/') ? path.split('/')[0] : withoutExtension(path));
const KIND_NAMES: Readonly<Record<string, string>> = { 'dynamic-import': 'import(), ', 'require-call': 'require(), ' };

/** What `file` (a path under src/, with `/`) breaks of the layering and of the environment rule. */
function violations(file: string, reading: ModuleReading): string[] {
  const found: string[] = [];
  const part = partOf(file);
  const isRootFile = !file.includes('/');
  if (!isRootFile && !(part in ALLOWED)) {
    return [`src/${part}/ is not a part of the layering: add it to ALLOWED in test/architecture.test.ts`];
  }
  if (reading.computedImports > 0 && !COMPUTED_IMPORT_TEXT.has(file)) found.push('import(expression) or require(expression) cannot be checked; import a literal path');
  for (const { specifier, kind } of reading.imports) {
    if (specifier.startsWith('node:') || isBuiltin(specifier)) {
      if (part === 'stats') found.push(`${specifier}: stats is pure and imports no node:* module`);
      if ((specifier === 'node:process' || specifier === 'process') && !ENVIRONMENT_READERS.has(file)) {
        found.push(`${specifier}: imports process (and so could read the environment): use the global for argv, exit codes and the like`);
      }
      continue;
    }
    if (!specifier.startsWith('.')) continue; // a package
    const target = posix.normalize(posix.join(posix.dirname(file), specifier));
    if (target.startsWith('..')) {
      found.push(`${specifier} is outside src/`);
      continue;
    }
    const targetPart = partOf(target);
    if (targetPart === part && !isRootFile) continue;
    const via = `${KIND_NAMES[kind] ?? ''}${specifier}`;
    if (LEAVES.has(part) || isRootFile) {
      if (!(LEAF_EXCEPTIONS[part] ?? []).includes(withoutExtension(target))) found.push(`${part} imports nothing else of ours (${via})`);
      continue;
    }
    if (target === targetPart || !target.includes('/')) {
      if (!ROOT_FILES.has(withoutExtension(target))) found.push(`${part} must not import src/${target} (${via})`);
      continue;
    }
    if (SHARED.has(targetPart) || ALLOWED[part].includes(targetPart)) continue;
    found.push(`${part} must not import ${targetPart} (${via})`);
  }
  if (!ENVIRONMENT_READERS.has(file)) {
    if (reading.environmentReads > 0) {
      found.push(`reads process.env ${reading.environmentReads} time(s): only server/config.ts and cli/env.ts do (then pass settings as arguments)`);
    }
    if (reading.processAliases > 0) found.push('uses the global process as a value (an alias or a destructuring could read the environment)');
  }
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.[cm]?ts$/.test(path) && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const sourceFiles = files(SRC);
const readings = await readModules(SRC, sourceFiles);

describe('the dependency direction between parts', () => {
  it('reads every source file of src/', () => {
    assert.ok(sourceFiles.length > 100, `only ${sourceFiles.length} files found under ${SRC}`);
    assert.equal(readings.size, sourceFiles.length);
  });
  for (const path of sourceFiles) {
    const file = relative(SRC, path).split(sep).join('/');
    it(`${file} imports only parts below ${partOf(file)} and reads no environment unless allowed`, () => {
      assert.deepEqual(violations(file, readings.get(file)!), []);
    });
  }
});

describe('the architecture check itself, on the fixture tree test/fixtures/architecture/src', async () => {
  const fixtures = await readModules(FIXTURES, files(FIXTURES));
  const check = (file: string) => violations(file, fixtures.get(file)!);

  it('reads each fixture and the imports of the one that has several', () => {
    assert.equal(fixtures.size, 8);
    assert.deepEqual(fixtures.get('study/re-export.ts')!.imports, [
      { specifier: '../server/app.js', kind: 'import-statement' },
      { specifier: '../cli/commands.js', kind: 'import-statement' },
    ]);
  });

  it('reports a forbidden import written over several lines into src/stats', () => {
    assert.deepEqual(check('stats/multi-line-import.ts'), ['stats imports nothing else of ours (../server/app.js)']);
  });

  it('reports a forbidden dynamic import()', () => {
    assert.deepEqual(check('analysis/dynamic-import.ts'), ['analysis must not import server (import(), ../server/app.js)']);
  });

  it('reports forbidden imports passed on with export … from and export * from', () => {
    assert.deepEqual(check('study/re-export.ts'), ['study must not import server (../server/app.js)', 'study must not import cli (../cli/commands.js)']);
  });

  it('reports process.env, process[…] and a destructured process in src/analysis, and lets config.ts read them', () => {
    const reading = fixtures.get('analysis/reads-environment.ts')!;
    assert.equal(reading.environmentReads, 2);
    assert.equal(reading.processAliases, 1);
    assert.equal(check('analysis/reads-environment.ts').length, 2);
    assert.match(check('analysis/reads-environment.ts')[0]!, /reads process\.env 2 time/);
    assert.deepEqual(violations('server/config.ts', reading), []);
  });

  it('reports import(expression), whose target cannot be checked', () => {
    assert.deepEqual(check('report/computed-import.ts'), ['import(expression) or require(expression) cannot be checked; import a literal path']);
  });

  it('lets type-only imports, imports and process.env written in comments and strings, and process.platform pass', () => {
    assert.deepEqual(fixtures.get('report/allowed.ts'), { imports: [], environmentReads: 0, processAliases: 0, computedImports: 0 });
    assert.deepEqual(check('report/allowed.ts'), []);
  });

  it('lets the server and the CLI import what they use', () => {
    assert.deepEqual(check('server/app.ts'), []);
    assert.deepEqual(check('cli/commands.ts'), []);
  });
});

describe('the layering rules', () => {
  const importing = (...specifiers: string[]): ModuleReading => ({
    imports: specifiers.map((specifier) => ({ specifier, kind: 'import-statement' as const })),
    environmentReads: 0,
    processAliases: 0,
    computedImports: 0,
  });

  it('lets every part but stats import the messages, and the messages only French typography', () => {
    assert.deepEqual(violations('server/fake.ts', importing('../messages/fr.js')), []);
    assert.deepEqual(violations('study/fake.ts', importing('../messages/fr.js')), []);
    assert.equal(violations('stats/fake.ts', importing('../messages/fr.js')).length, 1);
    assert.deepEqual(violations('messages/fr.ts', importing('../study/french-typography.js')), []);
    assert.deepEqual(violations('messages/fr.ts', importing('../study/label.js')), ['messages imports nothing else of ours (../study/label.js)']);
    assert.equal(violations('messages/fr.ts', importing('../app-error.js')).length, 1);
  });

  it('refuses a folder of src/ that is not a part, an import outside src/, node:* in stats and node:process outside the readers', () => {
    assert.match(violations('widgets/fake.ts', importing())[0]!, /src\/widgets\/ is not a part/);
    assert.deepEqual(violations('report/fake.ts', importing('../../test/helpers/browser.js')), ['../../test/helpers/browser.js is outside src/']);
    assert.deepEqual(violations('stats/fake.ts', importing('fs')), ['fs: stats is pure and imports no node:* module']);
    assert.equal(violations('report/fake.ts', importing('node:process')).length, 1);
    assert.deepEqual(violations('report/fake.ts', importing('../app-error.js', 'fastify', 'node:fs')), []);
  });
});
